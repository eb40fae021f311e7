//! What the view shows for some [`Filters`]: the matching entries in display order, and the count
//! each facet value would give, both from one pass over the entries that match the search.
//!
//! Several values in one facet mean any of them; different facets (and the search) combine with AND.
//! A facet value's count is computed as if that facet's own selection were cleared and every other
//! one kept, as faceted-search interfaces do, so a count always says what ticking the box would give.
//!
//! Built to stay within a frame at 100,000 entries: the search text is normalized once into a few
//! large buffers read front to back ([`super::search::SearchTexts`]), an entry's facet values are
//! one bit mask ([`FacetBits`]), each order is sorted once per dataset, and a query that only grows,
//! as it does while someone types, narrows the previous matches instead of scanning every entry,
//! looking for each word from where the word it grew from was found; a query that only narrows an
//! earlier one (letters deleted, a word that changes spelling) narrows that one's matches.

use std::sync::Arc;

use super::dataset::Dataset;
use super::filter::{Facet, Filters, SortOrder};
use super::model::Organization;
use super::search::{Found, Query, Relevance, RowId, Start};
use super::vocabulary::{self, Choices, Vocabulary};

/// Facet values as bits: each facet's values in vocabulary order, the facets in [`Facet::ALL`] order.
/// One entry's values, or one facet's selected values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FacetBits(u32);

/// How many values each facet has, in [`Facet::ALL`] order.
const FACET_SIZES: [usize; 4] = [
    vocabulary::Level::ALL.len(),
    vocabulary::Region::ALL.len(),
    vocabulary::Focus::ALL.len(),
    vocabulary::Form::ALL.len(),
];

/// Every facet value has a bit of its own.
const VALUE_COUNT: usize = FACET_SIZES[0] + FACET_SIZES[1] + FACET_SIZES[2] + FACET_SIZES[3];
const _: () = assert!(VALUE_COUNT <= 32, "facet values must fit in FacetBits");

/// The position of a facet in [`Facet::ALL`].
fn facet_index(facet: Facet) -> usize {
    match facet {
        Facet::Level => 0,
        Facet::Region => 1,
        Facet::Focus => 2,
        Facet::Form => 3,
    }
}

/// The bit of the first value of each facet.
fn first_bit(facet: Facet) -> usize {
    FACET_SIZES[..facet_index(facet)].iter().sum()
}

/// One facet's values, moved to that facet's place among all the bits.
fn placed<V: Vocabulary>(facet: Facet, values: Choices<V>) -> u32 {
    values.bits() << first_bit(facet)
}

impl FacetBits {
    /// The values an organization has in every facet.
    pub fn of(org: &Organization) -> Self {
        Self(
            placed(Facet::Level, Choices::from([org.level]))
                | placed(Facet::Region, org.regions.iter().copied().collect())
                | placed(Facet::Focus, org.focus.iter().copied().collect())
                | placed(Facet::Form, org.forms.iter().copied().collect()),
        )
    }

    /// The values selected in each facet, in [`Facet::ALL`] order.
    fn selected(filters: &Filters) -> [u32; 4] {
        [
            placed(Facet::Level, filters.levels),
            placed(Facet::Region, filters.regions),
            placed(Facet::Focus, filters.focus),
            placed(Facet::Form, filters.forms),
        ]
    }

    /// All the bits of one facet's values.
    fn facet_mask(facet: Facet) -> u32 {
        let size = FACET_SIZES[facet_index(facet)];
        ((1u32 << size) - 1) << first_bit(facet)
    }
}

/// How many entries each facet value would give; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetCounts([usize; VALUE_COUNT]);

