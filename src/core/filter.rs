//! The view state ([`Filters`]): the search, the facet selections, the order and the open detail
//! view. What it selects is in [`super::selection`].

use super::model::Organization;
use super::search::Query;
use super::vocabulary::{Choices, Focus, Form, Level, Region, Vocabulary};

/// How results are ordered. Only [`SortOrder::BestMatch`] goes by where a search matched: an order
/// the reader picks holds for every result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// When searching, matches in a name or acronym first, then matches on the card (summary,
    /// place), then the rest; by name within each.
    #[default]
    BestMatch,
    Name,
    /// Oldest first; entries without a year last.
    Founded,
    /// UN system, regional, policing, NGO; by name within each.
    Level,
}

impl SortOrder {
    pub const ALL: [Self; 4] = [Self::BestMatch, Self::Name, Self::Founded, Self::Level];

    pub fn slug(self) -> &'static str {
        match self {
            Self::BestMatch => "best",
            Self::Name => "name",
            Self::Founded => "founded",
            Self::Level => "level",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::BestMatch => "Best match",
            Self::Name => "Name (A to Z)",
            Self::Founded => "Founding year (oldest first)",
            Self::Level => "Level",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Whether the matches of a search come by relevance: those in a name first, then those on a
    /// card, then the rest (see [`crate::core::search::Relevance`]).
    pub fn ranks_by_relevance(self) -> bool {
        self == Self::BestMatch
    }

    /// The key that puts organizations in this order; ties fall back on the name, then the id.
    pub fn key(self, org: &Organization) -> (u32, String, String) {
        (self.rank(org), org.filing_name(), org.id.clone())
    }

    /// The first part of [`SortOrder::key`]: all of it, for rows already in name order.
    pub fn rank(self, org: &Organization) -> u32 {
        match self {
            Self::BestMatch | Self::Name => 0,
            Self::Founded => org.founded.map_or(u32::MAX, u32::from),
            Self::Level => org.level as u32,
        }
    }
}

/// The four facets, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Level,
    Region,
    Focus,
    Form,
}

impl Facet {
    pub const ALL: [Self; 4] = [Self::Level, Self::Region, Self::Focus, Self::Form];

    pub fn label(self) -> &'static str {
        match self {
            Self::Level => "Level",
            Self::Region => "Region",
            Self::Focus => "Focus area",
            Self::Form => "Form of exploitation",
        }
    }

    /// The URL key of this facet.
    pub fn key(self) -> &'static str {
        match self {
            Self::Level => "level",
            Self::Region => "region",
            Self::Focus => "focus",
            Self::Form => "form",
        }
    }

    /// Every value of this facet, as (slug, label).
    pub fn values(self) -> Vec<(&'static str, &'static str)> {
        fn pairs<V: Vocabulary>() -> Vec<(&'static str, &'static str)> {
            V::ALL.iter().map(|v| (v.slug(), v.label())).collect()
        }
        match self {
            Self::Level => pairs::<Level>(),
            Self::Region => pairs::<Region>(),
            Self::Focus => pairs::<Focus>(),
            Self::Form => pairs::<Form>(),
        }
    }
}

/// The whole view state: search, facet selections, the open detail view and the order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub q: String,
    pub levels: Choices<Level>,
    pub regions: Choices<Region>,
    pub focus: Choices<Focus>,
    pub forms: Choices<Form>,
    /// The id of the organization whose detail view is open.
    pub org: Option<String>,
    pub sort: SortOrder,
}

/// One selected facet value, as a removable chip shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveFilter {
    pub facet: Facet,
    pub slug: &'static str,
    pub label: &'static str,
}

fn toggle<V: Vocabulary>(set: &mut Choices<V>, slug: &str) {
    if let Some(value) = V::from_slug(slug) {
        set.toggle(value);
    }
}

fn slugs<V: Vocabulary>(set: Choices<V>) -> impl Iterator<Item = (&'static str, &'static str)> {
    set.iter().map(|v| (v.slug(), v.label()))
}

