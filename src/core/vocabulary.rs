//! The closed vocabularies of the dataset: levels, kinds, focus areas, forms of exploitation, regions.
//!
//! Each is an enum whose serde name (its *slug*) is what the JSON file and the URL use, and whose
//! *label* is what a person reads. One macro defines them all so that the slug, the label, the list
//! of values and the parsing can never drift apart.

use std::fmt;
use std::marker::PhantomData;

/// The common interface of every vocabulary, used by facets and the URL state.
pub trait Vocabulary: Copy + Ord + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The name used in the JSON file and the URL (`forced-labour`).
    fn slug(self) -> &'static str;
    /// The name shown to people (`Forced labour`).
    fn label(self) -> &'static str;
    /// The position in [`Vocabulary::ALL`].
    fn index(self) -> usize;
    /// The value with this slug, if any: unknown slugs are `None`, never an error.
    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.slug() == slug)
    }
}

/// The labels of some values, in their order: how the card and the detail view list them.
pub fn labels<V: Vocabulary>(values: &[V]) -> Vec<&'static str> {
    values.iter().map(|value| value.label()).collect()
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $slug:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $slug)] $variant,)+
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug,)+ }
            }
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }
            fn index(self) -> usize {
                self as usize
            }
        }

        const _: () = assert!(<$name as Vocabulary>::ALL.len() <= 32, "a vocabulary must fit in Choices");

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

/// A set of values of one vocabulary, one bit per value in [`Vocabulary::ALL`] order: a selection
/// that is `Copy`, compares in one step and iterates in display order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Choices<V> {
    bits: u32,
    values: PhantomData<V>,
}

impl<V: Vocabulary> Choices<V> {
    fn bit(value: V) -> u32 {
        1 << value.index()
    }

    /// The values as bits, value `i` of [`Vocabulary::ALL`] in bit `i`.
    pub fn bits(self) -> u32 {
        self.bits
    }

    pub fn contains(self, value: V) -> bool {
        self.bits & Self::bit(value) != 0
    }

    pub fn insert(&mut self, value: V) {
        self.bits |= Self::bit(value);
    }

    /// Adds the value if it is missing and removes it if it is there.
    pub fn toggle(&mut self, value: V) {
        self.bits ^= Self::bit(value);
    }

    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The values in display order.
    pub fn iter(self) -> impl Iterator<Item = V> {
        V::ALL
            .iter()
            .copied()
            .filter(move |&value| self.contains(value))
    }
}

impl<V> Default for Choices<V> {
    fn default() -> Self {
        Self {
            bits: 0,
            values: PhantomData,
        }
    }
}

impl<V: Vocabulary> FromIterator<V> for Choices<V> {
    fn from_iter<I: IntoIterator<Item = V>>(values: I) -> Self {
        let mut choices = Self::default();
        for value in values {
            choices.insert(value);
        }
        choices
    }
}

