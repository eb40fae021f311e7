//! Why a result matched, when its card does not show it. A search reads an entry's other names,
//! what it does against trafficking, its people, its instruments, its kind, forms of exploitation
//! and regions, but a card shows only the name, acronym, place, summary, level and focus areas:
//! without the passage that matched, "guterres" would list the United Nations with no word of
//! Guterres on its card.

use std::cmp::Reverse;

use super::model::Organization;
use super::search::{searchable, Query, QueryWord};

/// Longer passages are cut to this many words around the first word that matched.
const MOST_WORDS: usize = 32;

/// A passage of an entry that a search matched, and what part of the entry it is from, named as the
/// detail view names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub label: &'static str,
    pub text: String,
}

impl Excerpt {
    /// The passage that holds most of the searched words the card does not show, or `None` when the
    /// card shows them all (or nothing is searched for). Of passages that hold as many, the one
    /// that holds the word the fewest passages hold: for "organ trafficking", the sentence that
    /// names organs, not the first of many that name trafficking.
    pub fn find(org: &Organization, query: &Query) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let shown = searchable(&format!(
            "{} {} {} {}",
            org.name,
            org.acronym.as_deref().unwrap_or_default(),
            org.summary,
            org.card_extras().collect::<Vec<_>>().join(" ")
        ));
        // Of a hyphenated query, the words in parts and the words whole (see
        // [`Query::alternatives`]): the card shows why it matched if it shows either.
        let unseen: Vec<Vec<QueryWord>> = query
            .alternatives()
            .map(|alternative| alternative.words().filter(|w| !w.is_in(&shown)).collect())
            .collect();
        if unseen.iter().any(Vec::is_empty) {
            return None;
        }
        unseen.iter().find_map(|words| passage_holding(org, words))
    }
}

/// The passage of `org` beyond its card that holds most of `unseen`, words its card does not show,
/// and of those the one that holds the word the fewest passages hold.
fn passage_holding(org: &Organization, unseen: &[QueryWord]) -> Option<Excerpt> {
    // For each passage, which of the unseen words it holds.
    let passages: Vec<(&str, String, Vec<bool>)> = passages(org)
        .map(|(label, text)| {
            let normalized = searchable(&text);
            let held = unseen.iter().map(|w| w.is_in(&normalized)).collect();
            (label, text, held)
        })
        .collect();
    let holders: Vec<usize> = (0..unseen.len())
        .map(|i| passages.iter().filter(|(_, _, held)| held[i]).count())
        .collect();
    // More words held, then the rarest word held: fewer passages hold it.
    let score = |held: &[bool]| {
        let words = held.iter().filter(|&&h| h).count();
        let rarest = held
            .iter()
            .zip(&holders)
            .filter(|(&h, _)| h)
            .map(|(_, &holders)| holders)
            .min();
        (words, Reverse(rarest))
    };
    let (score, label, text) = passages
        .into_iter()
        .map(|(label, text, held)| (score(&held), label, text))
        .reduce(|best, next| if next.0 > best.0 { next } else { best })?;
    (score.0 > 0).then(|| Excerpt {
        label,
        text: around(&text, unseen),
    })
}

/// The passages a search reads beyond the card, in the order the detail view shows them.
fn passages(org: &Organization) -> impl Iterator<Item = (&'static str, String)> + '_ {
    let aliases = org
        .aliases
        .iter()
        .map(|alias| ("Also known as", alias.clone()));
    let role = sentences(&org.role).map(|sentence| ("Against trafficking", sentence.to_owned()));
    let instruments = org
        .instruments
        .iter()
        .map(|instrument| ("Instruments", instrument.title()));
    let people = org
        .people
        .iter()
        .map(|person| ("People", format!("{}: {}", person.role, person.name)));
    let labels = org
        .detail_labels()
        .into_iter()
        .filter(|(_, labels)| !labels.is_empty())
        .map(|(title, labels)| (title, labels.join(", ")));
    aliases
        .chain(role)
        .chain(instruments)
        .chain(people)
        .chain(labels)
}

/// The sentences of a text: a full stop followed by a space and a capital ends one, unless it ends
/// an initial or an abbreviation with stops inside ("U.S. Department", "J. Smith").
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut searched = 0;
        let end = loop {
            let Some(stop) = rest[searched..].find(". ").map(|at| searched + at) else {
                break rest.len();
            };
            let word_before = rest[..stop].rsplit(' ').next().unwrap_or_default();
            let next_is_capital = rest[stop + 2..].starts_with(|c: char| c.is_uppercase());
            if next_is_capital && word_before.chars().count() > 1 && !word_before.contains('.') {
                break stop + 1;
            }
            searched = stop + 2;
        };
        let sentence = &rest[..end];
        rest = rest[end..].trim_start();
        Some(sentence)
    })
}