impl Filters {
    /// Whether the value with this slug is selected in `facet`.
    pub fn is_selected(&self, facet: Facet, slug: &str) -> bool {
        self.active()
            .iter()
            .any(|a| a.facet == facet && a.slug == slug)
    }

    /// Selects the value if it is not selected, and clears it if it is; unknown slugs change nothing.
    pub fn toggle(&mut self, facet: Facet, slug: &str) {
        match facet {
            Facet::Level => toggle(&mut self.levels, slug),
            Facet::Region => toggle(&mut self.regions, slug),
            Facet::Focus => toggle(&mut self.focus, slug),
            Facet::Form => toggle(&mut self.forms, slug),
        }
    }

    /// The selected facet values, facet by facet.
    pub fn active(&self) -> Vec<ActiveFilter> {
        let per_facet = [
            (Facet::Level, slugs(self.levels).collect::<Vec<_>>()),
            (Facet::Region, slugs(self.regions).collect()),
            (Facet::Focus, slugs(self.focus).collect()),
            (Facet::Form, slugs(self.forms).collect()),
        ];
        per_facet
            .into_iter()
            .flat_map(|(facet, values)| {
                values
                    .into_iter()
                    .map(move |(slug, label)| ActiveFilter { facet, slug, label })
            })
            .collect()
    }

    /// Clears the search and every facet; the open detail view and the order stay.
    pub fn clear(&mut self) {
        *self = Self {
            org: self.org.take(),
            sort: self.sort,
            ..Self::default()
        };
    }

    /// The search as a chip shows it, if it searches at all: a query of punctuation or invisible
    /// characters alone matches everything, so it is no filter to show or to remove. `query` is
    /// this search normalized ([`Query::new`] of `q`), which the page already holds for each change.
    pub fn search_shown(&self, query: &Query) -> Option<&str> {
        (!query.is_empty()).then(|| self.q.trim())
    }

