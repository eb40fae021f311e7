//! The view state in a URL query string (`?q=child&level=un,ngo&org=unicef`), so that a view can be
//! shared as a link and restored on reload. Unknown keys and values are left out of the view, never
//! an error; the values of the directory's own keys are named in a note (see [`LeftOut`]).

use std::fmt::{self, Write};

use super::dataset::quoted;
use super::filter::{Facet, Filters, SortOrder};
use super::vocabulary::{Choices, Vocabulary};

/// Percent-encodes everything but unreserved characters; a space becomes `+`.
fn encode(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

/// Decodes `+` and `%XX`; malformed escapes are kept as written and invalid UTF-8 is replaced.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The values a link gives the directory's own keys that name nothing in it (`level=polcing`,
/// `sort=newest`), which the view leaves out. A person who followed the link is told, since the
/// view is then wider than the link meant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut(Vec<(&'static str, String)>);

impl LeftOut {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("This link asks for ")?;
        for (i, (key, value)) in self.0.iter().enumerate() {
            let separator = match i {
                0 => "",
                _ if i + 1 == self.0.len() => " and ",
                _ => ", ",
            };
            write!(f, "{separator}{key} “{}”", quoted(value))?;
        }
        let them = if self.0.len() == 1 {
            "it is"
        } else {
            "they are"
        };
        write!(
            f,
            ", which this directory does not have: {them} left out of the view."
        )
    }
}

/// Adds the values of a comma-separated list to `set`, and those that name nothing to `left_out`:
/// a link may name a facet more than once (`level=un&level=ngo`, as a form with two ticked boxes
/// writes it).
fn add_to_set<V: Vocabulary>(
    set: &mut Choices<V>,
    value: &str,
    facet: Facet,
    left_out: &mut LeftOut,
) {
    for slug in value.split(',').filter(|slug| !slug.is_empty()) {
        match V::from_slug(slug) {
            Some(value) => set.insert(value),
            None => left_out.0.push((facet.key(), slug.to_owned())),
        }
    }
}

fn join_set<V: Vocabulary>(set: Choices<V>) -> String {
    set.iter().map(|v| v.slug()).collect::<Vec<_>>().join(",")
}

impl Filters {
    /// Reads the state from a query string, with or without its leading `?`.
    pub fn from_query(query: &str) -> Self {
        Self::read_query(query).0
    }

    /// Reads the state from a query string, and what in it names nothing here. Keys that are not
    /// the directory's own (`utm_source`) are nobody's mistake, and are passed over in silence.
    pub fn read_query(query: &str) -> (Self, LeftOut) {
        let mut filters = Self::default();
        let mut left_out = LeftOut::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            // Keys, slugs and ids are lower case: a link typed or edited by hand may not be.
            let slug = value.to_ascii_lowercase();
            match decode(key).to_ascii_lowercase().as_str() {
                "q" if filters.q.is_empty() => filters.q = value,
                "q" => {
                    filters.q.push(' ');
                    filters.q.push_str(&value);
                }
                "level" => add_to_set(&mut filters.levels, &slug, Facet::Level, &mut left_out),
                "region" => add_to_set(&mut filters.regions, &slug, Facet::Region, &mut left_out),
                "focus" => add_to_set(&mut filters.focus, &slug, Facet::Focus, &mut left_out),
                "form" => add_to_set(&mut filters.forms, &slug, Facet::Form, &mut left_out),
                "org" => filters.org = Some(slug).filter(|v| !v.is_empty()),
                "sort" => match SortOrder::from_slug(&slug) {
                    Some(sort) => filters.sort = sort,
                    None if slug.is_empty() => {}
                    None => left_out.0.push(("sort", slug)),
                },
                _ => {}
            }
        }
        (filters, left_out)
    }

    /// Writes the state as a query string with its leading `?`, or `""` for the default view.
    /// Keys come in a fixed order so that the same state always gives the same link; facet slugs
    /// need no escaping, so their separating commas stay readable.
    pub fn to_query(&self) -> String {
        let escaped = |text: &str| {
            let mut out = String::new();
            encode(text, &mut out);
            out
        };
        let sort = if self.sort == SortOrder::default() {
            ""
        } else {
            self.sort.slug()
        };
        let pairs = [
            ("q", escaped(&self.q)),
            (Facet::Level.key(), join_set(self.levels)),
            (Facet::Region.key(), join_set(self.regions)),
            (Facet::Focus.key(), join_set(self.focus)),
            (Facet::Form.key(), join_set(self.forms)),
            ("org", escaped(self.org.as_deref().unwrap_or_default())),
            ("sort", sort.to_owned()),
        ];
        let mut out = String::new();
        for (key, value) in pairs.iter().filter(|(_, value)| !value.is_empty()) {
            out.push(if out.is_empty() { '?' } else { '&' });
            out.push_str(key);
            out.push('=');
            out.push_str(value);
        }
        out
    }

    /// Whether a query string asks for the iframe embed view (`embed=1`).
    pub fn is_embed_query(query: &str) -> bool {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair == "embed=1")
    }

    /// Whether `next` differs from this in its order alone.
    fn is_sorting(&self, next: &Self) -> bool {
        self.sort != next.sort
            && Self {
                sort: next.sort,
                ..self.clone()
            } == *next
    }

    /// Whether `next` differs from this in its search text alone.
    fn is_typing(&self, next: &Self) -> bool {
        Self {
            q: next.q.clone(),
            ..self.clone()
        } == *next
    }
}

