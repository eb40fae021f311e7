//! What a detail view says about one organization, worked out as plain data: its facts, its tags
//! and its titled lists. The view only lays these out, with one way of drawing every line, which
//! keeps the decisions testable here and the wasm small.

use super::dataset::{is_https_url, Dataset};
use super::model::Organization;
use super::vocabulary::Vocabulary;

/// Where a line leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nowhere: plain text.
    Nothing,
    /// An outside page; only ever an https URL.
    Web(String),
    /// Another organization's detail view, by id.
    Entry(String),
}

impl Target {
    /// A link to `url` if it is https, plain text otherwise: nothing else becomes a link.
    fn web(url: &str) -> Self {
        if is_https_url(url) {
            Self::Web(url.to_owned())
        } else {
            Self::Nothing
        }
    }
}

/// One line of a detail view: `{before}{text}{after}`, where only `text` may lead somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub before: Option<String>,
    pub text: String,
    pub target: Target,
    /// Whether `text` is what the reader looks for first (a person's name after their role).
    pub strong: bool,
    /// A document symbol, set apart from the title.
    pub symbol: Option<String>,
    /// Secondary text, shown muted.
    pub after: Option<String>,
}

impl Line {
    fn text(text: impl Into<String>) -> Self {
        Self {
            before: None,
            text: text.into(),
            target: Target::Nothing,
            strong: false,
            symbol: None,
            after: None,
        }
    }

    fn to(self, target: Target) -> Self {
        Self { target, ..self }
    }

    fn after(self, after: Option<String>) -> Self {
        Self { after, ..self }
    }
}

/// A labelled fact: "Founded: 1923".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub term: &'static str,
    pub value: Line,
}

/// A titled group of vocabulary labels: "Regions: Africa, Europe".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tags {
    pub title: &'static str,
    pub labels: Vec<&'static str>,
}

/// A titled list: "Sources", "People"…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub lines: Vec<Line>,
}

/// Everything a detail view shows below the organization's name, summary and role. Empty facts,
/// tags and lists are left out, except the sources, which every entry has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub facts: Vec<Fact>,
    pub tags: Vec<Tags>,
    pub sections: Vec<Section>,
}

/// A count with its thousands set apart, as people write it: "1,400", "57".
fn grouped(count: u32) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

impl Dataset {
    /// The detail view of `org`, with its parent and the bodies within it looked up here.
    pub fn profile(&self, org: &Organization) -> Profile {
        let facts = [
            ("Level", Some(Line::text(org.level.label()))),
            ("Kind", Some(Line::text(org.kind.label()))),
            ("Headquarters", org.place().map(Line::text)),
            (
                "Founded",
                org.founded.map(|year| Line::text(year.to_string())),
            ),
            (
                "Members",
                org.members
                    .map(|m| Line::text(format!("{} (as of {})", grouped(m.count), m.as_of))),
            ),
            (
                "Part of",
                org.parent
                    .as_deref()
                    .and_then(|id| self.get(id))
                    .map(|parent| Line::text(&parent.name).to(Target::Entry(parent.id.clone()))),
            ),
            (
                "Website",
                org.website
                    .as_deref()
                    .map(|url| Line::text(url).to(Target::web(url))),
            ),
            (
                "Also known as",
                (!org.aliases.is_empty()).then(|| Line::text(org.aliases.join("; "))),
            ),
        ]
        .into_iter()
        .filter_map(|(term, value)| {
            Some(Fact {
                term,
                value: value?,
            })
        })
        .collect();

        let tags = org
            .tag_lists()
            .into_iter()
            .filter(|(_, labels)| !labels.is_empty())
            .map(|(title, labels)| Tags { title, labels })
            .collect();

        let children: Vec<Line> = self
            .children(&org.id)
            .into_iter()
            .map(|child| Line::text(&child.name).to(Target::Entry(child.id.clone())))
            .collect();
        let instruments = org
            .instruments
            .iter()
            .map(|i| {
                let mut name = i.title();
                if let Some(year) = i.year {
                    name.push_str(&format!(", {year}"));
                }
                Line::text(name).after(Some(format!(" — {}", i.role)))
            })
            .collect();
        let publications = org
            .publications
            .iter()
            .map(|p| {
                let title = match p.year {
                    Some(year) => format!("{} ({year})", p.title),
                    None => p.title.clone(),
                };
                let target = p.url.as_deref().map_or(Target::Nothing, Target::web);
                Line {
                    symbol: p.symbol.clone(),
                    ..Line::text(title).to(target)
                }
            })
            .collect();
        let people = org
            .people
            .iter()
            .map(|p| Line {
                before: Some(format!("{}: ", p.role)),
                strong: true,
                ..Line::text(&p.name).after(Some(format!(" (as of {})", p.as_of.in_words())))
            })
            .collect();
        let sources = org
            .sources
            .iter()
            .map(|s| Line::text(&s.title).to(Target::web(&s.url)))
            .collect();
        let sections = [
            ("Bodies within it", children),
            ("Instruments", instruments),
            ("Publications", publications),
            ("People", people),
            ("Sources", sources),
        ]
        .into_iter()
        .filter(|(title, lines)| !lines.is_empty() || *title == "Sources")
        .map(|(title, lines)| Section { title, lines })
        .collect();

        Profile {
            facts,
            tags,
            sections,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::tests::{entry_json, TODAY};

    fn data() -> Dataset {
        let parent = entry_json(
            "parent",
            r#","website":"https://parent.example","aliases":["P","Parent body"],
"people":[{"role":"Director","name":"A. Person","as_of":"2026-01-02"}]"#,
        );
        let child = entry_json(
            "child",
            r#","parent":"parent","founded":1999,"headquarters":{"city":"Vienna","country":"AT"},
"forms":["forced-labour"],"publications":[{"title":"Report","year":2020,"symbol":"A/1/2","url":"https://example.org/r"},
{"title":"Plain","symbol":"A/3"}],"instruments":[{"name":"Protocol","short_name":"TIP","year":2000,"role":"Guardian."}]"#,
        );
        Dataset::parse(format!("[{parent},\n{child}]"), TODAY).expect("valid")
    }

    fn section<'a>(profile: &'a Profile, title: &str) -> Option<&'a Section> {
        profile.sections.iter().find(|s| s.title == title)
    }