impl<V: Vocabulary, const N: usize> From<[V; N]> for Choices<V> {
    fn from(values: [V; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<V: Vocabulary + fmt::Debug> fmt::Debug for Choices<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

vocabulary! {
    /// Where a body sits in the international response; the directory's first facet.
    Level {
        Un = "un", "UN system";
        Regional = "regional", "Regional and intergovernmental";
        Policing = "policing", "Policing and criminal justice";
        Ngo = "ngo", "NGOs and civil society";
    }
}

vocabulary! {
    /// What sort of body an entry is.
    Kind {
        IntergovernmentalOrganization = "intergovernmental-organization", "Intergovernmental organization";
        PrincipalOrgan = "principal-organ", "Principal organ";
        SubsidiaryBody = "subsidiary-body", "Subsidiary body";
        SpecializedAgency = "specialized-agency", "Specialized agency";
        RelatedOrganization = "related-organization", "Related organization";
        FundOrProgramme = "fund-or-programme", "Fund or programme";
        Office = "office", "Office";
        SpecialProcedure = "special-procedure", "Special procedure";
        TreatyBody = "treaty-body", "Treaty body";
        MonitoringBody = "monitoring-body", "Monitoring body";
        Court = "court", "Court";
        EuAgency = "eu-agency", "EU agency";
        CoordinationGroup = "coordination-group", "Coordination group";
        TrustFund = "trust-fund", "Trust fund";
        Partnership = "partnership", "Partnership";
        Forum = "forum", "Forum";
        PoliceOrganization = "police-organization", "Police organization";
        Network = "network", "Network";
        Ngo = "ngo", "Non-governmental organization";
        Foundation = "foundation", "Foundation";
        ResearchInstitute = "research-institute", "Research institute";
    }
}

vocabulary! {
    /// The kind of work a body does against trafficking.
    Focus {
        Prevention = "prevention", "Prevention";
        Protection = "protection", "Protection";
        Prosecution = "prosecution", "Prosecution";
        Partnership = "partnership", "Partnership";
        ResearchAndData = "research-and-data", "Research and data";
        StandardsAndLaw = "standards-and-law", "Standards and law";
        CapacityBuilding = "capacity-building", "Capacity building";
        Monitoring = "monitoring", "Monitoring";
    }
}

vocabulary! {
    /// The forms of exploitation a body works on.
    Form {
        SexualExploitation = "sexual-exploitation", "Sexual exploitation";
        ForcedLabour = "forced-labour", "Forced labour";
        ChildTrafficking = "child-trafficking", "Child trafficking";
        OrganRemoval = "organ-removal", "Organ removal";
        ForcedMarriage = "forced-marriage", "Forced marriage";
        ForcedCriminality = "forced-criminality", "Forced criminality";
        DomesticServitude = "domestic-servitude", "Domestic servitude";
        MigrantSmuggling = "migrant-smuggling", "Migrant smuggling";
    }
}

vocabulary! {
    /// Where a body works.
    Region {
        Global = "global", "Global";
        Africa = "africa", "Africa";
        Americas = "americas", "Americas";
        AsiaPacific = "asia-pacific", "Asia and the Pacific";
        Europe = "europe", "Europe";
        MiddleEast = "middle-east", "Middle East";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs_round_trip<V: Vocabulary + fmt::Debug + serde::Serialize>() {
        for (index, &value) in V::ALL.iter().enumerate() {
            assert_eq!(value.index(), index, "{value:?}");
            assert_eq!(V::from_slug(value.slug()), Some(value));
            let json = serde_json::to_string(&value).expect("a vocabulary value serializes");
            assert_eq!(json, format!("\"{}\"", value.slug()));
        }
        assert_eq!(V::from_slug("not-a-value"), None);
    }

    #[test]
    fn choices_keep_display_order_and_toggle() {
        let mut choices = Choices::from([Region::ALL[3], Region::ALL[0], Region::ALL[3]]);
        assert_eq!(
            choices.iter().count(),
            2,
            "a value chosen twice is there once"
        );
        assert_eq!(
            choices.iter().collect::<Vec<_>>(),
            [Region::ALL[0], Region::ALL[3]]
        );
        choices.toggle(Region::ALL[0]);
        choices.toggle(Region::ALL[1]);
        assert_eq!(
            choices.iter().collect::<Vec<_>>(),
            [Region::ALL[1], Region::ALL[3]]
        );
        assert!(choices.contains(Region::ALL[3]) && !choices.contains(Region::ALL[0]));
        let last = *Kind::ALL.last().expect("kinds");
        assert_eq!(Choices::from([last]).iter().collect::<Vec<_>>(), [last]);
        assert!(Choices::<Region>::default().is_empty() && !choices.is_empty());
        assert_eq!(
            format!("{:?}", Choices::from([Level::Ngo, Level::Un])),
            "{Un, Ngo}"
        );
    }

    #[test]
    fn every_vocabulary_parses_its_own_slugs_and_serializes_to_them() {
        slugs_round_trip::<Level>();
        slugs_round_trip::<Kind>();
        slugs_round_trip::<Focus>();
        slugs_round_trip::<Form>();
        slugs_round_trip::<Region>();
    }

    #[test]
    fn levels_have_the_labels_people_read() {
        assert_eq!(Level::Un.label(), "UN system");
        assert_eq!(Level::Policing.to_string(), "Policing and criminal justice");
    }
}