/// `text`, or the words of it around the first word holding one of `words`, where the most of
/// `words` stand together, marked "…" where cut: "organ trafficking" shows where organs are named,
/// not the first "trafficking" of a long sentence.
fn around(text: &str, words: &[QueryWord]) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= MOST_WORDS {
        return text.to_owned();
    }
    // Which of `words` each word of the text holds, a bit each.
    let held: Vec<u64> = all
        .iter()
        .map(|word| {
            let word = searchable(word);
            words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.is_in(&word))
                .fold(0, |bits, (i, _)| bits | 1 << i.min(63))
        })
        .collect();
    let held_between = |start: usize| {
        held[start..start + MOST_WORDS]
            .iter()
            .fold(0u64, |bits, word| bits | word)
            .count_ones()
    };
    let start = (0..all.len())
        .filter(|&first| held[first] != 0)
        .map(|first| {
            first
                .saturating_sub(MOST_WORDS / 3)
                .min(all.len() - MOST_WORDS)
        })
        .max_by_key(|&start| (held_between(start), Reverse(start)))
        .unwrap_or(0);
    let end = start + MOST_WORDS;
    let mut cut = all[start..end].join(" ");
    if start > 0 {
        cut.insert_str(0, "… ");
    }
    if end < all.len() {
        cut.push_str(" …");
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::tests::TODAY;
    use crate::core::Dataset;

    fn entry() -> Organization {
        let json = r#"[{"id":"un","name":"United Nations","acronym":"UN","aliases":["Organisation des Nations unies"],
"level":"un","kind":"intergovernmental-organization","headquarters":{"city":"New York","country":"US"},
"summary":"The world body of 193 member states.",
"role":"Its General Assembly adopted the Global Plan of Action in 2010. The U.S. Department of State and J. Smith took part. Member states report on labour exploitation every year.",
"focus":["prevention"],"forms":[],"regions":["global","europe"],
"people":[{"role":"Secretary-General","name":"António Guterres","as_of":"2026-02-23"}],
"instruments":[{"name":"Protocol to Prevent, Suppress and Punish Trafficking in Persons","short_name":"Palermo Protocol","year":2000,"role":"Guardian."}],
"sources":[{"url":"https://example.org","title":"T"}],"last_verified":"2026-01-01"}]"#;
        let data = Dataset::parse(json, TODAY).expect("valid");
        data.entries()[0].clone()
    }

    #[test]
    fn a_search_the_card_shows_needs_no_excerpt() {
        let un = entry();
        assert_eq!(Excerpt::find(&un, &Query::new("")), None);
        assert_eq!(Excerpt::find(&un, &Query::new("united nations")), None);
        assert_eq!(Excerpt::find(&un, &Query::new("UN member states")), None);
        assert_eq!(
            Excerpt::find(&un, &Query::new("new york united states")),
            None
        );
        // The level and focus areas are labels on the card.
        assert_eq!(
            Excerpt::find(&un, &Query::new("un system prevention")),
            None
        );
    }

    #[test]
    fn the_passage_that_matched_is_shown_with_what_part_it_is() {
        let un = entry();
        let excerpt = |q| Excerpt::find(&un, &Query::new(q)).map(|e| (e.label, e.text));
        assert_eq!(
            excerpt("guterres"),
            Some(("People", "Secretary-General: António Guterres".into()))
        );
        assert_eq!(
            excerpt("nations unies"),
            Some(("Also known as", "Organisation des Nations unies".into()))
        );
        assert_eq!(
            excerpt("palermo"),
            Some((
                "Instruments",
                "Protocol to Prevent, Suppress and Punish Trafficking in Persons (Palermo Protocol)"
                    .into()
            ))
        );
        // A sentence, whole: initials and abbreviations do not end it; spelling is forgiven.
        assert_eq!(
            excerpt("department"),
            Some((
                "Against trafficking",
                "The U.S. Department of State and J. Smith took part.".into()
            ))
        );
        assert_eq!(
            excerpt("united labor"),
            Some((
                "Against trafficking",
                "Member states report on labour exploitation every year.".into()
            ))
        );
        // Of two passages, the one with more of the words not on the card.
        assert_eq!(
            excerpt("state smith").map(|(label, _)| label),
            Some("Against trafficking")
        );
        // The labels only the detail view shows, under its titles.
        assert_eq!(
            excerpt("europe"),
            Some(("Regions", "Global, Europe".into()))
        );
        assert_eq!(
            excerpt("intergovernmental"),
            Some(("Kind", "Intergovernmental organization".into()))
        );
        assert_eq!(excerpt("zebra"), None);
        // Of passages that hold as many words, the one whose word the fewest others hold: "in"
        // is in a sentence of what it does and in an instrument, "Guterres" only under People.
        assert_eq!(
            excerpt("in guterres"),
            Some(("People", "Secretary-General: António Guterres".into()))
        );
    }

    #[test]
    fn a_long_passage_is_cut_around_the_first_word_that_matched() {
        let words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let span = |from: usize, to: usize| words[from..to].join(" ");
        let around =
            |text: &str, query: &str| around(text, &Query::new(query).words().collect::<Vec<_>>());
        assert_eq!(around(&text, "w20"), format!("… {} …", span(10, 42)));
        assert_eq!(around(&text, "w50"), format!("… {}", span(28, 60)));
        assert_eq!(around(&text, "w3"), format!("{} …", span(0, 32)));
        // A finished word is not found inside a longer one: "w3" is not in "w30".
        assert_eq!(around(&text, "w3 w40"), format!("{} …", span(0, 32)));
        assert_eq!(around(&text, "w4 w5"), format!("{} …", span(0, 32)));
        assert_eq!(around("short text", "text"), "short text");
        // Where both words stand together, rather than where the first of them does.
        let mut words = words.clone();
        words[2] = "alpha".into();
        words[40] = "alpha".into();
        words[44] = "beta".into();
        let text = words.join(" ");
        assert_eq!(
            around(&text, "alpha beta"),
            format!("… {}", words[28..60].join(" "))
        );
        assert_eq!(
            around(&text, "alpha"),
            format!("{} …", words[..32].join(" "))
        );
    }
}
