//! Loading the dataset: JSON text in, validated entries with their search text out.
//!
//! Bad data never stops the directory: a file that is not JSON, or not a list, is a
//! [`DatasetError`] that says where it failed; entries that fail validation are left out and listed
//! as [`EntryProblem`]s, so the page can show the rest with a note.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::country::country_name;
use super::filter::SortOrder;
use super::model::{IsoDate, Organization};
use super::search::{RowId, SearchIndex, SearchTexts};

/// The first year a founding or publication year may have.
pub const EARLIEST_YEAR: u16 = 1800;

/// Why the data could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    #[error("the data is not valid JSON: {message} (line {line}, column {column})")]
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("the data is JSON but not a list of organizations: {message} (line {line}, column {column})")]
    NotAList {
        message: String,
        line: usize,
        column: usize,
    },
    /// An empty list: a directory with nothing in it is a file cut short or emptied by mistake.
    #[error("the data holds no organizations")]
    Empty,
    #[error("the data holds no organization that passed validation ({} left out)", problems.len())]
    NoValidEntries { problems: Vec<EntryProblem> },
}

impl DatasetError {
    /// Text that is not JSON, at the place where `error` found it out.
    fn syntax(error: &serde_json::Error) -> Self {
        Self::Syntax {
            message: message_without_position(error),
            line: error.line(),
            column: error.column(),
        }
    }
}

/// Why no organization is shown for an id that a link (`?org=`) or an embed (`data-org`) names.
/// The id comes from outside: the message quotes at most [`NotShown::QUOTED_CHARS`] of it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotShown {
    #[error("No organization in this directory has the id “{}”. It may be mistyped, or the organization renamed or removed.", quoted(.0))]
    Unknown(String),
    #[error("The organization “{}” failed validation and is not shown: see the entries left out.", quoted(.0))]
    LeftOut(String),
}

impl NotShown {
    /// How much of an id a message quotes: an id is a short slug, and a link may carry anything.
    pub const QUOTED_CHARS: usize = 60;
}

/// `id` as a message quotes it: cut short, with an ellipsis, when it is long.
pub(crate) fn quoted(id: &str) -> String {
    match id.char_indices().nth(NotShown::QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &id[..end]),
        None => id.to_owned(),
    }
}

/// One entry left out, and why: enough for a person to find and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    /// Position in the file, counting from 1.
    pub position: usize,
    /// The entry's id, when it has a readable one.
    pub id: Option<String>,
    /// The line of the file where the entry, or the failing value, is.
    pub line: usize,
    /// The field that failed (`regions[1]`), or empty for the entry as a whole.
    pub field: String,
    pub message: String,
}

impl fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}", self.position)?;
        if let Some(id) = &self.id {
            write!(f, " (\"{id}\")")?;
        }
        if !self.field.is_empty() {
            write!(f, ", field `{}`", self.field)?;
        }
        write!(f, ", line {}: {}", self.line, self.message)
    }
}

/// The organizations that passed validation, in file order, and the problems of those that did not.
#[derive(Debug, Default)]
pub struct Dataset {
    entries: Vec<Organization>,
    problems: Vec<EntryProblem>,
    positions: HashMap<String, usize>,
    /// What a search reads, one row per entry, in name order.
    index: SearchIndex,
    /// The rows of `index` in each [`SortOrder`], sorted when first needed.
    orders: [OnceLock<Vec<RowId>>; SortOrder::ALL.len()],
}

/// serde_json appends " at line L column C" to its messages; the page shows the position itself.
fn message_without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