    /// Whether any filter is on; `query` as for [`Self::search_shown`].
    pub fn has_any(&self, query: &Query) -> bool {
        self.search_shown(query).is_some() || !self.active().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::tests::TODAY;
    use crate::core::excerpt::Excerpt;
    use crate::core::Dataset;

    fn org(
        id: &str,
        name: &str,
        level: &str,
        regions: &str,
        forms: &str,
        founded: Option<u16>,
        summary: &str,
    ) -> String {
        let founded = founded
            .map(|y| format!(",\"founded\":{y}"))
            .unwrap_or_default();
        format!(
            r#"{{"id":"{id}","name":"{name}","level":"{level}","kind":"office","summary":"{summary}","role":"Works on it.",
"focus":["prevention"],"forms":[{forms}],"regions":[{regions}],"sources":[{{"url":"https://example.org","title":"T"}}],
"last_verified":"2026-01-01"{founded}}}"#
        )
    }

    fn sample() -> Dataset {
        let entries = [
            org(
                "interpol",
                "International Criminal Police Organization",
                "policing",
                r#""global""#,
                r#""forced-labour""#,
                Some(1923),
                "Police co-operation.",
            ),
            org(
                "europol",
                "European Union Agency for Law Enforcement Cooperation",
                "policing",
                r#""europe""#,
                r#""sexual-exploitation","migrant-smuggling""#,
                None,
                "Helps police forces.",
            ),
            org(
                "greta",
                "Group of Experts on Action against Trafficking",
                "regional",
                r#""europe""#,
                r#""forced-labour""#,
                Some(2009),
                "Monitors the convention.",
            ),
            org(
                "unodc",
                "United Nations Office on Drugs and Crime",
                "un",
                r#""global""#,
                r#""sexual-exploitation""#,
                Some(1997),
                "Guardian of the protocol, works with police.",
            ),
            org(
                "polaris",
                "Polaris",
                "ngo",
                r#""americas""#,
                "",
                Some(2002),
                "Runs a hotline.",
            ),
        ];
        dataset(&entries)
    }

    /// A dataset of entries made by [`org`].
    fn dataset(entries: &[String]) -> Dataset {
        Dataset::parse(format!("[{}]", entries.join(",")), TODAY).expect("test entries are valid")
    }

    fn ids(filters: &Filters, data: &Dataset) -> Vec<String> {
        filters
            .select(data, None)
            .results()
            .iter()
            .map(|&i| data.entries()[i].id.clone())
            .collect()
    }

    /// The ids `q` finds, with no other filter, best match first.
    fn searched(data: &Dataset, q: &str) -> Vec<String> {
        let filters = Filters {
            q: q.into(),
            ..Filters::default()
        };
        ids(&filters, data)
    }

    #[test]
    fn no_filter_lists_everything_by_name() {
        let data = sample();
        assert_eq!(
            ids(&Filters::default(), &data),
            ["europol", "greta", "interpol", "polaris", "unodc"]
        );
    }

    #[test]
    fn the_name_order_files_a_name_without_its_leading_the() {
        let named = |id: &str, name: &str| org(id, name, "ngo", r#""global""#, "", None, "Works.");
        let data = dataset(&[
            named("terre-des-hommes", "Terre des hommes"),
            named("salvation-army", "The Salvation Army"),
            named("save-the-children", "Save the Children"),
        ]);
        assert_eq!(
            ids(&Filters::default(), &data),
            ["salvation-army", "save-the-children", "terre-des-hommes"]
        );
    }

    #[test]
    fn values_in_one_facet_are_or_and_facets_are_and() {
        let data = sample();
        let mut filters = Filters::default();
        filters.toggle(Facet::Level, "policing");
        filters.toggle(Facet::Level, "un");
        assert_eq!(ids(&filters, &data), ["europol", "interpol", "unodc"]);
        filters.toggle(Facet::Region, "europe");
        assert_eq!(ids(&filters, &data), ["europol"]);
        filters.toggle(Facet::Region, "europe");
        filters.toggle(Facet::Form, "sexual-exploitation");
        assert_eq!(ids(&filters, &data), ["europol", "unodc"]);
    }

    #[test]
    fn search_requires_every_word_and_puts_name_matches_first() {
        let data = sample();
        // INTERPOL has "Police" in its name; Europol and UNODC only mention police in their summaries.
        assert_eq!(searched(&data, "police"), ["interpol", "europol", "unodc"]);
        // "Co-operation" in INTERPOL's summary matches "cooperation"; both match only partly in their names.
        assert_eq!(
            searched(&data, "cooperation police"),
            ["europol", "interpol"]
        );
        // Only INTERPOL's name holds both; Europol's card says "police", and its level "criminal".
        assert_eq!(searched(&data, "police criminal"), ["interpol", "europol"]);
        assert_eq!(searched(&data, "police hotline"), [] as [&str; 0]);
    }

    #[test]
    fn search_finds_british_and_american_spellings_plurals_and_singulars_alike() {
        let entries = [
            org(
                "ilo",
                "International Labour Organization",
                "un",
                r#""global""#,
                "",
                None,
                "Sets labour standards and supervises policies.",
            ),
            org(
                "ilab",
                "Bureau of International Labor Affairs",
                "ngo",
                r#""americas""#,
                "",
                None,
                "Reports on child labor and organized crime.",
            ),
        ];
        let data = dataset(&entries);
        let search = |q: &str| searched(&data, q);
        assert_eq!(search("labor"), ["ilab", "ilo"]);
        assert_eq!(search("Labours"), ["ilab", "ilo"]);
        assert_eq!(search("labour organization"), ["ilo"]);
        assert_eq!(search("child labour"), ["ilab"]);
        assert_eq!(search("children"), ["ilab"]);
        assert_eq!(search("organised crimes"), ["ilab"]);
        assert_eq!(search("standard policy"), ["ilo"]);
        // Half typed, a word finds the text as it is written, and the other spelling too.
        assert_eq!(search("labou"), ["ilab", "ilo"]);
        assert_eq!(search("labo"), ["ilab", "ilo"]);
        assert_eq!(search("organis"), ["ilo", "ilab"]);
        assert_eq!(search("organiz"), ["ilo", "ilab"]);
    }

    #[test]
    fn search_finds_the_place_a_card_shows() {
        let ilo = org(
            "ilo",
            "International Labour Organization",
            "un",
            r#""global""#,
            "",
            None,
            "Sets labour standards.",
        )
        .replacen(
            r#""summary""#,
            r#""headquarters":{"city":"Geneva","country":"CH"},"summary""#,
            1,
        );
        let nowhere = org(
            "nowhere",
            "A body with no seat",
            "ngo",
            r#""global""#,
            "",
            None,
            "Works online.",
        );
        let liberty_shared = org(
            "liberty-shared",
            "Liberty Shared",
            "ngo",
            r#""asia-pacific""#,
            "",
            None,
            "Works through the law.",
        )
        .replacen(
            r#""summary""#,
            r#""headquarters":{"city":"Hong Kong","country":"HK"},"summary""#,
            1,
        );
        let data = dataset(&[ilo, nowhere, liberty_shared]);
        assert_eq!(
            data.entries()[0].place().as_deref(),
            Some("Geneva, Switzerland")
        );
        assert_eq!(data.entries()[2].place().as_deref(), Some("Hong Kong"));
        for q in ["geneva", "Switzerland", "labour geneva"] {
            assert_eq!(searched(&data, q), ["ilo"], "{q}");
        }
    }

    #[test]
    fn search_finds_the_labels_of_the_filters_and_of_the_kind() {
        let data = sample();
        // No text says so: Europol and UNODC work on sexual exploitation, Europol and GRETA in
        // Europe, and every sample body is an office; the names that hold the words come first.
        assert_eq!(searched(&data, "sexual exploitation"), ["europol", "unodc"]);
        assert_eq!(searched(&data, "policing"), ["europol", "interpol"]);
        assert_eq!(searched(&data, "europe"), ["europol", "greta"]);
        assert_eq!(
            searched(&data, "office"),
            ["unodc", "europol", "greta", "interpol", "polaris"]
        );
    }

    #[test]
    fn search_finds_a_country_by_the_other_names_people_use() {
        let based_in = |id: &str, country: &str| {
            org(
                id,
                id,
                "ngo",
                r#""global""#,
                "",
                None,
                "Works against trafficking.",
            )
            .replacen(
                r#""summary""#,
                &format!(r#""headquarters":{{"city":"A city","country":"{country}"}},"summary""#),
                1,
            )
        };
        let data = dataset(&[
            based_in("polaris", "US"),
            based_in("walk-free", "AU"),
            based_in("anti-slavery", "GB"),
        ]);
        for (q, found) in [
            ("usa", &["polaris"][..]),
            ("United States of America", &["polaris"]),
            ("uk", &["anti-slavery"]),
            ("great britain", &["anti-slavery"]),
            ("australia", &["walk-free"]),
        ] {
            assert_eq!(searched(&data, q), found, "{q}");
        }
        // The card shows "United States": it needs no passage of the role to say why "USA" found
        // it, though the role has one.
        let polaris = based_in("polaris", "US").replacen("Works on it.", "Runs a USA hotline.", 1);
        let data = dataset(&[polaris]);
        assert_eq!(Excerpt::find(&data.entries()[0], &Query::new("usa")), None);
        assert!(Excerpt::find(&data.entries()[0], &Query::new("hotline")).is_some());
    }

    #[test]
    fn people_finds_persons_and_persons_finds_people() {
        let entries = [
            org(
                "icat",
                "Inter-Agency Coordination Group against Trafficking in Persons",
                "un",
                r#""global""#,
                "",
                None,
                "Coordinates the UN's work against trafficking in persons.",
            ),
            org(
                "greta",
                "Group of Experts on Action against Trafficking in Human Beings",
                "regional",
                r#""europe""#,
                "",
                None,
                "Monitors how states fight people trafficking.",
            ),
            org(
                "ameripol",
                "Police Community of the Americas",
                "policing",
                r#""americas""#,
                "",
                None,
                "A police body with legal personality against trafficking.",
            ),
        ];
        let data = dataset(&entries);
        let search = |q: &str| searched(&data, q);
        // Both words are in the title of ICAT, whose name says "persons": it comes first.
        assert_eq!(search("people trafficking"), ["icat", "greta"]);
        // Last in a query, "persons" may still be the beginning of "personality", as it may be
        // half typed; followed by another word, it is finished.
        assert_eq!(search("trafficking persons"), ["icat", "greta", "ameripol"]);
        assert_eq!(search("persons trafficking"), ["icat", "greta"]);
        assert_eq!(search("peopl"), ["icat", "greta"], "half typed");
    }

    #[test]
    fn internet_finds_the_bodies_that_write_online() {
        let entries = [
            org(
                "ijm",
                "International Justice Mission",
                "ngo",
                r#""global""#,
                "",
                None,
                "Fights the online sexual exploitation of children.",
            ),
            org(
                "la-strada",
                "La Strada International",
                "ngo",
                r#""europe""#,
                "",
                None,
                "A network of hotlines and shelters.",
            ),
        ];
        let data = dataset(&entries);
        assert_eq!(searched(&data, "internet"), ["ijm"]);
        assert_eq!(searched(&data, "internet sexual exploitation"), ["ijm"]);
        assert_eq!(searched(&data, "online"), ["ijm"]);
    }

    #[test]
    fn a_country_named_in_a_summary_is_found_by_its_other_name() {
        let entries = [
            org(
                "renate",
                "RENATE",
                "ngo",
                r#""europe""#,
                "",
                None,
                "A network of religious in Europe, with members in the Netherlands.",
            ),
            org(
                "bali-process",
                "Bali Process",
                "regional",
                r#""asia-pacific""#,
                "",
                None,
                "Its members include Türkiye and Viet Nam.",
            ),
        ];
        let data = dataset(&entries);
        assert_eq!(searched(&data, "holland"), ["renate"]);
        assert_eq!(searched(&data, "netherlands"), ["renate"]);
        assert_eq!(searched(&data, "vietnam"), ["bali-process"]);
        assert_eq!(searched(&data, "viet nam"), ["bali-process"]);
        assert_eq!(searched(&data, "turkey"), ["bali-process"]);
    }

    #[test]
    fn a_finished_word_is_found_as_a_word_and_hyphenated_words_by_their_parts() {
        let entries = [
            org(
                "who",
                "World Health Organization",
                "un",
                r#""global""#,
                "",
                None,
                "Sets standards against trafficking in human organs.",
            ),
            org(
                "network",
                "Anti-Trafficking Network",
                "ngo",
                r#""europe""#,
                "",
                None,
                "A network of anti-trafficking organisations and law-enforcement partners.",
            ),
            org(
                "ecpat",
                "ECPAT International",
                "ngo",
                r#""global""#,
                "",
                None,
                "Fights trafficking for the sexual exploitation of children.",
            ),
        ];
        let data = dataset(&entries);
        let search = |q: &str| searched(&data, q);
        assert_eq!(
            search("organ trafficking"),
            ["who"],
            "not \"organisations\""
        );
        assert_eq!(
            search("organ"),
            ["who", "network"],
            "half typed, a beginning"
        );
        assert_eq!(search("anti trafficking"), ["network"]);
        assert_eq!(search("law enforcement"), ["network"]);
        assert_eq!(search("trafficking network"), ["network"]);
        // "Sex trafficking" is trafficking for sexual exploitation.
        assert_eq!(search("sex trafficking"), ["ecpat"]);
    }

    #[test]
    fn a_hyphenated_search_finds_its_parts_written_apart_and_its_word_written_whole() {
        let data = sample();
        for (q, found) in [
            ("law-enforcement", &["europol"][..]),
            ("European-Union agency", &["europol"]),
            ("united-nations", &["unodc"]),
            // EUROPOL writes "Cooperation", INTERPOL "co-operation".
            ("co-operation", &["europol", "interpol"]),
            ("police co-op", &["europol", "interpol"]),
            // EUROPOL's name writes "Law Enforcement Cooperation": one word apart, one whole.
            ("law-enforcement co-operation", &["europol"]),
        ] {
            assert_eq!(searched(&data, q), found, "{q}");
        }
    }

    #[test]
    fn only_best_match_puts_name_matches_first_a_chosen_order_holds_for_every_result() {
        let data = sample();
        // INTERPOL (1923) has "Police" in its name; UNODC (1997) and Europol (no year) only in
        // their summaries.
        let sorted_by = |sort| Filters {
            q: "police".into(),
            sort,
            ..Filters::default()
        };
        let expected = [
            (SortOrder::BestMatch, ["interpol", "europol", "unodc"]),
            (SortOrder::Name, ["europol", "interpol", "unodc"]),
            (SortOrder::Founded, ["interpol", "unodc", "europol"]),
            (SortOrder::Level, ["unodc", "europol", "interpol"]),
        ];
        for (sort, ids_in_order) in expected {
            assert_eq!(ids(&sorted_by(sort), &data), ids_in_order, "{sort:?}");
        }
        assert_eq!(SortOrder::default(), SortOrder::BestMatch);
    }

    #[test]
    fn best_match_puts_names_first_then_cards_then_the_rest() {
        let with_role = |entry: String, role: &str| {
            entry.replacen(
                r#""role":"Works on it.""#,
                &format!(r#""role":"{role}""#),
                1,
            )
        };
        let entries = [
            with_role(
                org(
                    "aa",
                    "Alpha Agency",
                    "un",
                    r#""global""#,
                    "",
                    None,
                    "A UN agency.",
                ),
                "Trains border police.",
            ),
            org(
                "zz",
                "Zulu Network",
                "ngo",
                r#""global""#,
                "",
                None,
                "A network of police trainers.",
            ),
            org(
                "police",
                "Police Forum",
                "policing",
                r#""global""#,
                "",
                None,
                "A forum.",
            ),
        ];
        let data = dataset(&entries);
        let sorted_by = |sort| Filters {
            q: "police".into(),
            sort,
            ..Filters::default()
        };
        // The name, then the summary on its card, then only what it does.
        assert_eq!(
            ids(&sorted_by(SortOrder::BestMatch), &data),
            ["police", "zz", "aa"]
        );
        assert_eq!(
            ids(&sorted_by(SortOrder::Name), &data),
            ["aa", "police", "zz"]
        );
    }

    #[test]
    fn best_match_puts_a_whole_word_before_the_beginning_of_one() {
        let entry = |id: &str, name: &str, summary: &str| {
            org(id, name, "ngo", r#""global""#, "", None, summary)
        };
        let data = dataset(&[
            entry("fra", "Agency for Fundamental Rights", "Advises."),
            entry("freedom-fund", "Freedom Fund", "Funds work."),
            entry("unicef", "United Nations Children's Fund", "Helps."),
            entry("alpha", "Alpha Office", "Usually in Geneva."),
            entry("beta", "Beta Office", "Based in the US."),
        ]);
        assert_eq!(
            searched(&data, "fund"),
            ["freedom-fund", "unicef", "fra"],
            "each field's whole words first, in the chosen order"
        );
        assert_eq!(searched(&data, "fundam"), ["fra"]);
        assert_eq!(searched(&data, "us"), ["beta", "alpha"], "usually");
    }

    #[test]
    fn sorting_by_year_puts_unknown_years_last_and_by_level_groups_levels() {
        let data = sample();
        let by_year = Filters {
            sort: SortOrder::Founded,
            ..Filters::default()
        };
        assert_eq!(
            ids(&by_year, &data),
            ["interpol", "unodc", "polaris", "greta", "europol"]
        );
        let by_level = Filters {
            sort: SortOrder::Level,
            ..Filters::default()
        };
        assert_eq!(
            ids(&by_level, &data),
            ["unodc", "greta", "europol", "interpol", "polaris"]
        );
    }

    #[test]
    fn a_facet_counts_as_if_its_own_selection_were_cleared() {
        let data = sample();
        let mut filters = Filters::default();
        filters.toggle(Facet::Level, "policing");
        let counts = filters.select(&data, None).counts().clone();
        // Level counts ignore the level selection itself...
        assert_eq!(counts.get(Facet::Level, "policing"), 2);
        assert_eq!(counts.get(Facet::Level, "un"), 1);
        assert_eq!(counts.get(Facet::Level, "ngo"), 1);
        // ...while the other facets count within the two policing bodies.
        assert_eq!(counts.get(Facet::Region, "europe"), 1);
        assert_eq!(counts.get(Facet::Region, "americas"), 0);
        assert_eq!(counts.get(Facet::Form, "migrant-smuggling"), 1);
        assert_eq!(counts.get(Facet::Form, "no-such-form"), 0);
    }

    #[test]
    fn counts_agree_with_what_ticking_the_box_gives() {
        let data = sample();
        let mut base = Filters {
            q: "o".into(),
            ..Filters::default()
        };
        base.toggle(Facet::Region, "europe");
        base.toggle(Facet::Region, "global");
        base.toggle(Facet::Form, "forced-labour");
        let counts = base.select(&data, None).counts().clone();
        for facet in Facet::ALL {
            for (slug, _) in facet.values() {
                let mut only = base.clone();
                match facet {
                    Facet::Level => only.levels = Choices::default(),
                    Facet::Region => only.regions = Choices::default(),
                    Facet::Focus => only.focus = Choices::default(),
                    Facet::Form => only.forms = Choices::default(),
                }
                only.toggle(facet, slug);
                assert_eq!(
                    counts.get(facet, slug),
                    only.select(&data, None).results().len(),
                    "{facet:?} {slug}"
                );
            }
        }
    }

    #[test]
    fn active_filters_and_clearing() {
        let mut filters = Filters {
            q: "x".into(),
            org: Some("greta".into()),
            ..Filters::default()
        };
        filters.toggle(Facet::Focus, "monitoring");
        filters.toggle(Facet::Level, "ngo");
        filters.toggle(Facet::Level, "not-a-level");
        let active: Vec<(Facet, &str)> =
            filters.active().iter().map(|a| (a.facet, a.slug)).collect();
        assert_eq!(
            active,
            [(Facet::Level, "ngo"), (Facet::Focus, "monitoring")]
        );
        assert!(filters.is_selected(Facet::Focus, "monitoring"));
        filters.clear();
        assert!(!filters.has_any(&Query::new(&filters.q)));
        assert_eq!(filters.org.as_deref(), Some("greta"));
    }

    #[test]
    fn a_search_of_nothing_searchable_is_no_filter() {
        let search = |q: &str| {
            (
                Filters {
                    q: q.into(),
                    ..Filters::default()
                },
                Query::new(q),
            )
        };
        let (filters, query) = search("  child labour ");
        assert_eq!(filters.search_shown(&query), Some("child labour"));
        for nothing in ["", "   ", "\u{200b}", " ?! ", "--"] {
            let (filters, query) = search(nothing);
            assert_eq!(filters.search_shown(&query), None, "{nothing:?}");
            assert!(!filters.has_any(&query), "{nothing:?}");
        }
    }
}
