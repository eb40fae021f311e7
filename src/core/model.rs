//! The types of `data/organizations.json`. Unknown fields are rejected so that a typo in the data
//! is an error rather than a silently missing fact.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::country::{country_name, country_other_names};
use super::lowercase::lowercase;
use super::vocabulary::{labels, Focus, Form, Kind, Level, Region, Vocabulary};

/// One organization, body, office or mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub level: Level,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<Headquarters>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Members>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    pub summary: String,
    pub role: String,
    pub focus: Vec<Focus>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<Form>,
    pub regions: Vec<Region>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<Instrument>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    pub sources: Vec<Source>,
    pub last_verified: IsoDate,
}

impl Organization {
    /// The name to show where space is short: the acronym when there is one.
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }

    /// What its card shows beside the name, acronym and summary, as a search reads it: the place
    /// ("Geneva, Switzerland"), which the summary often leaves out, and the labels of its level and
    /// focus areas, so that "prevention" finds every card tagged Prevention as the filter of that
    /// name does.
    pub fn card_extras(&self) -> impl Iterator<Item = Cow<'static, str>> + '_ {
        let labels = std::iter::once(self.level.label())
            .chain(self.focus.iter().map(|focus| focus.label()))
            .map(Cow::Borrowed);
        self.place_as_searched()
            .map(Cow::Owned)
            .into_iter()
            .chain(labels)
    }

    /// The labels only its detail view shows, each list under the title it has there. A search
    /// reads them for every entry, so they are built here and [`Self::tag_lists`] reuses them.
    pub fn detail_labels(&self) -> [(&'static str, Vec<&'static str>); 3] {
        [
            ("Kind", vec![self.kind.label()]),
            ("Forms of exploitation", labels(&self.forms)),
            ("Regions", labels(&self.regions)),
        ]
    }

    /// The tag lists its detail view shows, each under the title it has there: the focus areas,
    /// which its card shows too, and the detail labels but the kind, which is a fact of its own.
    pub fn tag_lists(&self) -> [(&'static str, Vec<&'static str>); 3] {
        let [_kind, forms, regions] = self.detail_labels();
        [("Focus areas", labels(&self.focus)), forms, regions]
    }

    /// The name as a list files it: without case, and without a leading "The", so that "The
    /// Salvation Army" is found under S.
    pub fn filing_name(&self) -> String {
        let name: String = self.name.chars().flat_map(lowercase).collect();
        match name.strip_prefix("the ") {
            Some(rest) => rest.to_owned(),
            None => name,
        }
    }

    /// Where the headquarters are, for people: "Vienna, Austria"; "Hong Kong" once, for a city
    /// that is its own country's or territory's name.
    pub fn place(&self) -> Option<String> {
        self.headquarters
            .as_ref()
            .map(|hq| match country_name(&hq.country) {
                Some(country) if country != hq.city => format!("{}, {country}", hq.city),
                _ => hq.city.clone(),
            })
    }

    /// [`Self::place`] as a search reads it: followed by the country's other names, which a reader
    /// takes the name on the card to say ("Washington, United States" says "USA").
    fn place_as_searched(&self) -> Option<String> {
        let mut place = self.place()?;
        if let Some(hq) = &self.headquarters {
            for other in country_other_names(&hq.country) {
                place.push_str(", ");
                place.push_str(other);
            }
        }
        Some(place)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headquarters {
    pub city: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
}

/// Member states (or member organizations, for networks), counted in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    pub count: u32,
    pub as_of: u16,
}

/// A treaty, protocol or action plan, and how the body relates to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub role: String,
}

impl Instrument {
    /// Its name, with its short name after it if it has one: "Protocol … (Palermo Protocol)".
    pub fn title(&self) -> String {
        match &self.short_name {
            Some(short) => format!("{} ({short})", self.name),
            None => self.name.clone(),
        }
    }
}

/// A report or other publication, identified by a UN document symbol, a URL, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Somebody holding a role, with the date a source showed them in it: mandates change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub role: String,
    pub name: String,
    pub as_of: IsoDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub title: String,
}

/// A calendar date written `YYYY-MM-DD`; checked on parsing so that every date in the data is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date of the form YYYY-MM-DD")]
pub struct DateError(String);

impl IsoDate {
    /// The calendar date `days` days after 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: month as u8,
            day: day as u8,
        }
    }

    /// The date as people read it on the page ("7 March 2026"), the GOV.UK style: unambiguous
    /// for readers everywhere, unlike 07/03/2026.
    pub fn in_words(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
        format!("{} {month} {}", self.day, self.year)
    }

    fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => 31,
        }
    }
}

impl FromStr for IsoDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DateError(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| error())
            } else {
                Err(error())
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).map_err(|_| error())?;
        let day = u8::try_from(number(8..10)?).map_err(|_| error())?;
        if !(1..=12).contains(&month) || day == 0 || day > Self::days_in_month(year, month) {
            return Err(error());
        }
        Ok(Self { year, month, day })
    }
}

impl TryFrom<String> for IsoDate {
    type Error = DateError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<IsoDate> for String {
    fn from(date: IsoDate) -> Self {
        date.to_string()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_real() {
        assert_eq!(
            "2024-02-29".parse::<IsoDate>(),
            Ok(IsoDate {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "24-01-01",
            "2024-1-01",
            "2024-01-32",
            "２０２４-01-01",
        ] {
            assert!(bad.parse::<IsoDate>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn unix_days_become_calendar_dates() {
        assert_eq!(IsoDate::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(IsoDate::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(IsoDate::from_unix_days(20_416).to_string(), "2025-11-24");
    }

    #[test]
    fn dates_print_as_they_were_written() {
        let date: IsoDate = "2026-03-07".parse().expect("a valid date");
        assert_eq!(date.to_string(), "2026-03-07");
    }

    #[test]
    fn dates_read_in_words_without_leading_zeros() {
        let words = |text: &str| text.parse::<IsoDate>().expect("a valid date").in_words();
        assert_eq!(words("2026-03-07"), "7 March 2026");
        assert_eq!(words("2025-12-25"), "25 December 2025");
        assert_eq!(words("2024-01-01"), "1 January 2024");
    }
}