impl FacetCounts {
    /// Counts one for every value among `bits`.
    fn add(&mut self, mut bits: u32) {
        while bits != 0 {
            self.0[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
    }

    /// The count for the value with this slug; 0 for an unknown slug.
    pub fn get(&self, facet: Facet, slug: &str) -> usize {
        fn lookup<V: Vocabulary>(counts: &FacetCounts, facet: Facet, slug: &str) -> usize {
            V::from_slug(slug).map_or(0, |value| counts.0[first_bit(facet) + value.index()])
        }
        match facet {
            Facet::Level => lookup::<vocabulary::Level>(self, facet, slug),
            Facet::Region => lookup::<vocabulary::Region>(self, facet, slug),
            Facet::Focus => lookup::<vocabulary::Focus>(self, facet, slug),
            Facet::Form => lookup::<vocabulary::Form>(self, facet, slug),
        }
    }
}

/// The rows of the entries whose text matches a query, in one order, with how well each matches.
/// Shared, so that a selection that keeps the same search reuses them as they are.
#[derive(Debug, Clone, Default)]
struct Searched {
    query: Query,
    sort: SortOrder,
    matches: Arc<[(RowId, Relevance)]>,
    /// Where each word of the query was found in each match, a match after another
    /// (see [`Query::find_in`]): a narrower query looks on from there.
    found: Arc<[Found]>,
    /// The searches before this one, the latest first, up to [`Self::KEPT`], each without searches
    /// of its own: a query narrows one of them where it does not narrow the last, as when a word
    /// turns into another spelling ("childre" to "children", which a search reads as "child") or
    /// someone deletes what they typed.
    earlier: Vec<Searched>,
}

impl Searched {
    /// How many searches before it a search keeps: enough for the letters of a word, few enough
    /// to hold little memory (at 100,000 entries, a few megabytes each).
    const KEPT: usize = 6;

    /// The search for `query` in `sort` order that follows this one: it narrows whichever of this
    /// one and those it keeps the query narrows and has the fewest matches, the same query first,
    /// or else looks at every entry.
    fn next(&self, query: Query, sort: SortOrder, data: &Dataset) -> Self {
        let searches = || std::iter::once(self).chain(&self.earlier);
        let narrowed = searches()
            .enumerate()
            .filter(|(_, search)| search.sort == sort && query.narrows(&search.query))
            .min_by_key(|(latest, search)| (search.query != query, search.matches.len(), *latest));
        let mut next = match narrowed {
            Some((_, search)) => search.narrow(query, data),
            None => Self::scan(query, sort, data),
        };
        next.earlier = searches()
            .filter(|search| (&search.query, search.sort) != (&next.query, next.sort))
            .take(Self::KEPT)
            .map(Self::alone)
            .collect();
        next
    }

    /// This search without those it keeps (which are not copied).
    fn alone(&self) -> Self {
        Self {
            query: self.query.clone(),
            sort: self.sort,
            matches: Arc::clone(&self.matches),
            found: Arc::clone(&self.found),
            earlier: Vec::new(),
        }
    }

    /// Looks at every entry.
    fn scan(query: Query, sort: SortOrder, data: &Dataset) -> Self {
        let from_the_start = vec![Start::Anywhere; query.word_count()];
        let candidates = data
            .order(sort)
            .iter()
            .map(|&row| (row, from_the_start.iter().copied()));
        Self::matching(query, sort, data, candidates)
    }

    /// Looks only at the entries that matched this search, for a query that narrows it.
    fn narrow(&self, query: Query, data: &Dataset) -> Self {
        if query == self.query {
            return self.alone();
        }
        let origins = query.origins(&self.query);
        let words_before = self.query.word_count();
        let candidates = self.matches.iter().enumerate().map(|(i, &(row, _))| {
            let found_before = self
                .found
                .get(i * words_before..(i + 1) * words_before)
                .unwrap_or_default();
            let starts = origins.iter().map(move |origin| origin.start(found_before));
            (row, starts)
        });
        Self::matching(query, self.sort, data, candidates)
    }

    fn matching<Starts: Iterator<Item = Start>>(
        query: Query,
        sort: SortOrder,
        data: &Dataset,
        candidates: impl Iterator<Item = (RowId, Starts)>,
    ) -> Self {
        let (mut matches, mut found) = (Vec::new(), Vec::new());
        if query.word_count() == 0 {
            // Every entry, without reading its text: a load shows its first results this way.
            matches.extend(candidates.map(|(row, _)| (row, Relevance::Title)));
        } else {
            let texts = data.search_texts();
            for (row, starts) in candidates {
                if let Some(relevance) = query.find_in(&texts.text(row), starts, &mut found) {
                    matches.push((row, relevance));
                }
            }
        }
        Self {
            query,
            sort,
            matches: matches.into(),
            found: found.into(),
            earlier: Vec::new(),
        }
    }
}

/// The result of some filters on a dataset. Equal selections have equal results and counts, and
/// both wait or neither does.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    results: Vec<usize>,
    counts: FacetCounts,
    searched: Searched,
    /// These are the results of the filters before, kept while the search text is built (see
    /// [`Filters::select_when_ready`]).
    waiting: bool,
}

impl PartialEq for Selection {
    fn eq(&self, other: &Self) -> bool {
        self.results == other.results
            && self.counts == other.counts
            && self.waiting == other.waiting
    }
}

impl Selection {
    /// Exactly one entry, whatever the filters: an embedded card of one organization.
    pub fn single(position: usize) -> Self {
        Self {
            results: vec![position],
            ..Self::default()
        }
    }

