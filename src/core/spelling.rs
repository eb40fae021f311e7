//! Words that are one word spelled two ways: an English plural and its singular ("migrants" and
//! "migrant", "policies" and "policy"), British and American spelling ("labour" and "labor",
//! "organisation" and "organization"). A researcher who types "forced labor" is looking for the
//! bodies that write "forced labour".
//!
//! Every word has one [`matched_form`]: singular, in American spelling. A query looks for the
//! matched form of each of its words; an entry's text carries, after its own words, the matched form
//! of each word that does not already contain it ([`add_matched_forms`]). So either spelling finds
//! both, and a word half typed still finds the text as written. Written the American way, a word
//! carries its British spelling too ([`british`]): half typed, "organis" and "labou" find
//! "organization" and "labor", as "organiz" and "labo" find "organisation" and "labour".
//!
//! A code whose number is padded with zeros is the code without them: the ILO writes its Protocol
//! to the Forced Labour Convention "P029" in its lists and "P29" in its campaigns.
//!
//! Two words are found by another word too ([`also_found_by`]). "Person" has two plurals, and a
//! journalist's "people trafficking" is the treaties' "trafficking in persons": the text carries
//! the other one too, so that neither a query's "people" nor its "persons" has to become a
//! beginning that "personnel" and "personality" share. And "sex trafficking" is the common name of
//! trafficking for sexual exploitation: "sexual" carries "sex", which a query's finished word must
//! find as a whole word (see [`super::search`]). "Online" and "internet" name one thing, and the
//! bodies that fight the exploitation of children on the internet write "online": each carries
//! the other. A country named in a text is found by the other name people use for it
//! ([`super::country`]'s other names): "Netherlands" carries "holland", "Viet Nam" "vietnam".

use std::borrow::Cow;

/// British beginnings of words with their American spelling, in byte order, none the beginning of
/// another: the words made from them follow ("labourer", "counselling").
const BRITISH_BEGINNINGS: &[(&str, &str)] = &[
    ("ageing", "aging"),
    ("behaviour", "behavior"),
    ("cancell", "cancel"),
    ("centre", "center"),
    ("colour", "color"),
    ("counsell", "counsel"),
    ("defence", "defense"),
    ("endeavour", "endeavor"),
    ("enrolment", "enrollment"),
    ("favour", "favor"),
    ("fibre", "fiber"),
    ("harbour", "harbor"),
    ("honour", "honor"),
    ("humour", "humor"),
    ("judgement", "judgment"),
    ("labell", "label"),
    ("labour", "labor"),
    ("licence", "license"),
    ("modell", "model"),
    ("neighbour", "neighbor"),
    ("offence", "offense"),
    ("paediatric", "pediatric"),
    ("programme", "program"),
    ("rumour", "rumor"),
    ("saviour", "savior"),
    ("theatre", "theater"),
    ("travell", "travel"),
    ("vigour", "vigor"),
];

/// For each pair of first letters, one more than the index in [`BRITISH_BEGINNINGS`] of the first
/// British beginning that starts with them (0: none). In order, the beginnings that share two first
/// letters follow one another: most words are passed over on their first two letters alone, the
/// others compared with one or two beginnings.
const BRITISH_FIRST_LETTERS: [u8; 26 * 26] = first_with_letters(Spelling::British);
/// The same for the American beginnings, in the same order.
const AMERICAN_FIRST_LETTERS: [u8; 26 * 26] = first_with_letters(Spelling::American);

#[derive(Clone, Copy)]
enum Spelling {
    British,
    American,
}

impl Spelling {
    /// This spelling of a pair of [`BRITISH_BEGINNINGS`].
    const fn of(self, (british, american): (&'static str, &'static str)) -> &'static str {
        match self {
            Self::British => british,
            Self::American => american,
        }
    }

    fn first_with_letters(self) -> &'static [u8; 26 * 26] {
        match self {
            Self::British => &BRITISH_FIRST_LETTERS,
            Self::American => &AMERICAN_FIRST_LETTERS,
        }
    }
}

