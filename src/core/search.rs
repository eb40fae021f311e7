//! Search that forgives case, accents and punctuation: "siobhan" finds "Siobhán", "cooperation"
//! finds "Co-operation", "unodc" finds "UNODC".
//!
//! Every word of the query must start a word of the text: "un" finds "UN Women" and "union", not
//! "fund" or "council". A word followed by another in the query is finished, so it must also end
//! where a word of the text ends: "organ trafficking" finds the bodies that fight the trade in
//! organs, not every "organization" that names trafficking. The last word may be the beginning of
//! a word, as it is being typed. The parts of a hyphenated word are words too: "trafficking" finds
//! "anti-trafficking". A hyphenated query finds its parts, written apart or joined, and its word
//! written whole, each hyphenated word either way: "un-women" finds "UN Women", "co-operation"
//! finds "cooperation", "law-enforcement co-operation" finds "law enforcement cooperation".
//!
//! Each entry's text is normalized once, in slices after the first results or for the first search
//! ([`SearchTexts`]); a query is normalized once per change ([`Query`]); matching is then
//! substring search, keeping the places where a word starts. Each match remembers where each word
//! was found, so that the next keystroke, which usually only adds a letter, looks on from there
//! instead of reading the entry again from its start.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use super::lowercase::lowercase;
use super::model::Organization;
use super::selection::FacetBits;
use super::spelling::{add_matched_forms, begins_a_form_of, form_endings, matched_form};

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
        // Ligatures, as text copied from a PDF has them ("ﬁnance").
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// Whether `c` is one of the combining diacritical marks, U+0300 to U+036F.
fn is_combining_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Characters that join the parts of one word ("Co-operation", "O'Brien", "U.N."): dropped, so
/// that the word matches its spelling without them. Inlined: [`normalize`] asks it of every ASCII
/// character that is neither a letter nor a digit.
#[inline(always)]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‐' | '‑')
}

/// Lower-cases `text`, removes accents and joiners, and turns every other non-alphanumeric
/// character into a single space between words. Every character of the data passes through here
/// when it loads, so ASCII, nearly all of it, is read byte by byte, without decoding characters or
/// looking up Unicode case and accents.
pub fn normalize(text: &str) -> String {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        pending_space: false,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            match byte.to_ascii_lowercase() {
                lower @ (b'a'..=b'z' | b'0'..=b'9') => out.push(char::from(lower)),
                joiner if is_joiner(char::from(joiner)) => {}
                _ => out.separate(),
            }
            at += 1;
        } else if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
            lowercase(c).for_each(|c| out.keep(c));
            at += c.len_utf8();
        } else {
            break;
        }
    }
    out.text
}

/// The text [`normalize`] is writing, and whether a space is due before the next word character.
struct Normalized {
    text: String,
    pending_space: bool,
}

impl Normalized {
    /// A lower-case character: joiners are dropped, other non-alphanumeric characters separate
    /// words, letters lose their accents, and so do accents written as characters of their own
    /// (text in decomposed form, "a" + U+0301; "İ" lower-cases to "i" + U+0307).
    fn keep(&mut self, c: char) {
        if is_joiner(c) || is_combining_accent(c) {
            return;
        }
        if !c.is_alphanumeric() {
            return self.separate();
        }
        match fold_accent(c) {
            Some(folded) => folded.chars().for_each(|c| self.push(c)),
            None => self.push(c),
        }
    }

    /// A character of a word, after the space between it and the word before.
    fn push(&mut self, c: char) {
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
        self.text.push(c);
    }

    /// A space before the next word, if there was one before.
    fn separate(&mut self) {
        self.pending_space = !self.text.is_empty();
    }
}

/// The normalized text of one entry, in three fields by how much a match in each counts (see
/// [`Relevance`]): the names (name, acronym, other names); what its card shows besides them
/// (summary, place); and the rest (what it does, people, instruments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchText<'a> {
    /// Bytes, not `str`: slicing a `str` reads the text at both ends to check for character
    /// boundaries, a cache miss per entry even when the characters below already rule it out.
    fields: [&'a [u8]; 3],
    /// The [`name_key`] of each of the entry's own names (name, acronym, other names).
    name_keys: &'a [u64],
    /// The letters the entry's own names start with (see [`Characters::starting_lines`]).
    name_initials: Characters,
    /// The characters in each field (see [`Characters`]): a field that lacks a character of a word
    /// is passed over without reading it.
    characters: [Characters; 3],
}

impl<'a> SearchText<'a> {
    /// The names, the rest of the card and the rest, each normalized, and the keys of the
    /// entry's own names.
    #[cfg(test)]
    fn new(names: &'a str, card: &'a str, rest: &'a str, name_keys: &'a [u64]) -> Self {
        let own_names = names.split('\n').take(name_keys.len());
        Self {
            fields: [names, card, rest].map(str::as_bytes),
            name_keys,
            name_initials: Characters::starting_lines(own_names),
            characters: [names, card, rest].map(Characters::of),
        }
    }

    /// Where `word` first occurs at or after `from`, counting the fields as if they stood one
    /// after the other (a word never spans two); if `whole`, only where it ends a word of the text
    /// (see [`ends_word`]). `characters` are the word's.
    fn find(&self, word: &[u8], characters: Characters, from: usize, whole: bool) -> Option<Found> {
        // A single letter starts a word of a field exactly when its bit is set; where, only a
        // search for a whole word needs to know.
        let single = !whole && matches!(word, [b'a'..=b'z']);
        let mut offset = 0;
        for (field, field_characters) in self.fields.iter().zip(self.characters) {
            let end = offset + field.len();
            if from < end && field_characters.covers(characters) {
                let from = from.saturating_sub(offset);
                if single && from == 0 {
                    return Some(Found::field_start(offset));
                }
                if let Some(at) = find_word(field, from, word, whole) {
                    return Some(Found::at(field, at, word.len(), offset));
                }
            }
            offset = end;
        }
        None
    }

    /// The field that a place, counted as [`Self::find`] counts, is in, and the place in it.
    fn field_at(&self, mut at: usize) -> (usize, usize) {
        for (i, field) in self.fields[..2].iter().enumerate() {
            if at < field.len() {
                return (i, at);
            }
            at -= field.len();
        }
        (2, at)
    }

    /// How much a word found at `at` counts.
    fn relevance_at(&self, at: usize) -> Relevance {
        Relevance::BY_FIELD[self.field_at(at).0]
    }

    /// Whether `word`, found at `at`, ends a word there.
    fn ends_word(&self, at: usize, word: &[u8]) -> bool {
        let (field, at) = self.field_at(at);
        ends_word(self.fields[field], at, word)
    }

    /// The entry's own names (name, acronym, other names), normalized: the first lines of the
    /// names field, one for each name key.
    fn own_names(&self) -> impl Iterator<Item = &'a [u8]> {
        self.fields[0]
            .split(|&byte| byte == b'\n')
            .take(self.name_keys.len())
    }
}

/// Where a word is in an entry, counting its fields one after the other: the place of its first
/// occurrence, or a place before it in the same field, with bytes that follow it there. A word that
/// grows by exactly those bytes is then known to be there without reading the entry's text, which at
/// 100,000 entries is what a keystroke costs most: a cache miss per entry. How much of the text's
/// word is left after it says, without reading the text either, whether the word is whole there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Found {
    at: u32,
    /// Up to eight bytes that follow the word, the first in the lowest byte.
    after: u64,
    /// How many bytes of `after` are known.
    known: u16,
    /// How many bytes the text's word has after the word (up to `u16::MAX`: a place before the
    /// word has `u16::MAX`, as it is not known).
    rest: u16,
}

impl Found {
    /// The start of a field that starts at `offset`, where a word is, somewhere.
    fn field_start(offset: usize) -> Self {
        Self {
            at: offset as u32,
            rest: u16::MAX,
            ..Self::default()
        }
    }

    /// The lowest `count` bytes of a number, `count` at most eight.
    fn low_bytes(count: usize) -> u64 {
        u64::MAX
            .checked_shr(64 - 8 * count as u32)
            .unwrap_or_default()
    }

