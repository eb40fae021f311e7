//! Search that forgives case, accents and punctuation: "siobhan" finds "Siobhán", "cooperation"
//! finds "Co-operation", "unodc" finds "UNODC".
//!
//! Each entry's text is normalized once, when the dataset loads ([`SearchText`]); a query is
//! normalized once per change ([`Query`]); matching is then plain substring search.

use super::model::Organization;
use super::selection::FacetBits;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchText<'a> {
    /// Name, acronym and other names: a match here ranks first.
    title: &'a str,
    /// Summary, role, people and instruments.
    body: &'a str,
    /// The characters in the title and in the whole entry (see [`Characters`]): an entry that
    /// lacks a character of a word is passed over without reading its text.
    title_characters: Characters,
    characters: Characters,
}

impl<'a> SearchText<'a> {
    /// `title` and `body` must be normalized.
    pub fn new(title: &'a str, body: &'a str) -> Self {
        let title_characters = Characters::of(title);
        Self {
            title,
            body,
            title_characters,
            characters: Characters(title_characters.0 | Characters::of(body).0),
        }
    }
}

/// Which of the characters a-z and 0-9 a text holds, one bit each, and one bit for all others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Characters(u64);

impl Characters {
    fn bit(byte: u8) -> u64 {
        1 << match byte {
            b'a'..=b'z' => byte - b'a',
            b'0'..=b'9' => 26 + byte - b'0',
            _ => 36,
        }
    }

    fn of(text: &str) -> Self {
        Self(text.bytes().fold(0, |bits, byte| bits | Self::bit(byte)))
    }

    /// Whether every character of `other` is here too.
    fn covers(self, other: Self) -> bool {
        other.0 & !self.0 == 0
    }
}

/// The normalized title and body of an organization.
fn title_and_body(org: &Organization) -> (String, String) {
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
    (title, body)
}

/// What a search reads of every entry, normalized once at load and laid out row after row in one
/// buffer, in the order the rows were added (the name order, see [`super::Dataset`]): a search that
/// goes through the rows in that order reads memory front to back, which at 100,000 entries is
/// several times faster than following a pointer per entry.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    text: String,
    rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    /// Where the entry is in the dataset.
    position: u32,
    facets: FacetBits,
    /// The title is `text[start..title_end]`, the body `text[title_end..end]`.
    start: u32,
    title_end: u32,
    end: u32,
    title_characters: Characters,
    characters: Characters,
}

/// A row of a [`SearchIndex`].
pub type RowId = u32;

impl SearchIndex {
    /// One row for each organization, in this order, with the organization's dataset position.
    pub fn new<'o>(organizations: impl IntoIterator<Item = (usize, &'o Organization)>) -> Self {
        let mut index = Self::default();
        for (position, org) in organizations {
            let (title, body) = title_and_body(org);
            let text = SearchText::new(&title, &body);
            let start = index.text.len() as u32;
            index.text.push_str(&title);
            let title_end = index.text.len() as u32;
            index.text.push_str(&body);
            index.rows.push(Row {
                position: position as u32,
                facets: FacetBits::of(org),
                start,
                title_end,
                end: index.text.len() as u32,
                title_characters: text.title_characters,
                characters: text.characters,
            });
        }
        index
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Where the organization of this row is in the dataset.
    pub fn position(&self, row: RowId) -> usize {
        self.rows[row as usize].position as usize
    }

    pub fn facets(&self, row: RowId) -> FacetBits {
        self.rows[row as usize].facets
    }

    pub fn text(&self, row: RowId) -> SearchText<'_> {
        let row = &self.rows[row as usize];
        let (start, title_end, end) =
            (row.start as usize, row.title_end as usize, row.end as usize);
        SearchText {
            title: self.text.get(start..title_end).unwrap_or_default(),
            body: self.text.get(title_end..end).unwrap_or_default(),
            title_characters: row.title_characters,
            characters: row.characters,
        }
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
    /// The characters of each word.
    characters: Vec<Characters>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        let words: Vec<String> = normalize(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let characters = words.iter().map(|word| Characters::of(word)).collect();
        Self { words, characters }
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
        let mut relevance = Relevance::Title;
        for (word, &characters) in self.words.iter().zip(&self.characters) {
            // A single letter or digit is in a text exactly when its bit is.
            let single = matches!(word.as_bytes(), [byte] if byte.is_ascii_alphanumeric());
            let found_in = |field: &str, field_characters: Characters| {
                field_characters.covers(characters)
                    && (single || contains(field.as_bytes(), word.as_bytes()))
            };
            if found_in(text.title, text.title_characters) {
                continue;
            }
            if !found_in(text.body, text.characters) {
                return None;
            }
            relevance = Relevance::Text;
        }
        Some(relevance)
    }
}