const fn first_with_letters(spelling: Spelling) -> [u8; 26 * 26] {
    let mut table = [0; 26 * 26];
    let mut i = BRITISH_BEGINNINGS.len();
    // From the last, so that the first of those that share two letters is the one kept.
    while i > 0 {
        i -= 1;
        let letters = spelling.of(BRITISH_BEGINNINGS[i]).as_bytes();
        table[two_letters_index(letters[0], letters[1])] = i as u8 + 1;
    }
    table
}

const fn two_letters_index(first: u8, second: u8) -> usize {
    (first - b'a') as usize * 26 + (second - b'a') as usize
}

/// The first two bytes of a word, if they are letters.
fn first_two_letters(word: &[u8]) -> Option<[u8; 2]> {
    match word {
        [first @ b'a'..=b'z', second @ b'a'..=b'z', ..] => Some([*first, *second]),
        _ => None,
    }
}

/// Where the beginnings of `spelling` that `word` may start with begin in [`BRITISH_BEGINNINGS`]:
/// those that start with its first two letters.
fn first_beginning_for(word: &[u8], spelling: Spelling) -> Option<usize> {
    let [first, second] = first_two_letters(word)?;
    usize::from(spelling.first_with_letters()[two_letters_index(first, second)]).checked_sub(1)
}

/// The form a normalized word is matched by: singular, in American spelling. Borrowed, it is the
/// beginning of the word.
pub fn matched_form(word: &str) -> Cow<'_, str> {
    if let Some(unpadded) = without_zero_padding(word) {
        return Cow::Owned(unpadded);
    }
    let singular = singular(word);
    match american(&singular) {
        Some(american) => Cow::Owned(american),
        None => singular,
    }
}

/// The plural endings that [`singular`] takes off, and what it takes off "children" and
/// "childrens" ("children's").
const PLURAL_ENDINGS: [&str; 4] = ["s", "es", "ren", "rens"];

/// The endings that make a word of the text that `word`, a query's word in matched form, matches
/// whole: "s" for "migrant" ("migrants"), "ren" and "s" for "child", "me" and "mes" for "program"
/// ("programmes"). A word matched whole is that word followed by one of them or by nothing. Looked
/// for among the plural endings and the British endings of words whose American spelling begins
/// them, with or without a plural "s".
pub fn form_endings(word: &str) -> Vec<String> {
    let british_endings = BRITISH_BEGINNINGS
        .iter()
        .filter_map(|(british, american)| british.strip_prefix(american))
        .flat_map(|ending| [ending.to_owned(), format!("{ending}s")]);
    PLURAL_ENDINGS
        .into_iter()
        .map(str::to_owned)
        .chain(british_endings)
        .filter(|ending| matched_form(&format!("{word}{ending}")) == word)
        .collect()
}

/// Whether `beginning`, a query's last word in matched form, perhaps half typed, begins `word` of a
/// text in one of its spellings: as written, in its matched form, or, written the American way, in
/// its British spelling ("organis" begins "organization" as "organiz" begins "organisation").
pub fn begins_a_form_of(word: &str, beginning: &str) -> bool {
    word.starts_with(beginning)
        || matched_form(word).starts_with(beginning)
        || british(word).is_some_and(|british| british.starts_with(beginning))
}

/// Adds to a normalized `field`, each on a line of its own, the matched forms of its words that are
/// not already the beginning of the word: "labour" brings "labor", "policies" brings "policy", and
/// "migrants", which starts with "migrant", brings nothing. A word written the American way
/// brings its British spelling too: "labor" brings "labour".
pub fn add_matched_forms(field: &mut String) {
    let mut forms: Vec<String> = Vec::new();
    let mut add = |form: String| {
        if !forms.contains(&form) {
            forms.push(form);
        }
    };
    for word in field.split_ascii_whitespace() {
        if !may_have_other_form(word.as_bytes()) {
            continue;
        }
        if let Cow::Owned(form) = matched_form(word) {
            if !word.starts_with(form.as_str()) {
                add(form);
            }
        }
        if let Some(british) = british(word) {
            add(british);
        }
        if let Some(other) = also_found_by(word) {
            add(other.to_owned());
        }
    }
    for form in forms {
        field.push('\n');
        field.push_str(&form);
    }
}