    /// Up to eight bytes as they sit in `after`: the first in the lowest byte, zeros beyond.
    fn packed(bytes: &[u8]) -> u64 {
        let mut eight = [0; 8];
        eight[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(eight)
    }

    /// A word of `len` bytes at `at` in `field`, a field that starts at `offset`.
    fn at(field: &[u8], at: usize, len: usize, offset: usize) -> Self {
        let rest = field.get(at + len..).unwrap_or_default();
        let next = rest.get(..8).unwrap_or(rest);
        let word_rest = rest.iter().position(|&byte| is_separator(byte));
        Self {
            at: (offset + at) as u32,
            after: Self::packed(next),
            known: next.len() as u16,
            rest: word_rest.unwrap_or(rest.len()).min(u16::MAX.into()) as u16,
        }
    }

    /// This place, for the word found here grown by `end`, if `end` follows it here; `None` too
    /// where the rest of the text's word is eight bytes or fewer but not all known, so that the
    /// text is read again: [`Self::is_whole`] needs those bytes. For the same word, now finished
    /// (`end` empty), this place if the text's word ends here too, where a whole word is.
    fn grown_by(self, end: &[u8]) -> Option<Self> {
        let len = end.len();
        if len == 0 {
            return (self.rest == 0).then_some(self);
        }
        if len > self.known.into() {
            return None;
        }
        let grown = Self {
            at: self.at,
            after: self.after.checked_shr(8 * len as u32).unwrap_or_default(),
            known: self.known - len as u16,
            rest: self.rest.saturating_sub(len as u16),
        };
        let rest_unknown = grown.rest > grown.known && grown.rest <= 8;
        (self.after & Self::low_bytes(len) == Self::packed(end) && !rest_unknown).then_some(grown)
    }

    /// Whether the word found here is a whole word of the text, or one followed by an ending
    /// that keeps it the same word (`endings`, each [`Self::packed`]: "migrant" in "migrants").
    /// An ending is never longer than eight bytes, which [`Self::grown_by`] keeps known.
    fn is_whole(self, endings: &[u64]) -> bool {
        match usize::from(self.rest) {
            0 => true,
            rest if rest <= self.known.into() => {
                endings.contains(&(self.after & Self::low_bytes(rest)))
            }
            _ => false,
        }
    }
}

/// Which of the characters a-z and 0-9 a text holds, one bit each, and one bit for all others;
/// and which of a-z its words start with, one bit each, and one bit for all others. Of a query's
/// word, the second half says what it starts with, which a text must have a word start with too.
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

    fn initial_bit(byte: u8) -> u64 {
        1 << match byte {
            b'a'..=b'z' => 37 + byte - b'a',
            _ => 63,
        }
    }

    fn of(text: &str) -> Self {
        let mut starts_word = true;
        Self(text.bytes().fold(0, |bits, byte| {
            let separator = is_separator(byte);
            let initial = if starts_word && !separator {
                Self::initial_bit(byte)
            } else {
                0
            };
            starts_word = separator;
            bits | Self::bit(byte) | initial
        }))
    }

    /// Only the initials: which letters the lines start with. Of an entry's own names, one a line,
    /// they say whether a query can begin one of them.
    fn starting_lines<'t>(lines: impl IntoIterator<Item = &'t str>) -> Self {
        let initials = lines.into_iter().filter_map(|line| line.bytes().next());
        Self(initials.fold(0, |bits, byte| bits | Self::initial_bit(byte)))
    }

    /// Whether every character of `other` is here too.
    fn covers(self, other: Self) -> bool {
        other.0 & !self.0 == 0
    }
}

/// `text` as a search reads it: normalized, with the parts of its hyphenated words and the
/// matched forms of its words.
pub fn searchable(text: &str) -> String {
    let mut text = normalize_with_parts(text);
    add_matched_forms(&mut text);
    text
}

/// `text` normalized, then its [`push_parts`].
fn normalize_with_parts(text: &str) -> String {
    let mut out = normalize(text);
    push_parts(&mut out, text);
    out
}

/// Pushes onto a field, on a line of its own, `text` normalized, then its [`push_parts`].
fn push_line(field: &mut String, text: &str) {
    field.push('\n');
    field.push_str(&normalize(text));
    push_parts(field, text);
}

/// Whether a character joins the parts of a word that are words too: a hyphen or an apostrophe
/// ("law-enforcement", "d'Ivoire"), in text and query alike.
fn joins_parts(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '\'' | '’')
}

/// Pushes onto `out`, on lines of their own, the parts of the hyphenated words of `text`, which
/// normalizing joins ("anti-trafficking" is "antitrafficking"): so that "anti" and "law" can be
/// finished words of a query ("anti trafficking", "law enforcement"). An apostrophe joins parts
/// too ("d'Ivoire"). The words are found from their joiners, looked for byte by byte: most words
/// have none.
fn push_parts(out: &mut String, text: &str) {
    // The bytes a joiner starts with: "‐", "‑" and "’" all start with 0xE2.
    let may_join = |byte: &u8| matches!(byte, b'-' | b'\'' | 0xE2);
    let mut from = 0;
    while let Some(at) = text.as_bytes()[from..]
        .iter()
        .position(may_join)
        .map(|i| from + i)
    {
        let Some(rest) = text.get(at..).filter(|rest| rest.starts_with(joins_parts)) else {
            from = at + 1;
            continue;
        };
        let before = text[..at].chars().rev().take_while(|c| !c.is_whitespace());
        let start = at - before.map(char::len_utf8).sum::<usize>();
        let end = at + rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push('\n');
        let parts: String = text[start..end]
            .chars()
            .map(|c| if joins_parts(c) { ' ' } else { c })
            .collect();
        out.push_str(&normalize(&parts));
        from = end;
    }
}

/// The fields of an organization's [`SearchText`], each normalized and with the matched forms of
/// its words (see [`super::spelling`]), and the length of the entry's own names at the start of the
/// first.
fn fields_of(org: &Organization) -> ([String; 3], usize) {
    let own: Vec<&str> = std::iter::once(&org.name)
        .chain(&org.acronym)
        .chain(&org.aliases)
        .map(String::as_str)
        .collect();
    let mut names = own
        .iter()
        .map(|name| normalize(name))
        .collect::<Vec<_>>()
        .join("\n");
    let own_names = names.len();
    for name in own {
        push_parts(&mut names, name);
    }
    let mut card = normalize_with_parts(&org.summary);
    for text in org.card_extras() {
        push_line(&mut card, &text);
    }
    let mut rest = normalize_with_parts(&org.role);
    // So that "sexual exploitation" finds every body that works on it, as the filter does.
    for label in org
        .detail_labels()
        .into_iter()
        .flat_map(|(_, labels)| labels)
    {
        push_line(&mut rest, label);
    }
    for person in &org.people {
        push_line(&mut rest, &person.name);
        push_line(&mut rest, &person.role);
    }
    for instrument in &org.instruments {
        push_line(&mut rest, &instrument.name);
        if let Some(short) = &instrument.short_name {
            push_line(&mut rest, short);
        }
    }
    let mut fields = [names, card, rest];
    for field in &mut fields {
        add_matched_forms(field);
    }
    (fields, own_names)
}

/// One row per entry, in the order the rows were added (the name order, see
/// [`super::Dataset`]): where the entry is, its facet values and the text a search reads, built
/// after the rows. The first results of a load, which have no search, are shown without that text.
#[derive(Debug, Default)]
pub struct SearchIndex {
    rows: Vec<Row>,
    texts: OnceLock<SearchTexts>,
    /// The text of the first rows, while [`Self::prepare_texts`] builds it a slice at a time.
    partial: Mutex<SearchTexts>,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    /// Where the entry is in the dataset.
    position: u32,
    facets: FacetBits,
}

/// A row of a [`SearchIndex`].
pub type RowId = u32;