/// How a change of view reaches the browser history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryStep {
    None,
    Replace,
    Push,
}

/// The view the browser history's current entry holds, and whether the change to it chose another
/// order: what decides how the next change reaches the history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    view: Filters,
    /// Whether the change to this view chose another order alone.
    sorted: bool,
}

impl HistoryEntry {
    /// An entry as the browser shows it: at the start, or after Back or Forward.
    pub fn new(view: Filters) -> Self {
        Self {
            view,
            sorted: false,
        }
    }

    /// Moves to the view `next`, and says how: typing in the search box replaces the current
    /// entry, and so does another order chosen right after one (the arrow keys on the "Sort by" box
    /// choose one at every press), while opening a detail view, changing a facet or first changing
    /// the order adds one, so that Back returns to the previous meaningful view.
    pub fn change_to(&mut self, next: Filters) -> HistoryStep {
        if self.view == next {
            return HistoryStep::None;
        }
        let sorting = self.view.is_sorting(&next);
        let step = if self.view.is_typing(&next) || (self.sorted && sorting) {
            HistoryStep::Replace
        } else {
            HistoryStep::Push
        };
        *self = Self {
            view: next,
            sorted: sorting,
        };
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::vocabulary::{Focus, Level, Region};

    #[test]
    fn a_shared_link_restores_the_view() {
        let filters = Filters::from_query(
            "?q=child+labour&level=un,ngo&region=europe&org=unicef&sort=founded",
        );
        assert_eq!(filters.q, "child labour");
        assert_eq!(filters.levels, Choices::from([Level::Un, Level::Ngo]));
        assert_eq!(filters.regions, Choices::from([Region::Europe]));
        assert_eq!(filters.org.as_deref(), Some("unicef"));
        assert_eq!(filters.sort, SortOrder::Founded);
        assert_eq!(
            filters.to_query(),
            "?q=child+labour&level=un,ngo&region=europe&org=unicef&sort=founded"
        );
    }

    #[test]
    fn a_link_written_by_hand_or_by_a_form_is_read_as_meant() {
        let by_hand = Filters::from_query(
            "?Level=UN&level=ngo&REGION=Europe&q=child&q=labour&org=UNICEF&sort=Founded",
        );
        let as_written = Filters::from_query(
            "?q=child+labour&level=un,ngo&region=europe&org=unicef&sort=founded",
        );
        assert_eq!(
            by_hand, as_written,
            "any case, a key given twice, the words of every q"
        );
    }

    #[test]
    fn unknown_keys_and_values_are_ignored() {
        let filters = Filters::from_query(
            "utm_source=x&level=police,ngo,&focus=%ZZ&sort=random&embed=1&&=&org=",
        );
        assert_eq!(filters.levels, Choices::from([Level::Ngo]));
        assert!(filters.focus.is_empty());
        assert_eq!(filters.sort, SortOrder::BestMatch);
        assert_eq!(filters.org, None);
    }

    #[test]
    fn values_that_name_nothing_are_named_in_a_note_and_other_keys_are_not() {
        let (filters, left_out) = Filters::read_query(
            "utm_source=x&Level=Police,NGO,&focus=%ZZ&sort=random&embed=1&org=",
        );
        assert_eq!(filters.levels, Choices::from([Level::Ngo]));
        assert_eq!(
            left_out.to_string(),
            "This link asks for level “police”, focus “%zz” and sort “random”, which this \
             directory does not have: they are left out of the view."
        );
        let (_, one) = Filters::read_query("?form=organ-trade&sort=");
        assert_eq!(
            one.to_string(),
            "This link asks for form “organ-trade”, which this directory does not have: it is \
             left out of the view."
        );
        let long = "x".repeat(500);
        let (_, long) = Filters::read_query(&format!("region={long}"));
        assert!(long.to_string().chars().count() < 200, "{long}");
        for fine in [
            "",
            "?q=a&level=un,ngo&sort=founded&org=nope",
            "utm_source=x&embed=1&&=",
        ] {
            assert!(Filters::read_query(fine).1.is_empty(), "{fine}");
        }
    }

    #[test]
    fn the_default_view_has_an_empty_query_and_special_characters_are_escaped() {
        assert_eq!(Filters::default().to_query(), "");
        let filters = Filters {
            q: "a&b=c, ü+%".into(),
            ..Filters::default()
        };
        assert_eq!(filters.to_query(), "?q=a%26b%3Dc%2C+%C3%BC%2B%25");
        assert_eq!(Filters::from_query(&filters.to_query()), filters);
    }

    #[test]
    fn the_iframe_view_is_asked_for_with_embed_1() {
        assert!(Filters::is_embed_query("?embed=1&level=ngo"));
        assert!(Filters::is_embed_query("level=ngo&embed=1"));
        assert!(!Filters::is_embed_query("?embed=0&level=ngo"));
        assert!(!Filters::is_embed_query("?q=embed=1"));
    }

    #[test]
    fn typing_replaces_history_and_other_changes_push() {
        let start = Filters::default();
        let typed = Filters {
            q: "inter".into(),
            ..start.clone()
        };
        let mut faceted = typed.clone();
        faceted.toggle(Facet::Focus, Focus::Monitoring.slug());
        let opened = Filters {
            org: Some("interpol".into()),
            ..typed.clone()
        };
        let sorted = Filters {
            sort: SortOrder::Founded,
            ..typed.clone()
        };
        let sorted_again = Filters {
            sort: SortOrder::Level,
            ..typed.clone()
        };
        let steps = |views: &[&Filters]| -> Vec<HistoryStep> {
            let mut entry = HistoryEntry::new(start.clone());
            views
                .iter()
                .map(|&view| entry.change_to(view.clone()))
                .collect()
        };
        use HistoryStep::*;
        assert_eq!(steps(&[&start, &typed]), [None, Replace]);
        assert_eq!(steps(&[&typed, &faceted, &opened]), [Replace, Push, Push]);
        // The first order chosen adds an entry; the orders passed through after it replace it,
        // until another change.
        assert_eq!(
            steps(&[&typed, &sorted, &sorted_again, &opened]),
            [Replace, Push, Replace, Push]
        );
        let typed_on = Filters {
            q: "interpol".into(),
            ..sorted.clone()
        };
        let sorted_after_typing = Filters {
            sort: SortOrder::Level,
            ..typed_on.clone()
        };
        assert_eq!(
            steps(&[&typed, &sorted, &typed_on, &sorted_after_typing]),
            [Replace, Push, Replace, Push]
        );
        let mut after_back = HistoryEntry::new(sorted.clone());
        assert_eq!(
            after_back.change_to(sorted_again.clone()),
            Push,
            "after Back or Forward, the first order chosen adds an entry"
        );
    }
}

/// Property tests: they need proptest, which is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The real dataset, loaded once for all cases.
    fn real_data() -> &'static crate::core::Dataset {
        static DATA: std::sync::OnceLock<crate::core::Dataset> = std::sync::OnceLock::new();
        DATA.get_or_init(crate::core::dataset::tests::real_data)
    }

    fn subset<V: Vocabulary + std::fmt::Debug>() -> impl Strategy<Value = Choices<V>> {
        proptest::sample::subsequence(V::ALL.to_vec(), 0..=V::ALL.len())
            .prop_map(|v| v.into_iter().collect())
    }

    fn any_filters() -> impl Strategy<Value = Filters> {
        (
            any::<String>(),
            subset(),
            subset(),
            subset(),
            subset(),
            // Ids as the data writes them (lower-case kebab), which a link's are read as.
            proptest::option::of("[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"),
            proptest::sample::select(SortOrder::ALL.to_vec()),
        )
            .prop_map(|(q, levels, regions, focus, forms, org, sort)| Filters {
                q,
                levels,
                regions,
                focus,
                forms,
                org,
                sort,
            })
    }

    proptest! {
        #[test]
        fn the_query_string_round_trip_is_lossless(filters in any_filters()) {
            prop_assert_eq!(Filters::from_query(&filters.to_query()), filters);
        }

        #[test]
        fn no_query_string_makes_parsing_or_filtering_panic(query in any::<String>()) {
            let filters = Filters::from_query(&query);
            let data = real_data();
            let selection = filters.select(data, None);
            let counts = selection.counts();
            prop_assert!(selection.results().len() <= data.len());
            for level in crate::core::Level::ALL {
                prop_assert!(counts.get(Facet::Level, level.slug()) <= data.len());
            }
            let again = Filters::from_query(&filters.to_query());
            prop_assert_eq!(again, filters);
        }

        #[test]
        fn any_search_text_filters_the_real_data_without_panic(q in any::<String>()) {
            let filters = Filters { q, ..Filters::default() };
            let _ = filters.select(real_data(), None);
        }

        /// Typing narrows the previous matches, or those of a search kept from before, looking for
        /// each word from where it was found before; that must select exactly what a fresh scan
        /// does. What is typed is either random (few matches) or a passage of an entry's text
        /// (matches all the way, words found late).
        #[test]
        fn narrowing_while_typing_selects_what_a_fresh_scan_does(
            random in "[a-z ]{1,12}",
            passage in proptest::option::of((0..107usize, 0..400usize, 1..24usize)),
            level in proptest::option::of(proptest::sample::select(crate::core::Level::ALL)),
        ) {
            let data = real_data();
            let typed = match passage {
                Some((entry, start, len)) => {
                    let role = &data.entries()[entry % data.len()].role;
                    role.chars().skip(start).take(len).collect()
                }
                None => random,
            };
            let mut filters = Filters::default();
            if let Some(level) = level {
                filters.toggle(Facet::Level, level.slug());
            }
            let mut previous = filters.select(data, None);
            let ends: Vec<usize> =
                typed.char_indices().skip(1).map(|(end, _)| end).chain([typed.len()]).collect();
            // Typed, then deleted a letter at a time, which narrows the searches kept from typing.
            for &end in ends.iter().chain(ends.iter().rev().skip(1)) {
                filters.q = typed[..end].to_owned();
                let narrowed = filters.select(data, Some(&previous));
                let fresh = filters.select(data, None);
                prop_assert_eq!(narrowed.results(), fresh.results());
                prop_assert_eq!(narrowed.counts(), fresh.counts());
                previous = narrowed;
            }
        }

        #[test]
        fn no_search_text_makes_matching_panic(query in any::<String>(), text in any::<String>()) {
            let normalized = crate::core::search::normalize(&text);
            prop_assert!(!normalized.starts_with(' ') && !normalized.ends_with(' '));
            let _ = crate::core::search::Query::new(&query);
        }
    }
}