/// Whether a word's matched form may be more than its beginning, or another word finds it too:
/// most words are passed over here, on a few of their bytes.
fn may_have_other_form(word: &[u8]) -> bool {
    match word {
        [_, _, _] | [_, _] | [_] | [] => false,
        [.., b'i', b'e', b's']
        | [b'w', b'o', b'm', ..]
        | [b'c', b'r', b'i', b's', b'e', b's']
        | [b'p', b'e', b'o' | b'r', b'p' | b's', ..]
        | [b's', b'e', b'x', b'u', ..]
        | [b'o', b'n', b'l', b'i', b'n', b'e']
        | [b'i', b'n', b't', b'e', b'r', b'n', b'e', b't']
        | b"eswatini"
        | b"myanmar"
        | b"netherlands"
        | b"turkiye"
        | b"viet" => true,
        [.., b'0'..=b'9'] => zero_padding(word).is_some(),
        _ => {
            first_beginning_for(word, Spelling::British).is_some()
                || first_beginning_for(word, Spelling::American).is_some()
                || suffix_at(word, b"sz").is_some()
        }
    }
}

/// Where the zeros that pad a code's number are ("p029": 1..2): after its letters, before a digit
/// that is not zero, and followed by digits only.
fn zero_padding(word: &[u8]) -> Option<std::ops::Range<usize>> {
    let letters = word.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let zeros = word[letters..].iter().take_while(|&&b| b == b'0').count();
    let number = &word[letters + zeros..];
    let padded = letters > 0 && zeros > 0 && number.first().is_some_and(|&b| b != b'0');
    (padded && number.iter().all(u8::is_ascii_digit)).then_some(letters..letters + zeros)
}

/// A code without the zeros that pad its number: "p029" is "p29".
fn without_zero_padding(word: &str) -> Option<String> {
    let zeros = zero_padding(word.as_bytes())?;
    Some(format!("{}{}", &word[..zeros.start], &word[zeros.end..]))
}

/// The singular of an English plural; other words as they are. Borrowed, it is the beginning of
/// the word ("migrant", "child"), which text that holds the word already holds. Words of three
/// letters or fewer ("has", "its", "bus") are left alone, and so are endings that are not plurals
/// ("status", "analysis", "process").
fn singular(word: &str) -> Cow<'_, str> {
    let bytes = word.as_bytes();
    let plural_ending = match bytes {
        [_, _, _] | [_, _] | [_] | [] => 0,
        [_, _, .., b'i', b'e', b's'] => {
            return Cow::Owned(format!("{}y", &word[..word.len() - 3]));
        }
        [.., b's', b's', b'e', b's']
        | [.., b'c' | b's', b'h', b'e', b's']
        | [.., b'x', b'e', b's'] => 2,
        [.., b's', b's'] | [.., b'u', b's'] | [.., b'i', b's'] => 0,
        [.., b's'] => 1,
        _ => 0,
    };
    match &word[..word.len() - plural_ending] {
        "children" => Cow::Borrowed("child"),
        "women" => Cow::Owned("woman".to_owned()),
        "crise" => Cow::Owned("crisis".to_owned()),
        singular => Cow::Borrowed(singular),
    }
}

/// What a text holding the word should also be found by: "people" brings "person" (which "persons"
/// starts with), "person" or "persons" brings "people", "sexual" or "sexually" brings "sex", and
/// "online" and "internet" bring each other, and a country's name the other name of it that people
/// type, in one word (those of [`super::country`] the search reads beside a headquarters).
fn also_found_by(word: &str) -> Option<&'static str> {
    match word {
        "people" => Some("person"),
        "person" | "persons" => Some("people"),
        "sexual" | "sexually" => Some("sex"),
        "online" => Some("internet"),
        "internet" => Some("online"),
        "eswatini" => Some("swaziland"),
        "myanmar" => Some("burma"),
        "netherlands" => Some("holland"),
        "turkiye" => Some("turkey"),
        "viet" => Some("vietnam"),
        _ => None,
    }
}