impl SearchIndex {
    /// One row for each organization, in this order, with the organization's dataset position.
    pub fn new<'o>(organizations: impl IntoIterator<Item = (usize, &'o Organization)>) -> Self {
        let rows = organizations
            .into_iter()
            .map(|(position, org)| Row {
                position: position as u32,
                facets: FacetBits::of(org),
            })
            .collect();
        Self {
            rows,
            ..Self::default()
        }
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

    /// The text a search reads, of `entries`, the organizations the rows were made from: what
    /// [`Self::prepare_texts`] has not built yet is built now.
    pub(super) fn texts(&self, entries: &[Organization]) -> &SearchTexts {
        self.texts.get_or_init(|| {
            let mut texts = std::mem::take(&mut *self.lock_partial());
            self.extend_texts(&mut texts, entries, || true);
            texts
        })
    }

    /// Whether [`Self::texts`] is built.
    pub(super) fn has_texts(&self) -> bool {
        self.texts.get().is_some()
    }

    /// Builds the text of the next rows, one after the other, while `more` says to go on; true
    /// once every row's is built. At 100,000 entries the whole text takes seconds: in slices, a
    /// filter ticked meanwhile is answered between two of them.
    pub(super) fn prepare_texts(
        &self,
        entries: &[Organization],
        more: impl FnMut() -> bool,
    ) -> bool {
        if self.has_texts() {
            return true;
        }
        let mut partial = self.lock_partial();
        self.extend_texts(&mut partial, entries, more);
        let done = partial.spans.len() == self.rows.len();
        drop(partial);
        if done {
            // Moves the finished text to where a search reads it.
            self.texts(entries);
        }
        done
    }

    fn lock_partial(&self) -> MutexGuard<'_, SearchTexts> {
        // Only a panic while building could poison it, and a panic aborts the app.
        self.partial.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds the text of the rows after those `texts` holds, while `more` says to go on.
    fn extend_texts(
        &self,
        texts: &mut SearchTexts,
        entries: &[Organization],
        mut more: impl FnMut() -> bool,
    ) {
        let rest = &self.rows[texts.spans.len()..];
        texts.spans.reserve_exact(rest.len());
        for row in rest {
            if !more() {
                break;
            }
            texts.push(&entries[row.position as usize]);
        }
    }
}

/// What a search reads of every entry, normalized once and laid out row after row in a few large
/// pieces: a search that goes through the rows in order reads memory front to back, which at
/// 100,000 entries is several times faster than following a pointer per entry.
#[derive(Debug, Default)]
pub struct SearchTexts {
    /// Pieces of about [`Self::PIECE`] bytes, each holding the whole text of the rows in it; a piece
    /// never grows. One buffer grown as the rows came doubled at every step and, at 100,000
    /// entries, ended as a block larger than the space the freed dataset text leaves, so wasm
    /// memory, which never shrinks, grew by that block: 600 MB after load, 350 MB in pieces.
    pieces: Vec<String>,
    spans: Vec<Span>,
    name_keys: Vec<u64>,
}

/// Where one row's text is in [`SearchTexts`]: in which piece, where its first field starts and
/// where its fields end; where the keys of its own names are, and the letters those names start
/// with.
#[derive(Debug, Clone, Copy)]
struct Span {
    piece: u32,
    start: u32,
    ends: [u32; 3],
    keys: [u32; 2],
    name_initials: Characters,
    characters: [Characters; 3],
}

impl SearchTexts {
    /// The size of a piece: large enough that a search rarely steps from one to the next, small
    /// enough to waste little at the end of each (at most one row's text) or in the single piece of
    /// the real data.
    const PIECE: usize = 256 * 1024;

    /// Adds the next row's text: that of `org`.
    fn push(&mut self, org: &Organization) {
        let (fields, own_names) = fields_of(org);
        let piece = self.piece_for(fields.iter().map(String::len).sum());
        let start = piece.len() as u32;
        let ends = fields.each_ref().map(|field| {
            piece.push_str(field);
            piece.len() as u32
        });
        let keys_start = self.name_keys.len() as u32;
        let own_names = fields[0].get(..own_names).unwrap_or_default();
        self.name_keys.extend(keys_of_names(own_names));
        self.spans.push(Span {
            piece: self.pieces.len() as u32 - 1,
            start,
            ends,
            keys: [keys_start, self.name_keys.len() as u32],
            name_initials: Characters::starting_lines(own_names.split('\n')),
            characters: fields.each_ref().map(|field| Characters::of(field)),
        });
    }

    /// The last piece if `len` more bytes fit in it, otherwise a new one (as large as a row that
    /// needs more than a piece).
    fn piece_for(&mut self, len: usize) -> &mut String {
        let fits = |piece: &String| piece.capacity() - piece.len() >= len;
        if !self.pieces.last().is_some_and(fits) {
            self.pieces
                .push(String::with_capacity(len.max(Self::PIECE)));
        }
        let last = self.pieces.len() - 1;
        &mut self.pieces[last]
    }

    pub fn text(&self, row: RowId) -> SearchText<'_> {
        let span = &self.spans[row as usize];
        let text = self.pieces[span.piece as usize].as_bytes();
        let [names, card, rest] = span.ends.map(|end| end as usize);
        let start = span.start as usize;
        SearchText {
            fields: [start..names, names..card, card..rest]
                .map(|range| text.get(range).unwrap_or_default()),
            name_keys: self
                .name_keys
                .get(span.keys[0] as usize..span.keys[1] as usize)
                .unwrap_or_default(),
            name_initials: span.name_initials,
            characters: span.characters,
        }
    }
}

/// How well an entry matches a query; the derived order puts the better match first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    /// The query is, word for word, the name, acronym or another name: "un" is the United Nations,
    /// before the African Union and the "UN Committee on the Rights of the Child".
    WholeName,
    /// The query is the beginning of the name, acronym or another name, word for word: "united
    /// nations" puts the United Nations' agencies before the "Office of the United Nations High
    /// Commissioner for Refugees".
    NameStart,
    /// Every word of the query is in the name, acronym or another name.
    Title,
    /// The query is the beginning of a name as someone types it, its last word the beginning of
    /// the name's word there: "united nat" puts the United Nations and its agencies first too.
    /// Each relevance whose name ends in "partial" is that of a last word that only begins a
    /// word of the text, and comes after the same relevance for a whole word: "fund" puts the
    /// Freedom Fund before the "Fundamental Rights Agency", which someone who types on to
    /// "fundam" finds first all the same. A single letter always counts as a beginning: as a word
    /// of its own, it is mostly "a" (see [`SearchText::find`]).
    NameStartPartial,
    /// As [`Self::Title`], with a last word that only begins a word where it is first found.
    TitlePartial,
    /// Every word is in the names or elsewhere on the card (summary, place), but not all in the
    /// names.
    Card,
    CardPartial,
    /// Every word is somewhere in the entry, but not all on its card.
    Text,
    TextPartial,
}

impl Relevance {
    /// By the field of a [`SearchText`] they stand for.
    const BY_FIELD: [Self; 3] = [Self::Title, Self::Card, Self::Text];
    /// How many there are: the last one's number, plus one.
    pub const COUNT: usize = Self::TextPartial as usize + 1;

    /// This relevance, for a last word that only begins a word of the text.
    fn partial(self) -> Self {
        match self {
            Self::NameStart => Self::NameStartPartial,
            Self::Title => Self::TitlePartial,
            Self::Card => Self::CardPartial,
            Self::Text => Self::TextPartial,
            other => other,
        }
    }
}

/// A normalized query: the words that must all appear, each in its matched form ("forced labor" for
/// "Forced labours", see [`super::spelling`]). Every word but the last must end a word of the text
/// (see the module's documentation). The parts of a hyphenated word are words of their own; the
/// [`Self::joinings`] have some or all of those words whole, and an entry may match one instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
    /// The characters of each word.
    characters: Vec<Characters>,
    /// The words' [`name_key`]: the key of the names that the query is, word for word.
    name_key: u64,
    /// The [`form_endings`] of the last word, each [`Found::packed`]: none is longer than eight
    /// bytes.
    last_endings: Vec<u64>,
    /// The query with one or more of its hyphenated words whole, as normalizing joins them
    /// ("cooperation" for "co-operation"), in each way that differs from the others (see
    /// [`joinings_of`]): the parts alone miss text that writes a word whole, and all of the
    /// words whole miss "law enforcement cooperation" for "law-enforcement co-operation".
    joinings: Vec<Query>,
}

/// One word of a [`Query`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryWord<'a> {
    /// In its matched form.
    pub text: &'a str,
    /// Whether it must end a word of the text: a word that another follows is finished.
    pub whole: bool,
}

impl QueryWord<'_> {
    /// Whether a normalized text holds this word where a search matches it.
    pub fn is_in(self, normalized: &str) -> bool {
        find_word(normalized.as_bytes(), 0, self.text.as_bytes(), self.whole).is_some()
    }

    /// Whether every text that holds this word where a search matches it holds `other` too.
    fn implies(self, other: QueryWord) -> bool {
        if other.whole {
            self.whole && self.text == other.text
        } else {
            self.text.starts_with(other.text)
        }
    }
}