/// Marks each zero byte of `x` with its high bit, exactly (no false marks from carries).
fn zero_bytes(x: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN)
}

/// The eight bytes of `bytes` from `at`, as one number (byte `at` lowest); 0 past the end.
fn eight_bytes(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|slice| slice.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// Whether `needle` occurs in `haystack`: the search behind every keystroke, so it looks at eight
/// bytes per step for places where the needle's first two bytes stand side by side, and compares
/// in full only there. Several times faster in wasm than `str::contains`, which has no SIMD there.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let (first, second) = match needle {
        [] => return true,
        [only] => return haystack.contains(only),
        [first, second, ..] => (*first, *second),
    };
    if haystack.len() < needle.len() {
        return false;
    }
    let every = |byte: u8| u64::from_le_bytes([byte; 8]);
    let (firsts, seconds) = (every(first), every(second));
    let mut at = 0;
    while at + 9 <= haystack.len() {
        let mut pairs = zero_bytes(eight_bytes(haystack, at) ^ firsts)
            & zero_bytes(eight_bytes(haystack, at + 1) ^ seconds);
        while pairs != 0 {
            let start = at + pairs.trailing_zeros() as usize / 8;
            if haystack.get(start..start + needle.len()) == Some(needle) {
                return true;
            }
            pairs &= pairs - 1;
        }
        at += 8;
    }
    haystack[at..]
        .windows(needle.len())
        .any(|window| window == needle)
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

    fn normalized(title: &str, body: &str) -> (String, String) {
        (normalize(title), normalize(body))
    }

    #[test]
    fn contains_agrees_with_the_standard_library() {
        let haystack = "international cooperation against trafficking, ééé \u{0} x";
        for start in 0..haystack.len() {
            for end in start..=haystack.len().min(start + 12) {
                let needle = &haystack.as_bytes()[start..end];
                assert!(contains(haystack.as_bytes(), needle), "{needle:?}");
            }
        }
        for needle in [
            "cooperations",
            "tx",
            "ab",
            "zz",
            "é x",
            "\u{0}\u{0}",
            "gainst traffickingg",
        ] {
            assert_eq!(
                contains(haystack.as_bytes(), needle.as_bytes()),
                haystack.contains(needle),
                "{needle:?}"
            );
        }
        assert!(!contains(b"", b"a"));
        assert!(!contains(b"abcdefgh", b"abcdefghi"));
        assert!(contains(b"aaaaaaaaaaaaaaaaab", b"ab"));
    }

    #[test]
    fn every_word_must_match_and_title_matches_rank_first() {
        let (title, body) = normalized(
            "International Criminal Police Organization\nINTERPOL",
            "Police cooperation in 196 countries",
        );
        let interpol = SearchText::new(&title, &body);
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    proptest! {
        /// Short alphabets make matches, near-misses and repeated bytes common.
        #[test]
        fn contains_agrees_with_str_contains(haystack in "[a-dé ]{0,60}", needle in "[a-dé]{0,6}") {
            prop_assert_eq!(
                super::contains(haystack.as_bytes(), needle.as_bytes()),
                haystack.contains(needle.as_str())
            );
        }

        /// The shortcuts (character bits, single letters) change no answer.
        #[test]
        fn matching_agrees_with_plain_substring_search(
            title in "[a-d1é ]{0,20}",
            body in "[a-d1é ]{0,60}",
            query in "[a-d1é ]{0,8}",
        ) {
            let (title, body) = (super::normalize(&title), super::normalize(&body));
            let text = super::SearchText::new(&title, &body);
            let query = super::normalize(&query);
            let words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
            let expected = if words.iter().all(|w| title.contains(w)) {
                Some(super::Relevance::Title)
            } else if words.iter().all(|w| title.contains(w) || body.contains(w)) {
                Some(super::Relevance::Text)
            } else {
                None
            };
            prop_assert_eq!(super::Query::new(&query).relevance(&text), expected);
        }
    }
}