    /// Positions in `data.entries()` of the matching entries, in the chosen order; with
    /// [`SortOrder::BestMatch`], by where a search matched (see [`super::search::Relevance`]).
    pub fn results(&self) -> &[usize] {
        &self.results
    }

    pub fn counts(&self) -> &FacetCounts {
        &self.counts
    }

    /// Whether these results are still those of the filters before, while a search waits for the
    /// search text.
    pub fn is_waiting(&self) -> bool {
        self.waiting
    }
}

impl Filters {
    /// What these filters select in `data`. `previous`, the selection of the filters just before,
    /// spares a scan of every entry when the search only grew, or narrows one of the searches it
    /// keeps (see [`Searched::next`]).
    pub fn select(&self, data: &Dataset, previous: Option<&Selection>) -> Selection {
        let query = Query::new(&self.q);
        let searched = match previous {
            Some(previous) => previous.searched.next(query, self.sort, data),
            None => Searched::scan(query, self.sort, data),
        };

        let selected = FacetBits::selected(self);
        let masks = Facet::ALL.map(FacetBits::facet_mask);
        let index = data.index();
        let mut counts = FacetCounts::default();
        let by_relevance = self.sort.ranks_by_relevance();
        // The results of each relevance, in the chosen order, when the order goes by relevance.
        let mut ranked: [Vec<usize>; Relevance::COUNT] = Default::default();
        for &(row, relevance) in searched.matches.iter() {
            let FacetBits(bits) = index.facets(row);
            let mut failed = 0;
            let mut failed_mask = 0;
            for (facet_selected, mask) in selected.iter().zip(masks) {
                if *facet_selected != 0 && bits & facet_selected == 0 {
                    failed += 1;
                    failed_mask = mask;
                }
            }
            match failed {
                0 => {
                    counts.add(bits);
                    let tier = if by_relevance { relevance as usize } else { 0 };
                    ranked[tier].push(index.position(row));
                }
                // Ticking a value of the one facet that rules the entry out would let it in.
                1 => counts.add(bits & failed_mask),
                _ => {}
            }
        }
        // The first tier with results is taken as it is: with no search, it holds every result.
        let mut tiers = ranked.into_iter().filter(|tier| !tier.is_empty());
        let mut results = tiers.next().unwrap_or_default();
        tiers.for_each(|tier| results.extend(tier));
        Selection {
            results,
            counts,
            searched,
            waiting: false,
        }
    }

    /// As [`Self::select`], except that a search which would first have to build the rest of the
    /// search text (see [`Dataset::prepare_search_texts`]) keeps the `previous` selection, marked as
    /// waiting: the page selects again once the text is built. Building the rest at once would hold
    /// the page, typed letters and all, for seconds at 100,000 entries.
    pub fn select_when_ready(&self, data: &Dataset, previous: Option<&Selection>) -> Selection {
        match previous {
            Some(previous) if !data.is_search_ready() && !Query::new(&self.q).is_empty() => {
                Selection {
                    waiting: true,
                    ..previous.clone()
                }
            }
            _ => self.select(data, previous),
        }
    }
}

/// How many results a list shows at once: a few screens' worth, as public-service search pages show,
/// so that rendering costs the same at 100 entries as at 100,000.
pub const PAGE_SIZE: usize = 25;

/// How many of the results are on screen: a page at first, a page more on request, and one page
/// again when the search, the facets or the order change. Only the rows on screen are rendered,
/// while the count stays exact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paging {
    /// The filters (without the open detail view) that `shown` was asked for.
    criteria: Filters,
    shown: usize,
}

impl Paging {
    /// How many of `total` results to show for these criteria.
    pub fn visible(&self, criteria: &Filters, total: usize) -> usize {
        let shown = if *criteria == self.criteria {
            self.shown
        } else {
            PAGE_SIZE
        };
        shown.max(PAGE_SIZE).min(total)
    }

