//! The product's logic: data model, validation, search, facets and URL state.
//! No `leptos` and no `web_sys` here, so all of it compiles and is tested natively.

pub mod country;
pub mod dataset;
pub mod embed;
pub mod excerpt;
pub mod filter;
pub mod lowercase;
pub mod model;
pub mod profile;
pub mod query;
pub mod search;
pub mod selection;
pub mod spelling;
pub mod vocabulary;

pub use country::country_name;
pub use dataset::{Dataset, DatasetError, EntryProblem, NotShown};
pub use embed::{embed_snippets, EmbedSettings, Theme};
pub use excerpt::Excerpt;
pub use filter::{ActiveFilter, Facet, Filters, SortOrder};
pub use model::{IsoDate, Organization};
pub use profile::{Fact, Line, Profile, Section, Tags, Target};
pub use query::{HistoryEntry, HistoryStep, LeftOut};
pub use search::Query;
pub use selection::{FacetCounts, Paging, Selection, PAGE_SIZE};
pub use vocabulary::{Choices, Focus, Form, Kind, Level, Region, Vocabulary};