impl Query {
    /// The query `text`, its hyphenated words in parts, as an entry's text holds them too (see
    /// [`push_parts`]): "UN-Women" finds "UN Women" as "UN Women" does.
    pub fn new(text: &str) -> Self {
        let parts = Self::of_normalized(&normalize(&text.replace(joins_parts, " ")));
        let mut joinings: Vec<Query> = Vec::new();
        for joining in joinings_of(text) {
            let joining = Self::of_normalized(&normalize(&joining));
            let new = |query: &Query| query.words != joining.words;
            if new(&parts) && joinings.iter().all(new) {
                joinings.push(joining);
            }
        }
        Self { joinings, ..parts }
    }

    /// The query of these normalized words, with no [`Self::joinings`].
    fn of_normalized(normalized: &str) -> Self {
        let words: Vec<String> = matched_words(normalized).map(Cow::into_owned).collect();
        let characters = words.iter().map(|word| Characters::of(word)).collect();
        let name_key = name_key(&words);
        let last_endings = words.last().map_or_else(Vec::new, |last| {
            form_endings(last)
                .iter()
                .filter(|ending| ending.len() <= 8)
                .map(|ending| Found::packed(ending.as_bytes()))
                .collect()
        });
        Self {
            words,
            characters,
            name_key,
            last_endings,
            joinings: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The queries an entry may match to match this one: this one, and its [`Self::joinings`].
    pub fn alternatives(&self) -> impl Iterator<Item = &Query> {
        std::iter::once(self).chain(&self.joinings)
    }

    /// Whether every entry this query matches is also matched by `before`: each earlier word is
    /// implied by some word now, as when someone types on; of a query with [`Self::alternatives`],
    /// each of its own narrows one of `before`'s.
    pub fn narrows(&self, before: &Query) -> bool {
        self.alternatives().all(|now| {
            before.alternatives().any(|then| {
                then.words()
                    .all(|old| now.words().any(|word| word.implies(old)))
            })
        })
    }

    /// The words, each in its matched form.
    pub fn words(&self) -> impl Iterator<Item = QueryWord<'_>> {
        let last = self.words.len().saturating_sub(1);
        self.words
            .iter()
            .enumerate()
            .map(move |(i, word)| QueryWord {
                text: word,
                whole: i < last,
            })
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// For each word, the word of `before` that it is or that it grows from (the longest one it
    /// starts with): a search that narrows `before`'s matches starts looking for it there. A
    /// finished word of `before` was found where it ends a word, which may be after a first place
    /// of the same letters, so only the same finished word comes from it.
    pub fn origins(&self, before: &Query) -> Vec<Origin> {
        self.words()
            .map(|word| {
                let grown_from = before
                    .words()
                    .enumerate()
                    .filter(|(_, old)| {
                        word.text.starts_with(old.text) && (!old.whole || *old == word)
                    })
                    .max_by_key(|(_, old)| old.text.len());
                match grown_from {
                    Some((i, old)) if old == word => Origin::Same(i),
                    Some((from, old)) => Origin::Grown {
                        from,
                        by: word.text.len() - old.text.len(),
                    },
                    None => Origin::New,
                }
            })
            .collect()
    }

    /// Whether every word is in the entry, or every word of one of the [`Self::joinings`], looking
    /// for each word of this one from its [`Start`] (one per word), and how well the best of them
    /// matches. If so, pushes where each word was found onto `found`, for the next, narrower
    /// search; of a query with joinings, nothing, as what was found is of one or another: a
    /// narrower query then looks through its matches from the start.
    pub fn find_in(
        &self,
        text: &SearchText,
        starts: impl IntoIterator<Item = Start>,
        found: &mut Vec<Found>,
    ) -> Option<Relevance> {
        if self.joinings.is_empty() {
            return self.find_words_in(text, starts, found);
        }
        let before = found.len();
        let mut best = self.find_words_in(text, starts, found);
        for joining in &self.joinings {
            found.truncate(before);
            if best == Some(Relevance::WholeName) {
                break;
            }
            let anywhere = std::iter::repeat(Start::Anywhere);
            let relevance = joining.find_words_in(text, anywhere, found);
            best = best.into_iter().chain(relevance).min();
        }
        found.truncate(before);
        best
    }

    /// [`Self::find_in`] for the words of this query alone.
    fn find_words_in(
        &self,
        text: &SearchText,
        starts: impl IntoIterator<Item = Start>,
        found: &mut Vec<Found>,
    ) -> Option<Relevance> {
        let before = found.len();
        let mut relevance = Relevance::Title;
        let mut last = None;
        for ((word, &characters), start) in self.words().zip(&self.characters).zip(starts) {
            let (whole, word) = (word.whole, word.text.as_bytes());
            let here = match start {
                Start::Known(here) => Some(here),
                Start::Grown(shorter, by) => {
                    let end = word
                        .get(word.len().saturating_sub(by)..)
                        .unwrap_or_default();
                    shorter
                        .grown_by(end)
                        .filter(|grown| {
                            !whole || grown.rest == 0 || text.ends_word(grown.at as usize, word)
                        })
                        .or_else(|| text.find(word, characters, shorter.at as usize, whole))
                }
                Start::Anywhere => text.find(word, characters, 0, whole),
            };
            let Some(here) = here else {
                found.truncate(before);
                return None;
            };
            relevance = relevance.max(text.relevance_at(here.at as usize));
            found.push(here);
            last = Some(here);
        }
        let in_fields = if last.is_some_and(|last| !last.is_whole(&self.last_endings)) {
            relevance.partial()
        } else {
            relevance
        };
        if relevance == Relevance::Title {
            if self.is_a_name_in(text) {
                return Some(Relevance::WholeName);
            }
            if let Some(name_start) = self.name_start_in(text) {
                return Some(name_start.min(in_fields));
            }
        }
        Some(in_fields)
    }

    /// Whether the query is, word for word (each in its matched form), one of the entry's own
    /// names: compared by key, a few numbers per entry, since it is asked at every keystroke of
    /// every entry whose names hold the query's words.
    fn is_a_name_in(&self, text: &SearchText) -> bool {
        !self.words.is_empty() && text.name_keys.contains(&self.name_key)
    }

    /// Whether the query begins one of the entry's own names, word for word: each word but the
    /// last is the name's word there as a search matches a finished word ([`is_matched_whole`]),
    /// and the last begins the next word of the name in one of its spellings
    /// ([`begins_a_form_of`]); [`Relevance::NameStart`] if, in one name, the last is that word
    /// too, [`Relevance::NameStartPartial`] if it only begins it. Asked only of entries whose
    /// names hold every word.
    fn name_start_in(&self, text: &SearchText) -> Option<Relevance> {
        let (last, finished) = self.words.split_last()?;
        // A matched form keeps the first letter of its word, so a name that starts with another
        // letter is passed over before its words are split and their forms worked out: most
        // entries have none that starts with the query's, which their initials tell at once.
        let first_letter = self.words[0].as_bytes().first();
        let initial = Characters::starting_lines([self.words[0].as_str()]);
        if !text.name_initials.covers(initial) {
            return None;
        }
        let names = text
            .own_names()
            .filter(|name| name.first() == first_letter)
            .filter_map(|name| std::str::from_utf8(name).ok());
        let starts = names.filter_map(|name| {
            let mut name_words = name.split(' ');
            let begun = finished.iter().all(|word| {
                name_words.next().is_some_and(|name_word| {
                    is_matched_whole(name_word.as_bytes(), word.as_bytes())
                })
            });
            let name_word = name_words.next().filter(|_| begun)?;
            if is_matched_whole(name_word.as_bytes(), last.as_bytes()) {
                Some(Relevance::NameStart)
            } else {
                begins_a_form_of(name_word, last).then_some(Relevance::NameStartPartial)
            }
        });
        starts.min()
    }
}

/// Where a word of a narrowing query comes from in the query before it (see [`Query::origins`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The same word, at this place in the earlier query.
    Same(usize),
    /// A word that starts with that one and is `by` bytes longer, or the same word now finished
    /// (`by` 0): it can only be where that one was, or further on.
    Grown {
        from: usize,
        by: usize,
    },
    New,
}

impl Origin {
    /// Where to look for the word in an entry, given where the earlier query's words were found.
    pub fn start(self, found_before: &[Found]) -> Start {
        let before = |i: usize| found_before.get(i).copied();
        match self {
            Origin::Same(i) => before(i).map_or(Start::Anywhere, Start::Known),
            Origin::Grown { from, by } => {
                before(from).map_or(Start::Anywhere, |shorter| Start::Grown(shorter, by))
            }
            Origin::New => Start::Anywhere,
        }
    }
}

/// Where to look for one word of a query in an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The same word was found there before: no need to look.
    Known(Found),
    /// A word this one grows from, by this many bytes at its end, was found there: this one is
    /// there too if those bytes follow, and otherwise can only be further on.
    Grown(Found, usize),
    Anywhere,
}

