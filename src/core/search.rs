//! Search that forgives case, accents and punctuation: "siobhan" finds "Siobhán", "cooperation"
//! finds "Co-operation", "unodc" finds "UNODC".
//!
//! Each entry's text is normalized once, when the dataset loads ([`SearchText`]); a query is
//! normalized once per change ([`Query`]); matching is then plain substring search.

use super::model::Organization;

/// Folds one lower-case character to its unaccented Latin form; `None` for characters kept as they are.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ļ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Characters that join the parts of one word ("Co-operation", "O'Brien", "U.N."): dropped, so
/// that the word matches its spelling without them.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‐' | '‑')
}

/// Lower-cases `text`, removes accents and joiners, and turns every other non-alphanumeric
/// character into a single space between words.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_joiner(c) {
            continue;
        }
        if !c.is_alphanumeric() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold_accent(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out
}

/// The normalized text of one entry, split by how much a match in it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    /// Name, acronym and other names: a match here ranks first.
    title: String,
    /// Summary, role, people and instruments.
    body: String,
}

impl SearchText {
    pub fn new(org: &Organization) -> Self {
        let mut title = normalize(&org.name);
        for name in org.acronym.iter().chain(&org.aliases) {
            title.push('\n');
            title.push_str(&normalize(name));
        }
        let mut body = normalize(&org.summary);
        let mut add = |text: &str| {
            body.push('\n');
            body.push_str(&normalize(text));
        };
        add(&org.role);
        for person in &org.people {
            add(&person.name);
            add(&person.role);
        }
        for instrument in &org.instruments {
            add(&instrument.name);
            if let Some(short) = &instrument.short_name {
                add(short);
            }
        }
        Self { title, body }
    }
}

/// How well an entry matches a query; the derived order puts the better match first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    /// Every word of the query is in the name, acronym or another name.
    Title,
    /// Every word is somewhere in the entry, but not all in its names.
    Text,
}

/// A normalized query: the words that must all appear.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self {
            words: normalize(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every entry this query matches is also matched by `before`: each earlier word is part
    /// of some word now, as when someone types on.
    pub fn narrows(&self, before: &Query) -> bool {
        before
            .words
            .iter()
            .all(|old| self.words.iter().any(|word| word.contains(old.as_str())))
    }

    /// `None` when some word is missing from the entry; an empty query matches everything.
    pub fn relevance(&self, text: &SearchText) -> Option<Relevance> {
        if self.words.iter().all(|w| text.title.contains(w.as_str())) {
            Some(Relevance::Title)
        } else if self
            .words
            .iter()
            .all(|w| text.title.contains(w.as_str()) || text.body.contains(w.as_str()))
        {
            Some(Relevance::Text)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_ignores_case_accents_and_punctuation() {
        assert_eq!(normalize("Siobhán Mullally"), "siobhan mullally");
        assert_eq!(normalize("Co-operation in Europe"), "cooperation in europe");
        assert_eq!(normalize("  UNODC (Vienna)!  "), "unodc vienna");
        assert_eq!(normalize("Straße Œuvre ŁÓDŹ"), "strasse oeuvre lodz");
        assert_eq!(normalize("U.N. Women’s"), "un womens");
        assert_eq!(normalize("trafficking/smuggling"), "trafficking smuggling");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn queries_split_into_normalized_words() {
        assert_eq!(
            Query::new(" Anti-Slavery   INTERNATIONAL ").words,
            ["antislavery", "international"]
        );
        assert!(Query::new(" ,;- ").is_empty());
    }

    #[test]
    fn a_query_narrows_one_whose_words_it_contains() {
        let police = Query::new("polic");
        assert!(Query::new("police").narrows(&police));
        assert!(Query::new("europe police").narrows(&police));
        assert!(police.narrows(&Query::new("")));
        assert!(!Query::new("pol").narrows(&police));
        assert!(!Query::new("").narrows(&police));
    }

    fn text(title: &str, body: &str) -> SearchText {
        SearchText {
            title: normalize(title),
            body: normalize(body),
        }
    }

    #[test]
    fn every_word_must_match_and_title_matches_rank_first() {
        let interpol = text(
            "International Criminal Police Organization\nINTERPOL",
            "Police cooperation in 196 countries",
        );
        assert_eq!(
            Query::new("interpol").relevance(&interpol),
            Some(Relevance::Title)
        );
        assert_eq!(
            Query::new("police countries").relevance(&interpol),
            Some(Relevance::Text)
        );
        assert_eq!(Query::new("police europe").relevance(&interpol), None);
        assert_eq!(Query::new("").relevance(&interpol), Some(Relevance::Title));
        assert!(Relevance::Title < Relevance::Text);
    }
}