    #[test]
    fn facts_are_in_order_and_empty_ones_are_left_out() {
        let data = data();
        let child = data.profile(data.get("child").expect("child"));
        let terms: Vec<&str> = child.facts.iter().map(|f| f.term).collect();
        assert_eq!(
            terms,
            ["Level", "Kind", "Headquarters", "Founded", "Part of"]
        );
        assert_eq!(child.facts[2].value.text, "Vienna, Austria");
        assert_eq!(child.facts[4].value.target, Target::Entry("parent".into()));
        let tags: Vec<&str> = child.tags.iter().map(|t| t.title).collect();
        assert_eq!(tags, ["Focus areas", "Forms of exploitation", "Regions"]);
    }

    #[test]
    fn counts_set_their_thousands_apart() {
        for (count, text) in [
            (0, "0"),
            (57, "57"),
            (196, "196"),
            (1400, "1,400"),
            (25_000, "25,000"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(grouped(count), text);
        }
    }

    #[test]
    fn only_https_urls_become_links() {
        let data = data();
        let parent = data.profile(data.get("parent").expect("parent"));
        let website = parent
            .facts
            .iter()
            .find(|f| f.term == "Website")
            .expect("a website");
        assert_eq!(
            website.value.target,
            Target::Web("https://parent.example".into())
        );
        // Validation already rejects other URLs; the view does not rely on it.
        for url in [
            "http://insecure.example",
            "javascript:alert(1)",
            "//example.org",
        ] {
            assert_eq!(Target::web(url), Target::Nothing, "{url}");
        }
        let child = data.profile(data.get("child").expect("child"));
        let publications = &section(&child, "Publications").expect("publications").lines;
        assert_eq!(publications[0].text, "Report (2020)");
        assert_eq!(publications[0].symbol.as_deref(), Some("A/1/2"));
        assert_eq!(
            publications[0].target,
            Target::Web("https://example.org/r".into())
        );
        assert_eq!(publications[1].target, Target::Nothing);
    }

    #[test]
    fn lists_name_people_instruments_and_children() {
        let data = data();
        let parent = data.profile(data.get("parent").expect("parent"));
        let titles: Vec<&str> = parent.sections.iter().map(|s| s.title).collect();
        assert_eq!(titles, ["Bodies within it", "People", "Sources"]);
        let person = &section(&parent, "People").expect("people").lines[0];
        assert_eq!(
            (
                person.before.as_deref(),
                person.text.as_str(),
                person.after.as_deref()
            ),
            (
                Some("Director: "),
                "A. Person",
                Some(" (as of 2 January 2026)")
            )
        );
        assert!(person.strong);
        let also = parent
            .facts
            .iter()
            .find(|f| f.term == "Also known as")
            .expect("aliases");
        assert_eq!(also.value.text, "P; Parent body");
        let child = data.profile(data.get("child").expect("child"));
        let instrument = &section(&child, "Instruments").expect("instruments").lines[0];
        assert_eq!(instrument.text, "Protocol (TIP), 2000");
        assert_eq!(instrument.after.as_deref(), Some(" — Guardian."));
        assert_eq!(section(&child, "Sources").expect("sources").lines.len(), 1);
    }
}