/// The American spelling of a British word, if it differs.
fn american(word: &str) -> Option<String> {
    match beginning_of(word, Spelling::British) {
        Some((british, american)) => Some(format!("{american}{}", &word[british.len()..])),
        None => with_suffix_spelled(word, b's', b'z'),
    }
}

/// The British spelling of a word written the American way, if it differs: what a British word
/// half typed begins ("labou" of "labor", "organis" of "organization"), which the American word's
/// matched form, its own beginning, does not. Some words get a form no one writes ("travell" of
/// "travel"): harmless, it only lets a half-typed "travelling" find "travel".
fn british(word: &str) -> Option<String> {
    let beginning =
        beginning_of(word, Spelling::American).filter(|(british, _)| !word.starts_with(british));
    match beginning {
        Some((british, american)) => Some(format!("{british}{}", &word[american.len()..])),
        None => with_suffix_spelled(word, b'z', b's'),
    }
}

/// The pair of [`BRITISH_BEGINNINGS`] whose beginning in `spelling` starts `word`.
fn beginning_of(word: &str, spelling: Spelling) -> Option<(&'static str, &'static str)> {
    let first = first_beginning_for(word.as_bytes(), spelling)?;
    let letters = word.get(..2)?;
    BRITISH_BEGINNINGS
        .get(first..)?
        .iter()
        .copied()
        .take_while(|&pair| spelling.of(pair).starts_with(letters))
        .find(|&pair| word.starts_with(spelling.of(pair)))
}

/// "-ise", "-ising", "-isation" and "-yse" words with "z" (`from` `s`, `to` `z`), or "-ize" words
/// with "s", after a stem of three letters or more: "organise", "criminalisation", "analysed".
/// Words that have no other spelling ("promise", "citizen") get one too, in the query and in the
/// text alike: harmless, it only lets "promize" find "promise".
fn with_suffix_spelled(word: &str, from: u8, to: u8) -> Option<String> {
    let at = suffix_at(word.as_bytes(), &[from])?;
    let rest = &word[at + 2..];
    let suffix = rest.starts_with('e') || rest.starts_with("ing") || rest.starts_with("ation");
    suffix.then(|| format!("{}{}{rest}", &word[..at + 1], char::from(to)))
}