    /// Shows one page more.
    pub fn show_more(&mut self, criteria: &Filters, total: usize) {
        let shown = (self.visible(criteria, total) + PAGE_SIZE).min(total);
        *self = Self {
            criteria: criteria.clone(),
            shown,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_facet_value_has_its_own_bit() {
        let mut all = 0u32;
        for facet in Facet::ALL {
            let mask = FacetBits::facet_mask(facet);
            assert_eq!(all & mask, 0, "{facet:?} overlaps an earlier facet");
            all |= mask;
        }
        assert_eq!(all.count_ones() as usize, VALUE_COUNT);
    }

    fn searching(q: &str) -> Filters {
        Filters {
            q: q.into(),
            ..Filters::default()
        }
    }

    #[test]
    fn a_search_before_the_search_text_is_built_keeps_the_results_before_until_it_is() {
        let data = crate::core::dataset::tests::real_data();
        let everything = Filters::default().select_when_ready(&data, None);
        assert!(!everything.is_waiting());
        let mut ngos = Filters::default();
        ngos.toggle(Facet::Level, "ngo");
        let ticked = ngos.select_when_ready(&data, Some(&everything));
        assert!(!ticked.is_waiting(), "a facet reads no search text");
        assert!(ticked.results().len() < everything.results().len());
        assert!(!data.is_search_ready());

        let typed = searching("labour").select_when_ready(&data, Some(&everything));
        assert!(typed.is_waiting());
        assert_eq!(typed.results(), everything.results());
        assert_ne!(typed, everything, "a page told of the wait can say so");
        let typed_on = searching("labour exploitation");
        let still = typed_on.select_when_ready(&data, Some(&typed));
        assert!(still.is_waiting());
        assert_eq!(still.results(), everything.results());
        assert!(!data.is_search_ready(), "waiting builds none of the text");

        assert!(data.prepare_search_texts(|| true));
        let ready = typed_on.select_when_ready(&data, Some(&still));
        assert!(!ready.is_waiting());
        assert_eq!(ready, typed_on.select(&data, None));
        assert!(!ready.results().is_empty());
        assert!(ready.results().len() < everything.results().len());
    }

    #[test]
    fn a_search_with_no_results_before_it_does_not_wait() {
        // A link that opens with a search: there is nothing else to show.
        let data = crate::core::dataset::tests::real_data();
        let linked = searching("police").select_when_ready(&data, None);
        assert!(!linked.is_waiting());
        assert!(!linked.results().is_empty());
        assert!(data.is_search_ready());
    }

    #[test]
    fn a_search_narrows_one_kept_from_before_when_a_word_changes_spelling_or_letters_are_deleted() {
        let data = crate::core::dataset::tests::real_data();
        assert!(data.prepare_search_texts(|| true));
        let mut typed = vec![Filters::default().select(&data, None)];
        for q in [
            "c", "ch", "chi", "chil", "child", "childr", "childre", "children",
        ] {
            let next = searching(q).select(&data, typed.last());
            assert_eq!(next, searching(q).select(&data, None), "{q}");
            typed.push(next);
        }
        let matches = |selection: &Selection| selection.searched.matches.clone();
        let [.., child, _, childre, children] = &typed[..] else {
            unreachable!("nine selections");
        };
        assert!(
            Arc::ptr_eq(&matches(children), &matches(child)),
            "\"children\" is read as \"child\": the same matches, not another scan"
        );
        let deleted = searching("childre").select(&data, Some(children));
        assert!(Arc::ptr_eq(&matches(&deleted), &matches(childre)));
        let deleted = searching("chil").select(&data, Some(&deleted));
        assert!(Arc::ptr_eq(&matches(&deleted), &matches(&typed[4])));
        assert_eq!(deleted.searched.earlier.len(), Searched::KEPT);
    }

    #[test]
    fn paging_grows_by_a_page_and_starts_again_when_the_criteria_change() {
        let criteria = Filters::default();
        let total = 2 * PAGE_SIZE + 7;
        let mut paging = Paging::default();
        assert_eq!(paging.visible(&criteria, total), PAGE_SIZE);
        assert_eq!(paging.visible(&criteria, 7), 7);
        paging.show_more(&criteria, total);
        assert_eq!(paging.visible(&criteria, total), 2 * PAGE_SIZE);
        paging.show_more(&criteria, total);
        assert_eq!(paging.visible(&criteria, total), total);
        let narrower = Filters {
            q: "police".into(),
            ..Filters::default()
        };
        assert_eq!(paging.visible(&narrower, total), PAGE_SIZE);
    }
}