/// How many of a query's hyphenated words [`joinings_of`] mixes, whole and in parts, in every
/// combination: 15 queries at most.
const MOST_MIXED: u32 = 4;

/// `text` with each combination of its hyphenated words whole (as typed, for normalizing to join)
/// and in parts, the others: all but the one with every word in parts. Past the first
/// [`MOST_MIXED`], the words are whole only where all of those are, as someone who types
/// that many is unlikely to mix.
fn joinings_of(text: &str) -> impl Iterator<Item = String> + '_ {
    let words: Vec<&str> = text.split_whitespace().collect();
    let hyphenated = words
        .iter()
        .filter(|word| word.contains(joins_parts))
        .count() as u32;
    let mixed = hyphenated.min(MOST_MIXED);
    (1..1u32 << mixed).map(move |whole| {
        let mut nth = 0;
        let words = words.iter().map(|&word| {
            if !word.contains(joins_parts) {
                return Cow::Borrowed(word);
            }
            let joined = match nth {
                n if n < mixed => whole & (1 << n) != 0,
                _ => whole == (1 << mixed) - 1,
            };
            nth += 1;
            if joined {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.replace(joins_parts, " "))
            }
        });
        words.collect::<Vec<_>>().join(" ")
    })
}

/// A key for a name given as its words in matched form: a 64-bit FNV-1a hash of the words with a
/// space between, so that two names that differ are told apart but for a chance of 1 in 2^64.
fn name_key(words: &[impl AsRef<str>]) -> u64 {
    let step = |key: u64, byte: u8| (key ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    let mut key = 0xcbf2_9ce4_8422_2325;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            key = step(key, b' ');
        }
        key = word.as_ref().bytes().fold(key, step);
    }
    key
}

/// The [`name_key`] of each line of `names`, normalized names: the key of a query that is that
/// name, since both go by [`matched_words`].
fn keys_of_names(names: &str) -> impl Iterator<Item = u64> + '_ {
    names
        .split('\n')
        .map(|line| name_key(&matched_words(line).collect::<Vec<_>>()))
}

/// The words of a normalized text, each in its matched form.
fn matched_words(normalized: &str) -> impl Iterator<Item = Cow<'_, str>> {
    normalized
        .split(' ')
        .filter(|word| !word.is_empty())
        .map(matched_form)
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