/// Where the last "i" or "y" followed by one of `consonants` ("s", "z" or both) and then by an
/// "e", "i" or "a" is, after three bytes or more.
fn suffix_at(word: &[u8], consonants: &[u8]) -> Option<usize> {
    (3..word.len().saturating_sub(2)).rev().find(|&at| {
        matches!(word[at], b'i' | b'y')
            && consonants.contains(&word[at + 1])
            && matches!(word[at + 2], b'e' | b'i' | b'a')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of the data that a beginning of it matches whole is that beginning and one of
    /// its [`form_endings`], and no other: a search tells a whole word from a beginning by its
    /// ending alone.
    #[test]
    fn the_form_endings_are_those_of_every_word_of_the_data() {
        let text = crate::core::search::normalize(include_str!("../../data/organizations.json"));
        let words: std::collections::BTreeSet<&str> = text.split(' ').collect();
        let mut checked = 0;
        for word in words {
            for (at, _) in word.char_indices().skip(1) {
                let (beginning, ending) = word.split_at(at);
                if matched_form(beginning) != beginning {
                    continue;
                }
                let endings = form_endings(beginning);
                assert!(
                    endings.iter().all(|ending| ending.len() <= 8),
                    "{endings:?}"
                );
                assert_eq!(
                    matched_form(word) == beginning,
                    endings.iter().any(|e| e == ending),
                    "{beginning} + {ending}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked} beginnings");
    }

    #[test]
    fn plurals_are_matched_by_their_singular() {
        for (plural, singular) in [
            ("migrants", "migrant"),
            ("rapporteurs", "rapporteur"),
            ("policies", "policy"),
            ("agencies", "agency"),
            ("witnesses", "witness"),
            ("approaches", "approach"),
            ("taxes", "tax"),
            ("cases", "case"),
            ("unhcrs", "unhcr"),
            ("women", "woman"),
            ("womens", "woman"),
            ("children", "child"),
            ("crises", "crisis"),
            ("ties", "tie"),
        ] {
            assert_eq!(matched_form(plural), singular, "{plural}");
        }
        for kept in [
            "has", "its", "bus", "status", "analysis", "process", "migrant", "policy",
        ] {
            assert_eq!(matched_form(kept), kept);
        }
    }

    #[test]
    fn british_spellings_are_matched_by_the_american_ones() {
        for (british, american) in [
            ("labour", "labor"),
            ("labourers", "laborer"),
            ("behaviours", "behavior"),
            ("organised", "organized"),
            ("organisations", "organization"),
            ("organisational", "organizational"),
            ("criminalising", "criminalizing"),
            ("analyse", "analyze"),
            ("centres", "center"),
            ("defence", "defense"),
            ("programmes", "program"),
            ("counselling", "counseling"),
            ("judgement", "judgment"),
        ] {
            assert_eq!(matched_form(british), american, "{british}");
            assert_eq!(matched_form(american), american, "{american} stays");
        }
        for kept in [
            "four",
            "your",
            "rise",
            "crisis",
            "decision",
            "existing",
            "registered",
        ] {
            assert_eq!(matched_form(kept), kept);
        }
    }

    #[test]
    fn american_spellings_carry_the_british_ones() {
        for (american, british_form) in [
            ("labor", "labour"),
            ("laborers", "labourers"),
            ("organization", "organisation"),
            ("organizations", "organisations"),
            ("criminalizing", "criminalising"),
            ("analyzed", "analysed"),
            ("centers", "centres"),
            ("defense", "defence"),
            ("programs", "programmes"),
            ("counseling", "counselling"),
            ("judgment", "judgement"),
            ("pediatric", "paediatric"),
        ] {
            assert_eq!(
                british(american).as_deref(),
                Some(british_form),
                "{american}"
            );
            assert_eq!(british(british_form), None, "{british_form} stays");
        }
        for kept in [
            "four",
            "size",
            "prize",
            "seize",
            "horizon",
            "migrant",
            "programme",
        ] {
            assert_eq!(british(kept), None, "{kept}");
        }
    }

    #[test]
    fn a_code_is_matched_without_the_zeros_that_pad_its_number() {
        for (padded, code) in [
            ("p029", "p29"),
            ("c029", "c29"),
            ("c0182", "c182"),
            ("no007", "no7"),
        ] {
            assert_eq!(matched_form(padded), code, "{padded}");
            assert_eq!(matched_form(code), code, "{code} stays");
        }
        for kept in ["c100", "2030", "0029", "p0", "p00", "c029a", "covid19"] {
            assert_eq!(matched_form(kept), kept);
        }
        let mut field = "protocol p029".to_owned();
        add_matched_forms(&mut field);
        assert_eq!(field, "protocol p029\np29");
    }

    #[test]
    fn the_beginnings_are_in_order_by_either_spelling_and_none_begins_another() {
        for spelling in [Spelling::British, Spelling::American] {
            for pair in BRITISH_BEGINNINGS {
                let word = format!("{}s", spelling.of(*pair));
                assert_eq!(beginning_of(&word, spelling), Some(*pair), "{word}");
            }
            for pair in BRITISH_BEGINNINGS.windows(2) {
                let [first, second] = [pair[0], pair[1]].map(|pair| spelling.of(pair));
                assert!(
                    first < second && !second.starts_with(first),
                    "{first}, {second}"
                );
            }
        }
    }

    #[test]
    fn the_quick_check_passes_every_word_whose_form_is_not_its_beginning() {
        let words = crate::core::search::normalize(include_str!("../../data/organizations.json"));
        let extra = "womens colouries organisations policies analysed centres childrens crises person people sexual sexually c029 labor organized centers programs online internet eswatini myanmar netherlands turkiye viet";
        let mut others = 0;
        for word in words.split(' ').chain(extra.split(' ')) {
            if also_found_by(word).is_some() || british(word).is_some() {
                assert!(may_have_other_form(word.as_bytes()), "{word}");
            }
            if let Cow::Owned(form) = matched_form(word) {
                if !word.starts_with(form.as_str()) {
                    others += 1;
                    assert!(may_have_other_form(word.as_bytes()), "{word}");
                }
            }
        }
        assert!(others > 100, "the data has words spelled two ways");
    }

    /// A search passes over the names that start with another letter than the query's without
    /// working out the forms of their words (see `Query::name_start_in`).
    #[test]
    fn a_matched_form_keeps_the_first_letter_of_its_word() {
        let words = crate::core::search::normalize(include_str!("../../data/organizations.json"));
        let beginnings = BRITISH_BEGINNINGS
            .iter()
            .flat_map(|(british, american)| [*british, *american]);
        let others = [
            "children",
            "women",
            "crises",
            "ties",
            "paediatrics",
            "ageing",
            "analyses",
        ];
        for word in words.split(' ').chain(beginnings).chain(others) {
            let form = matched_form(word);
            assert_eq!(form.bytes().next(), word.bytes().next(), "{word}: {form}");
        }
    }

    #[test]
    fn a_field_gains_the_forms_its_words_lack() {
        let mut field = "forced labour and policies\nlabour migrants programmes women".to_owned();
        add_matched_forms(&mut field);
        assert_eq!(
            field,
            "forced labour and policies\nlabour migrants programmes women\nlabor\npolicy\nwoman"
        );
        let mut american = "forced labor and organized crime".to_owned();
        add_matched_forms(&mut american);
        assert_eq!(
            american,
            "forced labor and organized crime\nlabour\norganised"
        );
        let mut plain = "migrant workers".to_owned();
        add_matched_forms(&mut plain);
        assert_eq!(plain, "migrant workers");
    }

    #[test]
    fn words_found_by_another_word_carry_it() {
        for (text, with) in [
            ("trafficking in persons", "trafficking in persons\npeople"),
            ("a person", "a person\npeople"),
            ("people smuggling", "people smuggling\nperson"),
            (
                "legal personality of personnel",
                "legal personality of personnel",
            ),
            ("indigenous peoples", "indigenous peoples"),
            ("sexual exploitation", "sexual exploitation\nsex"),
            ("sexually exploited", "sexually exploited\nsex"),
            ("sexuality", "sexuality"),
            ("online scams", "online scams\ninternet"),
            ("internet platforms", "internet platforms\nonline"),
            ("internets", "internets"),
            ("the netherlands", "the netherlands\nholland"),
            ("viet nam", "viet nam\nvietnam"),
        ] {
            let mut field = text.to_owned();
            add_matched_forms(&mut field);
            assert_eq!(field, with);
        }
    }

    /// The country names a text carries another name for are those the country table gives, so
    /// that a name in a summary is found as the same name on a card is.
    #[test]
    fn a_country_in_a_text_carries_its_other_name_from_the_country_table() {
        use super::super::country::{country_name, country_other_names};
        use super::super::search::normalize;
        for code in ["MM", "NL", "SZ", "TR", "VN"] {
            let name = normalize(country_name(code).unwrap_or_default());
            let first_word = name.split(' ').next().unwrap_or_default();
            let carried = also_found_by(first_word).map(str::to_owned);
            let other_names: Vec<String> = country_other_names(code)
                .iter()
                .map(|other| normalize(other))
                .collect();
            assert!(
                carried.as_ref().is_some_and(|c| other_names.contains(c)),
                "{code}: {name} carries {carried:?}, not one of {other_names:?}"
            );
        }
    }
}