/// Line numbers of offsets in one text, counted on from the previous offset asked for: the entries
/// come in order, so the whole file is scanned once, not once per entry.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line (from 1) of `offset`, which must not be before the previous one asked for.
    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.clamp(self.offset, self.text.len());
        self.line += self.text[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

/// The field (`sources[0].url`) where serde_json stopped in one entry's text, or empty for the entry
/// as a whole (a missing field). serde_json's position is the last byte it read, so the structure up
/// to there is enough: no second parse, and no path tracking on every entry that parses fine.
fn field_at(text: &str, error: &serde_json::Error) -> String {
    /// An object with the key being read, or an array with the index of the element being read.
    enum Level<'a> {
        Object(Option<&'a str>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let line_start = match error.line() {
        0 | 1 => 0,
        line => bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    let end = line_start + error.column();
    let mut levels = Vec::new();
    let mut i = 0;
    while i < end.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Level::Object(key @ None)) = levels.last_mut() {
                    *key = text.get(start..i);
                }
            }
            b'{' => levels.push(Level::Object(None)),
            b'[' => levels.push(Level::Array(0)),
            b'}' | b']' => {
                levels.pop();
            }
            b',' => match levels.last_mut() {
                Some(Level::Object(key)) => *key = None,
                Some(Level::Array(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &levels {
        match level {
            Level::Object(Some(key)) if path.is_empty() => path.push_str(key),
            Level::Object(Some(key)) => {
                path.push('.');
                path.push_str(key);
            }
            Level::Object(None) => break,
            Level::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Only the id, read leniently, to name an entry whose other fields are broken.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

impl Dataset {
    /// Parses and validates the dataset. `today` bounds every year and date in it. Given the text
    /// itself rather than a reference, it frees the text before building the search index, which
    /// lowers the memory a large dataset needs while loading.
    pub fn parse(json: impl AsRef<str>, today: IsoDate) -> Result<Self, DatasetError> {
        let (entries, problems) = Self::validate(json.as_ref(), today)?;
        drop(json);
        Ok(Self::from_entries(entries, problems))
    }

    /// The entries that pass validation, and the problems of those that do not.
    fn validate(
        json: &str,
        today: IsoDate,
    ) -> Result<(Vec<Organization>, Vec<EntryProblem>), DatasetError> {
        // Editors on Windows often save UTF-8 with a byte order mark, which JSON does not allow.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let raw_entries: Vec<&RawValue> = serde_json::from_str(json).map_err(|error| {
            if !error.is_data() {
                return DatasetError::syntax(&error);
            }
            // A value of the wrong type fails at its first character ("{" where a list should
            // be), before the rest is read: only text that is JSON throughout is of the wrong shape.
            match serde_json::from_str::<serde::de::IgnoredAny>(json) {
                Ok(_) => DatasetError::NotAList {
                    message: message_without_position(&error),
                    line: error.line(),
                    column: error.column(),
                },
                Err(syntax) => DatasetError::syntax(&syntax),
            }
        })?;
        if raw_entries.is_empty() {
            return Err(DatasetError::Empty);
        }

        let mut problems = Vec::new();
        let mut parsed = Vec::with_capacity(raw_entries.len());
        // Ids of entries that failed to parse still count as existing parents: their children are
        // fine on their own and should not be left out with them.
        let mut unparsed_ids = Vec::new();
        let mut lines = LineCounter::new(json);
        for (index, raw) in raw_entries.iter().enumerate() {
            let raw_text = raw.get();
            let offset = raw_text.as_ptr() as usize - json.as_ptr() as usize;
            let first_line = lines.line_of(offset);
            match serde_json::from_str::<Organization>(raw_text) {
                Ok(org) => parsed.push((index, first_line, org)),
                Err(error) => {
                    let id = serde_json::from_str::<IdOnly>(raw_text)
                        .ok()
                        .and_then(|e| e.id);
                    unparsed_ids.extend(id.clone());
                    problems.push(EntryProblem {
                        position: index + 1,
                        id,
                        line: first_line + error.line().saturating_sub(1),
                        field: field_at(raw_text, &error),
                        message: message_without_position(&error),
                    });
                }
            }
        }

        let all_ids: HashSet<&str> = parsed
            .iter()
            .map(|(_, _, org)| org.id.as_str())
            .chain(unparsed_ids.iter().map(String::as_str))
            .collect();
        let parents: HashMap<&str, &str> = parsed
            .iter()
            .filter_map(|(_, _, org)| Some((org.id.as_str(), org.parent.as_deref()?)))
            .collect();
        let mut seen = HashSet::new();
        let mut valid = Vec::with_capacity(parsed.len());
        for (index, line, org) in &parsed {
            let mut failures = check_entry(org, today);
            if !seen.insert(org.id.as_str()) {
                failures.push((
                    "id",
                    format!("the id \"{}\" is used by an earlier entry", org.id),
                ));
            }
            if let Some(parent) = &org.parent {
                if !all_ids.contains(parent.as_str()) {
                    failures.push(("parent", format!("no entry has the id \"{parent}\"")));
                } else if has_parent_cycle(&org.id, &parents) {
                    failures.push((
                        "parent",
                        "the chain of parents loops back to this entry".to_owned(),
                    ));
                }
            }
            valid.push(failures.is_empty());
            problems.extend(failures.into_iter().map(|(field, message)| EntryProblem {
                position: index + 1,
                id: Some(org.id.clone()),
                line: *line,
                field: field.to_owned(),
                message,
            }));
        }
        problems.sort_by_key(|p| p.position);

        let entries: Vec<Organization> = parsed
            .into_iter()
            .zip(valid)
            .filter_map(|((_, _, org), valid)| valid.then_some(org))
            .collect();
        if entries.is_empty() && !problems.is_empty() {
            return Err(DatasetError::NoValidEntries { problems });
        }
        Ok((entries, problems))
    }

    fn from_entries(entries: Vec<Organization>, problems: Vec<EntryProblem>) -> Self {
        let positions = entries
            .iter()
            .enumerate()
            .map(|(i, org)| (org.id.clone(), i))
            .collect();
        let mut by_name: Vec<usize> = (0..entries.len()).collect();
        by_name.sort_by_cached_key(|&position| SortOrder::Name.key(&entries[position]));
        let index = SearchIndex::new(by_name.into_iter().map(|p| (p, &entries[p])));
        Self {
            entries,
            problems,
            positions,
            index,
            orders: Default::default(),
        }
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// The text a search reads ([`SearchIndex::texts`]), normalized on the first call, or what
    /// [`Self::prepare_search_texts`] has left of it.
    pub fn search_texts(&self) -> &SearchTexts {
        self.index.texts(&self.entries)
    }

    /// Normalizes the text a search reads, entry after entry, while `more` says to go on; true once
    /// it is all done. The page does this in slices once the first results are on screen, so that
    /// they do not wait for it, the first keystroke does not either, and the page answers between
    /// slices.
    pub fn prepare_search_texts(&self, more: impl FnMut() -> bool) -> bool {
        self.index.prepare_texts(&self.entries, more)
    }

    /// Whether the text a search reads is all built, so that a search costs only the search.
    pub fn is_search_ready(&self) -> bool {
        self.index.has_texts()
    }

    /// Every row of the [`SearchIndex`], in this order.
    pub fn order(&self, sort: SortOrder) -> &[RowId] {
        // Best match orders each of its groups by name: it shares the name order.
        let sort = match sort {
            SortOrder::BestMatch => SortOrder::Name,
            other => other,
        };
        let slot = SortOrder::ALL
            .iter()
            .position(|&s| s == sort)
            .unwrap_or_default();
        self.orders[slot].get_or_init(|| {
            let rows = 0..self.index.len() as RowId;
            if sort == SortOrder::Name {
                return rows.collect();
            }
            // The rows are in name order, so the rank and then the row is the order's whole key.
            // Sorting on the two packed in one number, not on the names, takes the first change
            // of order at 100,000 entries from 220 ms to under 30 in Chromium.
            let mut ranked: Vec<u64> = rows
                .map(|row| {
                    let rank = sort.rank(&self.entries[self.index.position(row)]);
                    u64::from(rank) << 32 | u64::from(row)
                })
                .collect();
            ranked.sort_unstable();
            ranked.into_iter().map(|packed| packed as RowId).collect()
        })
    }

    /// The valid organizations, in file order.
    pub fn entries(&self) -> &[Organization] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries left out, in file order.
    pub fn problems(&self) -> &[EntryProblem] {
        &self.problems
    }

    pub fn get(&self, id: &str) -> Option<&Organization> {
        self.position(id).map(|i| &self.entries[i])
    }

    /// Where the entry with this id is in [`Dataset::entries`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// Where the entry with this id is, or why there is none to show: for an id that a link or an
    /// embed names, which the page then explains.
    pub fn find(&self, id: &str) -> Result<usize, NotShown> {
        self.position(id).ok_or_else(|| {
            if self.problems.iter().any(|p| p.id.as_deref() == Some(id)) {
                NotShown::LeftOut(id.to_owned())
            } else {
                NotShown::Unknown(id.to_owned())
            }
        })
    }

    /// The bodies whose `parent` is `id`, by name.
    pub fn children(&self, id: &str) -> Vec<&Organization> {
        let mut children: Vec<&Organization> = self
            .entries
            .iter()
            .filter(|o| o.parent.as_deref() == Some(id))
            .collect();
        children.sort_by_cached_key(|child| child.filing_name());
        children
    }

    /// The most recent `last_verified` date: how fresh the data is as a whole.
    pub fn last_verified(&self) -> Option<IsoDate> {
        self.entries.iter().map(|o| o.last_verified).max()
    }
}

fn has_parent_cycle(start: &str, parents: &HashMap<&str, &str>) -> bool {
    let mut current = start;
    for _ in 0..=parents.len() {
        match parents.get(current) {
            Some(&parent) if parent == start => return true,
            Some(&parent) => current = parent,
            None => return false,
        }
    }
    true
}

/// Whether `id` is a kebab-case slug: lower-case letters and digits in groups joined by single hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `url` is an absolute https URL with a host: the only links the page renders.
pub fn is_https_url(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !url.chars().any(char::is_whitespace)
    })
}

/// The rules serde cannot express, for one entry: each failure is a field and a message.
fn check_entry(org: &Organization, today: IsoDate) -> Vec<(&'static str, String)> {
    let mut failures = Vec::new();
    let mut require = |ok: bool, field: &'static str, message: &dyn Fn() -> String| {
        if !ok {
            failures.push((field, message()));
        }
    };
    require(is_slug(&org.id), "id", &|| {
        format!("\"{}\" is not a kebab-case slug", org.id)
    });
    for (field, text) in [
        ("name", &org.name),
        ("summary", &org.summary),
        ("role", &org.role),
    ] {
        require(!text.trim().is_empty(), field, &|| {
            "must not be empty".to_owned()
        });
    }
    require(!org.focus.is_empty(), "focus", &|| {
        "needs at least one focus area".to_owned()
    });
    require(!org.regions.is_empty(), "regions", &|| {
        "needs at least one region".to_owned()
    });
    require(!org.sources.is_empty(), "sources", &|| {
        "needs at least one source".to_owned()
    });
    require(
        org.parent.as_deref() != Some(org.id.as_str()),
        "parent",
        &|| "an entry cannot be its own parent".to_owned(),
    );

    let year_ok = |year: u16| (EARLIEST_YEAR..=today.year).contains(&year);
    let year_message =
        |year: u16| move || format!("{year} is not between {EARLIEST_YEAR} and {}", today.year);
    if let Some(year) = org.founded {
        require(year_ok(year), "founded", &year_message(year));
    }
    if let Some(members) = org.members {
        require(
            year_ok(members.as_of),
            "members.as_of",
            &year_message(members.as_of),
        );
    }
    for year in org.instruments.iter().filter_map(|i| i.year) {
        require(year_ok(year), "instruments.year", &year_message(year));
    }
    for publication in &org.publications {
        if let Some(year) = publication.year {
            require(year_ok(year), "publications.year", &year_message(year));
        }
        require(
            publication.symbol.is_some() || publication.url.is_some(),
            "publications",
            &|| format!("\"{}\" needs a document symbol or a URL", publication.title),
        );
    }

    let dates = org
        .people
        .iter()
        .map(|p| ("people.as_of", p.as_of))
        .chain([("last_verified", org.last_verified)]);
    for (field, date) in dates {
        require(date <= today, field, &|| {
            format!("{date} lies in the future")
        });
    }

    let urls = org
        .website
        .iter()
        .map(|u| ("website", u))
        .chain(org.sources.iter().map(|s| ("sources.url", &s.url)))
        .chain(
            org.publications
                .iter()
                .filter_map(|p| Some(("publications.url", p.url.as_ref()?))),
        );
    for (field, url) in urls {
        require(is_https_url(url), field, &|| {
            format!("\"{url}\" is not an https URL")
        });
    }

    if let Some(hq) = &org.headquarters {
        require(
            country_name(&hq.country).is_some(),
            "headquarters.country",
            &|| format!("\"{}\" is not an ISO 3166-1 alpha-2 code", hq.country),
        );
    }
    failures
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The date the unit tests take as today.
    pub(crate) const TODAY: IsoDate = IsoDate {
        year: 2026,
        month: 11,
        day: 24,
    };

    /// The real dataset, freshly loaded (no search text built yet), on a date after every entry's
    /// last check.
    pub(crate) fn real_data() -> Dataset {
        let today = IsoDate {
            year: 2100,
            month: 1,
            day: 1,
        };
        Dataset::parse(include_str!("../../data/organizations.json"), today)
            .expect("the dataset loads")
    }

    pub(crate) fn entry_json(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id":"{id}","name":"Name of {id}","level":"un","kind":"office","summary":"S.","role":"R.",
"focus":["prevention"],"regions":["global"],"sources":[{{"url":"https://example.org/{id}","title":"T"}}],
"last_verified":"2026-01-01"{extra}}}"#
        )
    }

    #[test]
    fn every_order_is_that_of_its_whole_key() {
        // In the real data, file order is not name order, and many entries share a year or a
        // level: ties must fall back on the name.
        let data = real_data();
        for sort in SortOrder::ALL {
            let ordered: Vec<&str> = data
                .order(sort)
                .iter()
                .map(|&row| data.entries[data.index.position(row)].id.as_str())
                .collect();
            let mut by_key: Vec<&Organization> = data.entries.iter().collect();
            by_key.sort_by_cached_key(|org| sort.key(org));
            let expected: Vec<&str> = by_key.iter().map(|org| org.id.as_str()).collect();
            assert_eq!(ordered, expected, "{sort:?}");
        }
    }

    #[test]
    fn a_valid_list_loads_every_entry() {
        let json = format!(
            "[{},{}]",
            entry_json("a", ""),
            entry_json("b", r#","parent":"a""#)
        );
        let data = Dataset::parse(&json, TODAY).expect("valid data");
        assert_eq!(data.len(), 2);
        assert!(data.problems().is_empty());
        assert_eq!(data.get("b").and_then(|o| o.parent.as_deref()), Some("a"));
        assert_eq!(data.children("a").len(), 1);
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let error = Dataset::parse("[\n  {\"id\": \"a\",,}\n]", TODAY).expect_err("bad JSON");
        let DatasetError::Syntax { line, column, .. } = &error else {
            panic!("expected a syntax error, got {error:?}")
        };
        assert_eq!((*line, *column), (2, 14));
        assert!(error.to_string().contains("line 2, column 14"), "{error}");
    }

    #[test]
    fn a_byte_order_mark_before_the_data_is_ignored() {
        let json = format!("\u{feff}[\n{}\n]", entry_json("a", ""));
        let data = Dataset::parse(&json, TODAY).expect("a byte order mark is no error");
        assert_eq!(data.len(), 1);
        let error = Dataset::parse("\u{feff}[\n  oops\n]", TODAY).expect_err("not JSON");
        assert!(error.to_string().contains("line 2, column 3"), "{error}");
    }

    #[test]
    fn json_that_is_not_a_list_is_named_as_such() {
        let error = Dataset::parse(r#"{"organizations": []}"#, TODAY).expect_err("an object");
        assert!(matches!(error, DatasetError::NotAList { .. }), "{error:?}");
    }

    #[test]
    fn text_that_is_not_json_is_a_syntax_error_whatever_it_starts_with() {
        for (text, place) in [
            ("{oops", (1, 2)),
            ("\"unclosed", (1, 9)),
            ("[1, oops]", (1, 5)),
        ] {
            let error = Dataset::parse(text, TODAY).expect_err("not JSON");
            let DatasetError::Syntax { line, column, .. } = &error else {
                panic!("{text}: expected a syntax error, got {error:?}")
            };
            assert_eq!((*line, *column), place, "{text}");
        }
    }

    #[test]
    fn bad_entries_are_left_out_and_named_with_field_and_line() {
        let bad_region = entry_json("bad", "").replace(r#"["global"]"#, r#"["global","atlantis"]"#);
        let json = format!(
            "[\n{},\n{},\n{}\n]",
            entry_json("good", ""),
            bad_region,
            entry_json("typo", r#","foundde":1990"#)
        );
        let data = Dataset::parse(&json, TODAY).expect("some entries are valid");
        assert_eq!(data.len(), 1);
        let problems = data.problems();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].position, 2);
        assert_eq!(problems[0].id.as_deref(), Some("bad"));
        assert_eq!(problems[0].field, "regions[1]");
        assert!(
            problems[0].message.contains("atlantis"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].line, 6);
        assert!(
            problems[1].message.contains("foundde"),
            "{}",
            problems[1].message
        );
        assert!(
            problems[0]
                .to_string()
                .starts_with("entry 2 (\"bad\"), field `regions[1]`, line 6:"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn the_failing_field_is_named_down_to_nested_fields() {
        let field_of = |extra: &str, from: &str, to: &str| {
            let broken = entry_json("x", extra).replacen(from, to, 1);
            let json = format!("[{},\n{broken}]", entry_json("good", ""));
            let data = Dataset::parse(&json, TODAY).expect("the list parses");
            data.problems()
                .first()
                .map(|p| (p.field.clone(), p.message.clone()))
        };
        let (field, message) = field_of("", r#""title":"#, r#""titel":"#).expect("a problem");
        assert_eq!(field, "sources[0].titel", "{message}");
        let (field, message) =
            field_of(r#","founded":"1990""#, "", "").expect("a year must be a number");
        assert_eq!(field, "founded", "{message}");
        let (field, message) = field_of("", r#""summary":"#, r#""gist":"#).expect("a problem");
        assert_eq!(field, "gist", "{message}");
        let (field, message) = field_of("", r#""role":"R.","#, "").expect("a missing field");
        assert_eq!(field, "", "the entry as a whole: {message}");
        assert!(message.contains("missing field `role`"), "{message}");
    }

    #[test]
    fn semantic_rules_are_checked() {
        let cases = [
            (r#","website":"http://example.org""#, "website"),
            (r#","founded":1700"#, "founded"),
            (r#","founded":2027"#, "founded"),
            (r#","parent":"nowhere""#, "parent"),
            (
                r#","people":[{"role":"Head","name":"X","as_of":"2027-01-01"}]"#,
                "people.as_of",
            ),
            (r#","publications":[{"title":"Report"}]"#, "publications"),
            (
                r#","headquarters":{"city":"Vienna","country":"Austria"}"#,
                "headquarters.country",
            ),
        ];
        for (extra, field) in cases {
            let json = format!("[{},{}]", entry_json("ok", ""), entry_json("x", extra));
            let data = Dataset::parse(&json, TODAY).expect("one valid entry");
            let fields: Vec<&str> = data.problems().iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, [field], "for {extra}");
        }
    }

    #[test]
    fn an_entry_that_reads_but_breaks_a_rule_is_named_with_its_line() {
        // Each entry takes three lines, after the opening bracket's.
        let json = format!(
            "[\n{},\n{},\n{}\n]",
            entry_json("a", ""),
            entry_json("b", ""),
            entry_json("c", r#","website":"http://example.org""#)
        );
        let data = Dataset::parse(&json, TODAY).expect("two valid entries");
        let ids: Vec<&str> = data.entries().iter().map(|org| org.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let problems: Vec<String> = data.problems().iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("entry 3 (\"c\"), field `website`, line 8:"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn duplicate_ids_and_parent_cycles_are_problems() {
        let json = format!(
            "[{},{},{},{}]",
            entry_json("a", ""),
            entry_json("a", ""),
            entry_json("b", r#","parent":"c""#),
            entry_json("c", r#","parent":"b""#)
        );
        let data = Dataset::parse(&json, TODAY).expect("one valid entry");
        assert_eq!(data.len(), 1);
        let messages: Vec<String> = data.problems().iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("used by an earlier entry"));
        assert!(messages[1].contains("loops back"));
    }

    #[test]
    fn a_child_stays_when_its_parent_is_left_out() {
        let broken_parent = entry_json("parent", "").replace(r#""focus":["prevention"],"#, "");
        let json = format!(
            "[{},{}]",
            broken_parent,
            entry_json("child", r#","parent":"parent""#)
        );
        let data = Dataset::parse(&json, TODAY).expect("the child is valid");
        assert_eq!(data.len(), 1);
        assert_eq!(data.problems().len(), 1);
        assert!(data.get("child").is_some());
    }

    #[test]
    fn an_id_without_an_entry_says_whether_it_was_left_out_or_never_there() {
        let broken = entry_json("broken", "").replace(r#""focus":["prevention"],"#, "");
        let json = format!("[{},{}]", entry_json("shown", ""), broken);
        let data = Dataset::parse(&json, TODAY).expect("one entry is valid");
        assert_eq!(data.find("shown"), Ok(0));
        assert_eq!(data.find("broken"), Err(NotShown::LeftOut("broken".into())));
        assert_eq!(data.find("nope"), Err(NotShown::Unknown("nope".into())));
        assert_eq!(
            NotShown::Unknown("nope".into()).to_string(),
            "No organization in this directory has the id “nope”. It may be mistyped, \
             or the organization renamed or removed."
        );
        assert!(NotShown::LeftOut("broken".into())
            .to_string()
            .contains("“broken” failed validation"));
    }

    #[test]
    fn a_long_id_from_a_link_is_quoted_cut_short() {
        let long = "é".repeat(NotShown::QUOTED_CHARS + 1);
        let message = NotShown::Unknown(long).to_string();
        let quoted = format!("“{}…”", "é".repeat(NotShown::QUOTED_CHARS));
        assert!(message.contains(&quoted), "{message}");
        let exact = "a".repeat(NotShown::QUOTED_CHARS);
        assert!(NotShown::Unknown(exact.clone())
            .to_string()
            .contains(&format!("“{exact}”")));
    }

    #[test]
    fn an_empty_list_is_an_error() {
        let error = Dataset::parse(" [ ] ", TODAY).expect_err("no organizations");
        assert_eq!(error, DatasetError::Empty);
        assert_eq!(error.to_string(), "the data holds no organizations");
    }

    #[test]
    fn no_valid_entry_is_an_error_that_lists_the_problems() {
        let json = format!("[{}]", entry_json("Bad_Id", ""));
        let error = Dataset::parse(&json, TODAY).expect_err("nothing valid");
        assert!(matches!(&error, DatasetError::NoValidEntries { problems } if problems.len() == 1));
    }

    #[test]
    fn slugs_and_urls_are_recognized() {
        assert!(is_slug("sr-trafficking-in-persons") && is_slug("alliance-8-7"));
        assert!(!is_slug("Interpol") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
        assert!(is_https_url(
            "https://www.unodc.org/unodc/en/human-trafficking/"
        ));
        assert!(
            !is_https_url("http://www.unodc.org")
                && !is_https_url("https://")
                && !is_https_url("javascript:alert(1)")
        );
        assert!(!is_https_url("https://exa mple.org"));
    }
}