/// Where `word` first starts a word of a normalized `field` at or after `from`; if `whole`, only
/// where it also ends one (see [`ends_word`]).
fn find_word(field: &[u8], mut from: usize, word: &[u8], whole: bool) -> Option<usize> {
    loop {
        let at = from + find(field.get(from..)?, word)?;
        let starts_word = at
            .checked_sub(1)
            .is_none_or(|before| is_separator(field[before]));
        if starts_word && (!whole || ends_word(field, at, word)) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Whether a byte of normalized text stands between words: a space, or the line break before
/// another name, sentence or form of a word.
fn is_separator(byte: u8) -> bool {
    byte == b' ' || byte == b'\n'
}

/// Whether `word`, found at `at` in a normalized `field`, ends the field's word there, or is what the
/// rest of that word is matched by ("organ" in "organs", "child" in "children"; see
/// [`super::spelling`]).
fn ends_word(field: &[u8], at: usize, word: &[u8]) -> bool {
    let rest = field.get(at..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|&byte| is_separator(byte))
        .unwrap_or(rest.len());
    is_matched_whole(&rest[..end], word)
}

/// Whether a word of normalized text is matched by a finished `word` of a query (in matched form):
/// it is that word, or that word is its matched form.
fn is_matched_whole(text_word: &[u8], word: &[u8]) -> bool {
    text_word == word
        || std::str::from_utf8(text_word)
            .is_ok_and(|text_word| matched_form(text_word).as_bytes() == word)
}

/// Where `needle` first occurs in `haystack`: the search behind every keystroke, so it looks at
/// eight bytes per step for places where the needle's first two bytes stand side by side, and
/// compares in full only there. Several times faster in wasm than `str::find`, which has no SIMD there.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (first, second) = match needle {
        [] => return Some(0),
        [only] => return haystack.iter().position(|byte| byte == only),
        [first, second, ..] => (*first, *second),
    };
    if haystack.len() < needle.len() {
        return None;
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
                return Some(start);
            }
            pairs &= pairs - 1;
        }
        at += 8;
    }
    haystack[at..]
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|offset| at + offset)
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
    fn normalization_folds_decomposed_accents_and_ligatures() {
        assert_eq!(
            normalize("Siobha\u{301}n"),
            "siobhan",
            "decomposed, as macOS may copy it"
        );
        assert_eq!(normalize("İSTANBUL İstanbul"), "istanbul istanbul");
        assert_eq!(normalize("ﬁnance ﬂows, ofﬁce"), "finance flows office");
    }

    #[test]
    fn queries_split_into_normalized_words() {
        let anti_slavery = Query::new(" Anti-Slavery   INTERNATIONAL ");
        assert_eq!(anti_slavery.words, ["anti", "slavery", "international"]);
        let joinings = |query: Query| -> Vec<Vec<String>> {
            query
                .joinings
                .into_iter()
                .map(|joining| joining.words)
                .collect()
        };
        assert_eq!(joinings(anti_slavery), [["antislavery", "international"]],);
        assert_eq!(
            joinings(Query::new("law-enforcement co-operation")),
            [
                vec!["lawenforcement", "co", "operation"],
                vec!["law", "enforcement", "cooperation"],
                vec!["lawenforcement", "cooperation"],
            ],
            "each combination of words whole and in parts"
        );
        assert_eq!(
            Query::new("U.N. Women").joinings,
            [],
            "only a hyphen or apostrophe has parts"
        );
        assert_eq!(
            Query::new("a-b c-d e-f g-h i-j").joinings.len(),
            15,
            "past four words, only all of them whole"
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
        assert!(
            !Query::new("europolice").narrows(&police),
            "a word that only holds another is not found where that one is"
        );
        assert!(!Query::new("").narrows(&police));
    }

    #[test]
    fn a_finished_word_only_narrows_a_query_that_has_it_finished() {
        let organ = Query::new("organ");
        assert!(Query::new("organ t").narrows(&organ));
        assert!(Query::new("organs trafficking").narrows(&Query::new("organ t")));
        assert!(!organ.narrows(&Query::new("organ t")));
        assert!(
            !organ.narrows(&Query::new("organ organ")),
            "\"organ\" matches \"organization\", which \"organ organ\" does not"
        );
        assert!(!Query::new("organization t").narrows(&Query::new("organ t")));
    }

    #[test]
    fn each_word_but_the_last_must_end_a_word_of_the_text() {
        let entry = |body: &str| normalized("Network", body);
        let organizations = entry("Organizations against trafficking");
        let organs = entry("Trafficking in organs and in children; anti-trafficking work");
        let find = |query: &str, (title, body): &(String, String)| {
            relevance(query, &SearchText::new(title, "", body, &[]))
        };
        assert_eq!(find("organ trafficking", &organizations), None);
        assert_eq!(find("organ trafficking", &organs), Some(Relevance::Text));
        assert_eq!(
            find("organ", &organizations),
            Some(Relevance::TextPartial),
            "the last word may be a beginning"
        );
        assert_eq!(
            find("child traff", &organs),
            Some(Relevance::TextPartial),
            "\"children\" is matched by \"child\""
        );
        assert_eq!(
            find("trafficking work", &organs),
            Some(Relevance::Text),
            "the parts of \"anti-trafficking\" are words"
        );
        assert_eq!(find("traffic work", &organs), None);
        assert_eq!(find("net organs", &organs), None);
        assert_eq!(find("network organs", &organs), Some(Relevance::Text));
    }

    #[test]
    fn every_word_must_start_a_word_of_the_text() {
        let (title, body) = normalized(
            "African Union",
            "Funds council work in Côte d'Ivoire; anti-trafficking",
        );
        let text = SearchText::new(&title, "", &body, &[]);
        assert_eq!(
            relevance("un", &text),
            Some(Relevance::TitlePartial),
            "union"
        );
        assert_eq!(relevance("ion", &text), None, "union, council");
        assert_eq!(relevance("cil", &text), None, "council");
        assert_eq!(
            relevance("c", &text),
            Some(Relevance::TextPartial),
            "council"
        );
        assert_eq!(relevance("o", &text), None, "every word holds one");
        assert_eq!(relevance("traff", &text), Some(Relevance::TextPartial));
        assert_eq!(
            relevance("ivoire", &text),
            Some(Relevance::Text),
            "an apostrophe joins parts, as a hyphen does"
        );
    }

    /// An entry's names field as the index holds it, with a line of other forms after its own
    /// names, and the keys of its own names.
    fn names(own: &[&str]) -> (String, Vec<u64>) {
        let mut field = own
            .iter()
            .map(|name| normalize(name))
            .collect::<Vec<_>>()
            .join("\n");
        let keys: Vec<u64> = keys_of_names(&field).collect();
        add_matched_forms(&mut field);
        field.push_str("\nother forms");
        (field, keys)
    }

    /// How well `query` matches an entry that has only these [`names`].
    fn relevance_in(query: &str, (field, keys): &(String, Vec<u64>)) -> Option<Relevance> {
        relevance(query, &SearchText::new(field, "", "", keys))
    }

    #[test]
    fn a_query_that_is_a_whole_name_ranks_before_other_names() {
        let un = names(&["United Nations", "UN"]);
        let au = names(&["African Union", "AU"]);
        let ilo = names(&["International Labour Organization", "ILO"]);
        assert_eq!(relevance_in("un", &un), Some(Relevance::WholeName));
        assert_eq!(relevance_in("UN", &un), Some(Relevance::WholeName));
        assert_eq!(
            relevance_in("united nations", &un),
            Some(Relevance::WholeName)
        );
        assert_eq!(
            relevance_in("un", &au),
            Some(Relevance::TitlePartial),
            "union"
        );
        assert_eq!(
            relevance_in("international labor organisations", &ilo),
            Some(Relevance::WholeName),
            "each word in its matched form"
        );
        assert_eq!(
            relevance_in("other forms", &ilo),
            Some(Relevance::Title),
            "only the entry's own names count"
        );
        assert!(Relevance::WholeName < Relevance::Title);
    }

    #[test]
    fn a_query_that_begins_a_name_ranks_before_other_names() {
        let un = names(&["United Nations", "UN"]);
        let ilo = names(&["International Labour Organization", "ILO"]);
        let rapporteurs = names(&["Special Rapporteurs on Slavery"]);
        for (query, names, expected) in [
            ("united", &un, Relevance::NameStart),
            ("international labor", &ilo, Relevance::NameStart),
            ("special rapporteur", &rapporteurs, Relevance::NameStart),
            ("special rapporteur on", &rapporteurs, Relevance::NameStart),
            ("united nat", &un, Relevance::NameStartPartial),
            ("UNITED NATIO", &un, Relevance::NameStartPartial),
            ("intern", &ilo, Relevance::NameStartPartial),
            ("il", &ilo, Relevance::NameStartPartial),
            ("international labor org", &ilo, Relevance::NameStartPartial),
            (
                "international labour organ",
                &ilo,
                Relevance::NameStartPartial,
            ),
            ("nations", &un, Relevance::Title),
            ("labour organization", &ilo, Relevance::Title),
            ("international organization", &ilo, Relevance::Title),
            ("other", &ilo, Relevance::Title),
            ("united nations o", &un, Relevance::TitlePartial),
        ] {
            assert_eq!(relevance_in(query, names), Some(expected), "{query}");
        }
        assert_eq!(relevance_in("un", &un), Some(Relevance::WholeName));
        assert!(Relevance::WholeName < Relevance::NameStart);
        assert!(Relevance::NameStart < Relevance::Title);
    }

    #[test]
    fn a_last_word_that_only_begins_a_word_ranks_after_a_whole_one_in_the_same_field() {
        let entry = |title: &str, card: &str| {
            let (title, card) = normalized(title, card);
            move |query: &str| relevance(query, &SearchText::new(&title, &card, "", &[]))
        };
        let fund = entry("Freedom Fund", "Funds programmes");
        let fundamental = entry("Agency for Fundamental Rights", "A fund for victims");
        assert_eq!(fund("fund"), Some(Relevance::Title));
        assert_eq!(fundamental("fund"), Some(Relevance::TitlePartial));
        assert_eq!(fundamental("funda"), Some(Relevance::TitlePartial));
        assert_eq!(fundamental("fundamental"), Some(Relevance::Title));
        assert_eq!(fund("programme"), Some(Relevance::Card), "programmes");
        assert_eq!(fund("prog"), Some(Relevance::CardPartial));

        let forms = entry("Children and migrants", "Organizations of witnesses");
        for (query, expected) in [
            ("child", Relevance::Title),
            ("migrant", Relevance::Title),
            ("witness", Relevance::Card),
            ("organization", Relevance::Card),
            ("organisation", Relevance::Card),
            ("organizat", Relevance::CardPartial),
            ("migra", Relevance::TitlePartial),
            ("m", Relevance::TitlePartial),
        ] {
            assert_eq!(forms(query), Some(expected), "{query}");
        }
        use Relevance::*;
        let best_first = [
            WholeName,
            NameStart,
            Title,
            NameStartPartial,
            TitlePartial,
            Card,
            CardPartial,
            Text,
            TextPartial,
        ];
        assert!(best_first.is_sorted(), "{best_first:?}");
        assert_eq!(best_first.len(), Relevance::COUNT);
    }

    /// Whether a word is whole is known from the bytes kept after it as it grows, or read again:
    /// letter by letter, every query matches as a fresh search matches it.
    #[test]
    fn a_word_typed_letter_by_letter_is_whole_where_a_fresh_search_finds_it_whole() {
        let (title, body) = normalized(
            "Network of organizations and organs",
            "Childrens rights; a migration fund for migrants and witnesses; organizational help",
        );
        let text = SearchText::new(&title, "", &body, &[]);
        for typed in [
            "organizations",
            "organizational",
            "organs",
            "childrens",
            "migrants",
            "witnesses",
            "fundamental",
            "network organizations",
        ] {
            let mut before = Query::new("");
            let mut found: Vec<Found> = Vec::new();
            for end in 1..=typed.len() {
                let query = Query::new(&typed[..end]);
                let starts = query.origins(&before);
                let starts = starts.iter().map(|origin| origin.start(&found));
                let mut found_now = Vec::new();
                let narrowed = query.find_in(&text, starts, &mut found_now);
                assert_eq!(
                    narrowed,
                    relevance(&typed[..end], &text),
                    "{:?}",
                    &typed[..end]
                );
                (before, found) = (query, found_now);
            }
        }
    }

    #[test]
    fn a_name_begun_in_either_spelling_ranks_before_other_names() {
        let osce = names(&["Organization for Security and Co-operation in Europe"]);
        let oecd = names(&["Organisation for Economic Co-operation and Development"]);
        let labor = names(&["International Labor Rights Forum"]);
        for (query, names) in [
            ("organiz", &osce),
            ("organis", &osce),
            ("organiz", &oecd),
            ("organis", &oecd),
            ("international labou", &labor),
        ] {
            assert_eq!(
                relevance_in(query, names),
                Some(Relevance::NameStartPartial),
                "{query}"
            );
        }
        for (query, names) in [
            ("organization", &osce),
            ("organisation", &osce),
            ("organization", &oecd),
            ("international labour", &labor),
        ] {
            assert_eq!(
                relevance_in(query, names),
                Some(Relevance::NameStart),
                "{query}"
            );
        }
    }

    /// A title and a body as the index holds them.
    fn normalized(title: &str, body: &str) -> (String, String) {
        (searchable(title), searchable(body))
    }

    /// How well `query` matches `text`, looking for every word from the start.
    pub(super) fn relevance(query: &str, text: &SearchText) -> Option<Relevance> {
        let query = Query::new(query);
        let starts = vec![Start::Anywhere; query.word_count()];
        query.find_in(text, starts, &mut Vec::new())
    }

    #[test]
    fn find_agrees_with_the_standard_library() {
        let haystack = "international cooperation against trafficking, ééé \u{0} x";
        for start in 0..haystack.len() {
            for end in start..=haystack.len().min(start + 12) {
                let needle = &haystack.as_bytes()[start..end];
                let first = match needle {
                    [] => Some(0),
                    _ => haystack
                        .as_bytes()
                        .windows(needle.len())
                        .position(|w| w == needle),
                };
                assert_eq!(find(haystack.as_bytes(), needle), first, "{needle:?}");
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
            "on",
        ] {
            assert_eq!(
                find(haystack.as_bytes(), needle.as_bytes()),
                haystack.find(needle),
                "{needle:?}"
            );
        }
        assert_eq!(find(b"", b"a"), None);
        assert_eq!(find(b"abcdefgh", b"abcdefghi"), None);
        assert_eq!(find(b"aaaaaaaaaaaaaaaaab", b"ab"), Some(16));
    }

    /// Where each word was found.
    pub(super) fn places(found: &[Found]) -> Vec<u32> {
        found.iter().map(|found| found.at).collect()
    }

    #[test]
    fn a_narrower_query_looks_on_from_where_its_words_were_found() {
        let (title, body) = normalized(
            "Police Network",
            "Trains policemen; police cooperation in Europe",
        );
        let text = SearchText::new(&title, "", &body, &[]);
        let body_at = |word: &str| (title.len() + body.find(word).unwrap()) as u32;
        let narrowed = |query: &Query, before: &Query, found_before: &[Found]| {
            let starts = query.origins(before);
            let starts = starts.iter().map(|origin| origin.start(found_before));
            let mut found = Vec::new();
            let relevance = query.find_in(&text, starts, &mut found);
            (relevance, found)
        };
        let mut found = Vec::new();
        let polic = Query::new("polic");
        assert_eq!(
            polic.find_in(&text, [Start::Anywhere], &mut found),
            Some(Relevance::TitlePartial)
        );
        assert_eq!(found[0].at, 0);
        assert_eq!(found[0].after.to_le_bytes(), *b"e networ");
        assert_eq!(found[0].rest, 1, "the \"e\" of \"police\"");
        assert_eq!(
            found[0].grown_by(b""),
            None,
            "finished, \"polic\" is no word here"
        );
        let police = found[0].grown_by(b"e").expect("\"e\" follows");
        assert_eq!(
            police.grown_by(b""),
            Some(police),
            "\"police\" ends the text's word: finished, it is whole there, without reading the text"
        );

        // The first word grows by a letter that follows it, and a word is added.
        let next = Query::new("police coop");
        assert_eq!(
            next.origins(&polic),
            [Origin::Grown { from: 0, by: 1 }, Origin::New]
        );
        let (relevance, found_next) = narrowed(&next, &polic, &found);
        assert_eq!(relevance, Some(Relevance::TextPartial));
        assert_eq!(places(&found_next), [0, body_at("cooperation")]);

        // A word already found is not looked for again; "coop" grows by what follows it.
        let last = Query::new("police cooperation");
        assert_eq!(
            last.origins(&next),
            [Origin::Same(0), Origin::Grown { from: 1, by: 7 }]
        );
        let (relevance, found_last) = narrowed(&last, &next, &found_next);
        assert_eq!(relevance, Some(Relevance::Text), "whole, by the bytes kept");
        assert_eq!(places(&found_last), places(&found_next));
        assert_eq!(
            found_last[1].known, 1,
            "of the eight bytes after \"coop\", one is left"
        );

        // A grown word that is not where the shorter one was is looked for further on.
        let policem = Query::new("policem");
        let (relevance, found_policem) = narrowed(&policem, &next, &found_next);
        assert_eq!(relevance, Some(Relevance::TextPartial));
        assert_eq!(places(&found_policem), [body_at("policemen")]);

        let mut found = Vec::new();
        assert_eq!(
            Query::new("network networking").find_in(
                &text,
                [Start::Anywhere, Start::Anywhere],
                &mut found
            ),
            None
        );
        assert!(found.is_empty(), "a failed search leaves nothing behind");
    }

    /// For [`Dataset::prepare_search_texts`](crate::core::Dataset::prepare_search_texts): go on
    /// for `count` rows.
    fn rows(mut count: usize) -> impl FnMut() -> bool {
        move || {
            let more = count > 0;
            count = count.saturating_sub(1);
            more
        }
    }

    #[test]
    fn search_text_built_in_slices_is_the_text_built_at_once() {
        use crate::core::dataset::tests::real_data;
        let (sliced, at_once) = (real_data(), real_data());
        const ROWS: usize = 7;
        let mut slices = 0;
        loop {
            slices += 1;
            if sliced.prepare_search_texts(rows(ROWS)) {
                break;
            }
            assert!(
                slices < sliced.len(),
                "a slice that builds nothing never ends"
            );
        }
        assert_eq!(slices, sliced.len().div_ceil(ROWS), "{ROWS} rows a slice");
        assert!(
            sliced.prepare_search_texts(|| panic!("nothing is left to build")),
            "once built, it stays built"
        );
        let (sliced, at_once) = (sliced.search_texts(), at_once.search_texts());
        assert_eq!(sliced.spans.len(), at_once.spans.len());
        for row in 0..sliced.spans.len() as RowId {
            assert_eq!(sliced.text(row), at_once.text(row), "row {row}");
        }
    }

    #[test]
    fn a_search_while_the_text_is_built_in_slices_reads_every_entry() {
        use crate::core::dataset::tests::real_data;
        let data = real_data();
        assert!(!data.prepare_search_texts(rows(data.len() / 2)));
        // The last entry in the name order, whose text the slices have not reached.
        let last_row = data.len() as RowId - 1;
        let last = &data.entries()[data.index().position(last_row)];
        let texts = data.search_texts();
        assert_eq!(texts.spans.len(), data.len());
        assert_eq!(
            relevance(&last.name, &texts.text(last_row)),
            Some(Relevance::WholeName)
        );
        assert!(
            data.prepare_search_texts(|| panic!("nothing is left to build")),
            "the slices stop once a search has built the rest"
        );
    }

    #[test]
    fn each_row_reads_its_own_text_when_the_rows_fill_several_pieces() {
        use crate::core::dataset::tests::{entry_json, TODAY};
        use crate::core::Dataset;
        // Rows of about a third of a piece, and one of two pieces, which must get a piece of its own.
        let entries: Vec<String> = (0..10)
            .map(|i| {
                let size = if i == 4 {
                    2 * SearchTexts::PIECE
                } else {
                    SearchTexts::PIECE / 3
                };
                let role = format!("marker{i} {}", "padding ".repeat(size / 8));
                entry_json(&format!("row{i}"), "").replace("\"R.\"", &format!("\"{role}\""))
            })
            .collect();
        let data = Dataset::parse(format!("[{}]", entries.join(",")), TODAY).expect("valid data");
        let texts = data.search_texts();
        assert!(texts.pieces.len() >= 4, "{} pieces", texts.pieces.len());
        // No piece grew past the size it was given: a piece, or the one row it holds.
        for piece in &texts.pieces {
            assert!(piece.capacity() <= piece.len().max(SearchTexts::PIECE));
        }
        for row in 0..data.len() as RowId {
            let own = data.entries()[data.index().position(row)]
                .id
                .replace("row", "marker");
            for i in 0..10 {
                let marker = format!("marker{i}");
                assert_eq!(
                    relevance(&marker, &texts.text(row)).is_some(),
                    marker == own,
                    "{marker} in the text of {own}"
                );
            }
        }
    }

    #[test]
    fn every_word_must_match_and_title_matches_rank_first() {
        let (title, body) = normalized(
            "International Criminal Police Organization\nINTERPOL",
            "Police cooperation in 196 countries",
        );
        let interpol = SearchText::new(&title, "", &body, &[]);
        assert_eq!(relevance("interpol", &interpol), Some(Relevance::Title));
        assert_eq!(
            relevance("police countries", &interpol),
            Some(Relevance::Text)
        );
        assert_eq!(relevance("police europe", &interpol), None);
        assert_eq!(relevance("", &interpol), Some(Relevance::Title));
        assert!(Relevance::Title < Relevance::Text);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    /// ASCII and Unicode letters, digits, spaces and punctuation: joiners ("-", "'", ".", "’",
    /// "‐", "‑"), a dash that starts with the same byte as three of them ("—"), letters that
    /// lower-case to two characters ("İ") or fold to two ("ß", "Œ", "ﬁ"), a combining accent,
    /// and Unicode spaces.
    const TEXT: &str = "[a-zA-Z09 .,'’‐‑—/İßŒéÉﬁ\u{301}\u{a0}\u{2003}-]{0,40}";

    proptest! {
        /// Byte by byte, normalizing gives what the rule says, character by character: lower case,
        /// no joiners, no accents (folded, or combining), and the runs of letters and digits as
        /// words, one space apart.
        #[test]
        fn normalizing_agrees_with_a_plain_reading_of_the_rule(text in TEXT) {
            let folded: String = text
                .chars()
                .flat_map(char::to_lowercase)
                .filter(|&c| !super::is_joiner(c) && !super::is_combining_accent(c))
                .map(|c| super::fold_accent(c).map_or_else(|| c.to_string(), str::to_owned))
                .collect();
            let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).collect();
            prop_assert_eq!(super::normalize(&text), words.join(" "));
        }

        /// Found from their joiners, the parts are those of every word that has one, in order.
        #[test]
        fn parts_are_those_of_each_word_with_a_joiner(text in TEXT) {
            let joins_parts = |c: char| matches!(c, '-' | '‐' | '‑' | '\'' | '’');
            let expected: String = text
                .split_whitespace()
                .filter(|word| word.contains(joins_parts))
                .map(|word| format!("\n{}", super::normalize(&word.replace(joins_parts, " "))))
                .collect();
            let mut parts = String::new();
            super::push_parts(&mut parts, &text);
            prop_assert_eq!(parts, expected);
        }

        /// A hyphen in a query finds at least what a space there finds, and a text written as the
        /// query is, each hyphenated word with its hyphens, in parts or whole.
        #[test]
        fn a_hyphenated_query_finds_what_its_words_apart_find(
            title in "[a-c -]{0,12}",
            body in "[a-c -]{0,30}",
            query in "[a-c -]{1,8}",
            writings in proptest::collection::vec(0..3usize, 8),
        ) {
            use super::{searchable, tests::relevance, SearchText};
            let [title, body] = [title, body].map(|field| searchable(&field));
            let text = SearchText::new(&title, "", &body, &[]);
            if relevance(&query.replace('-', " "), &text).is_some() {
                prop_assert!(relevance(&query, &text).is_some());
            }
            let mut writings = writings.into_iter();
            let written: Vec<String> = query
                .split_whitespace()
                .map(|word| match writings.next() {
                    Some(0) => word.to_owned(),
                    Some(1) => word.replace('-', " "),
                    _ => word.replace('-', ""),
                })
                .collect();
            let written = searchable(&written.join(" "));
            prop_assert!(
                relevance(&query, &SearchText::new("", "", &written, &[])).is_some(),
                "{}", written
            );
        }

        /// Short alphabets make matches, near-misses and repeated bytes common.
        #[test]
        fn find_agrees_with_str_find(haystack in "[a-dé ]{0,60}", needle in "[a-dé]{0,6}") {
            prop_assert_eq!(
                super::find(haystack.as_bytes(), needle.as_bytes()),
                haystack.find(needle.as_str())
            );
        }

        /// Typing on: each word of the longer query, looked for from where the shorter query's
        /// words were found, is found where a search from the start finds it. Typing a space and
        /// another word finishes the word before it, which must then end a word of the text.
        #[test]
        fn looking_on_from_a_shorter_query_finds_the_first_place(
            title in "[a-cs1é ]{0,20}",
            card in "[a-cs1é ]{0,20}",
            body in "[a-cs1é ]{0,40}",
            typed in "[a-cs1é ]{1,6}",
            more in "[a-cs1é ]{1,4}",
        ) {
            use super::{Query, SearchText, Start};
            let [title, card, body] = [title, card, body].map(|field| super::normalize(&field));
            let text = SearchText::new(&title, &card, &body, &[]);
            let (short, long) = (Query::new(&typed), Query::new(&format!("{typed}{more}")));
            // A plural ending can shorten a word's matched form ("sse", "sses"): a search then
            // starts again from every entry.
            if !long.narrows(&short) {
                return Ok(());
            }
            let anywhere = |query: &Query| vec![Start::Anywhere; query.word_count()];
            let mut found_short = Vec::new();
            if short.find_in(&text, anywhere(&short), &mut found_short).is_none() {
                prop_assert_eq!(long.find_in(&text, anywhere(&long), &mut Vec::new()), None);
                return Ok(());
            }
            let (mut from_there, mut from_start) = (Vec::new(), Vec::new());
            let starts = long.origins(&short).iter().map(|origin| origin.start(&found_short)).collect::<Vec<_>>();
            let narrowed = long.find_in(&text, starts, &mut from_there);
            let fresh = long.find_in(&text, anywhere(&long), &mut from_start);
            prop_assert_eq!(narrowed, fresh);
            prop_assert_eq!(super::tests::places(&from_there), super::tests::places(&from_start));
        }

        /// A query that says it narrows another matches no text the other does not. The query
        /// after is often the one before with its end deleted, which may leave a finished word unfinished.
        #[test]
        fn a_narrower_query_matches_nothing_the_other_does_not(
            text in "[abs ]{0,24}",
            before in "[abs ]{0,8}",
            deleted in 0..8usize,
            other in proptest::option::of("[abs ]{0,8}"),
        ) {
            use super::{Query, SearchText, Start};
            let after = other.unwrap_or_else(|| before[..before.len().saturating_sub(deleted)].to_owned());
            let text = super::normalize(&text);
            let text = SearchText::new("", "", &text, &[]);
            let (before, after) = (Query::new(&before), Query::new(&after));
            let matches = |query: &Query| {
                query.find_in(&text, vec![Start::Anywhere; query.word_count()], &mut Vec::new()).is_some()
            };
            if after.narrows(&before) && matches(&after) {
                prop_assert!(matches(&before));
            }
        }

        /// The shortcuts (character bits, single letters, places found before) change no answer:
        /// matching agrees with a plain reading of the rule, where each word starts a word of a
        /// field, and each word but the last is matched by the whole of that word. The last is
        /// partial where the first word of the text it starts is not matched by it whole, and
        /// always if it is a single letter. The title is one name, which a query may be, or begin,
        /// word for word; short alphabets make both common.
        #[test]
        fn matching_agrees_with_a_plain_reading_of_the_rule(
            title in "[a-ds1é ]{0,6}",
            card in "[a-ds1é ]{0,20}",
            body in "[a-ds1é ]{0,40}",
            query in "[a-ds1é ]{0,6}",
        ) {
            use super::super::spelling::matched_form;
            let [title, card, body] = [title, card, body].map(|field| super::normalize(&field));
            let keys: Vec<u64> = super::keys_of_names(&title).collect();
            let text = super::SearchText::new(&title, &card, &body, &keys);
            let normalized = super::normalize(&query);
            let words: Vec<String> = normalized
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| matched_form(w).into_owned())
                .collect();
            let last = words.len().saturating_sub(1);
            let holds = |field: &str, i: usize| {
                let word = words[i].as_str();
                field.split(' ').any(|rest| {
                    rest.starts_with(word) && (i == last || rest == word || matched_form(rest) == word)
                })
            };
            let in_any = |fields: &[&str]| (0..words.len()).all(|i| fields.iter().any(|field| holds(field, i)));
            let whole = |text_word: &str, word: &str| text_word == word || matched_form(text_word) == word;
            let partial = words.last().is_some_and(|last| {
                let mut text_words = [&title, &card, &body].into_iter().flat_map(|field| field.split(' '));
                matches!(last.as_bytes(), [b'a'..=b'z']) || text_words.find(|w| w.starts_with(last.as_str())).is_some_and(|w| !whole(w, last))
            });
            let title_words: Vec<String> = title.split(' ').map(|w| matched_form(w).into_owned()).collect();
            let name_start = words.split_last().and_then(|(last, finished)| {
                let title_words: Vec<&str> = title.split(' ').collect();
                let next = title_words.get(finished.len())?;
                let begun = finished.iter().zip(&title_words).all(|(word, title_word)| matched_form(title_word) == *word)
                    && [next.to_string(), matched_form(next).into_owned()].iter().any(|w| w.starts_with(last.as_str()));
                match (begun, whole(next, last)) {
                    (false, _) => None,
                    (true, true) => Some(super::Relevance::NameStart),
                    (true, false) => Some(super::Relevance::NameStartPartial),
                }
            });
            use super::Relevance::*;
            let in_fields = if in_any(&[&title]) {
                Some(if partial { TitlePartial } else { Title })
            } else if in_any(&[&title, &card]) {
                Some(if partial { CardPartial } else { Card })
            } else if in_any(&[&title, &card, &body]) {
                Some(if partial { TextPartial } else { Text })
            } else {
                None
            };
            let expected = if !words.is_empty() && title_words == words {
                Some(WholeName)
            } else if in_any(&[&title]) {
                in_fields.min(name_start).or(in_fields)
            } else {
                in_fields
            };
            prop_assert_eq!(super::tests::relevance(&query, &text), expected);
        }
    }
}
