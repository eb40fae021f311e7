//! The directory's state, shared by its components, and its layout.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::detail::{focus_near, Detail};
use super::embed_dialog::EmbedDialog;
use super::facets::{ActiveFilters, Facets};
use super::history;
use super::load::LoadError;
use super::results::{ResultList, ResultSummary, SortSelect};
use super::{Host, Options, SINGLE_FILE};
use crate::core::{Dataset, Filters, LeftOut, NotShown, Paging, Query, Selection};

/// Where focus goes once the control that had it is gone and no element named in its place is
/// there: the search box, or where there is none (a compact embed) the heading of the results.
const FOCUS_OTHERWISE: [&str; 2] = [SEARCH, RESULTS_TITLE];
/// The names, for [`DirectoryState::id`], of the search box and of the results' heading.
const SEARCH: &str = "search";
const RESULTS_TITLE: &str = "results-title";

/// What every component of one directory instance reads: the data, the view state and what the
/// core derives from them. Cheap to clone.
#[derive(Clone)]
pub struct DirectoryState {
    pub data: Arc<Dataset>,
    pub filters: RwSignal<Filters>,
    /// The filters without the open detail view: what the results depend on.
    pub criteria: Memo<Filters>,
    /// The search alone, normalized once per change: the cards quote what it matched, and a facet
    /// ticked leaves it, and them, as they are. The search of the results shown, while another waits.
    pub query: Memo<Query>,
    /// The matching organizations in display order, and the facet counts.
    pub selection: Memo<Selection>,
    /// Notified once the search text is built, for a search that waited for it.
    pub search_ready: Trigger,
    /// How many of the results are rendered.
    pub paging: RwSignal<Paging>,
    /// The card whose link opened the detail view, to return focus to when it closes.
    pub opener: StoredValue<Option<String>>,
    /// A guest instance opens detail views with buttons: it has no URL of its own to link to.
    pub host: Host,
    id_prefix: Arc<str>,
}

impl DirectoryState {
    /// `single` pins the results to one entry, whatever the filters say.
    fn new(
        data: Arc<Dataset>,
        filters: Filters,
        single: Option<usize>,
        host: Host,
        id_prefix: &str,
    ) -> Self {
        let filters = RwSignal::new(filters);
        // Opening a detail view changes the filters but not the results: the memo stops it there.
        let criteria = Memo::new(move |_| {
            filters.with(|f| Filters {
                org: None,
                ..f.clone()
            })
        });
        let search_ready = Trigger::new();
        let selection = {
            let data = data.clone();
            Memo::new(move |previous| match single {
                Some(position) => Selection::single(position),
                None => {
                    search_ready.track();
                    criteria.with(|c| c.select_when_ready(&data, previous))
                }
            })
        };
        // While a search waits for the search text, the results, their quotes and the chips stay
        // those of the search before.
        let query = Memo::new(move |previous: Option<&Query>| match previous {
            Some(previous) if selection.with(Selection::is_waiting) => previous.clone(),
            _ => criteria.with(|c| Query::new(&c.q)),
        });
        Self {
            data,
            filters,
            criteria,
            query,
            selection,
            search_ready,
            paging: RwSignal::new(Paging::default()),
            opener: StoredValue::new(None),
            host,
            id_prefix: id_prefix.into(),
        }
    }

    /// An element id unique to this instance.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.id_prefix)
    }

    /// Once the page shows a change, focuses the first of these elements (named as for
    /// [`Self::id`]) that is there, beside `anchor`, else the search box or the results' heading:
    /// a control that removed itself would otherwise drop keyboard focus to the top of the page.
    pub fn focus_after_change(&self, anchor: &web_sys::Node, names: &[&str]) {
        let root = anchor.get_root_node();
        let ids: Vec<String> = names
            .iter()
            .chain(&FOCUS_OTHERWISE)
            .map(|name| self.id(name))
            .collect();
        request_animation_frame(move || {
            ids.iter().any(|id| focus_near(&root, id));
        });
    }

    /// The id of an organization's card link, which focus returns to.
    pub fn card_id(&self, org_id: &str) -> String {
        self.id(&format!("card-{org_id}"))
    }

    /// The link that opens an organization's detail view, keeping the rest of the view. Tracked,
    /// so that a link copied or opened in a new tab always carries the current filters.
    pub fn detail_href(&self, org_id: &str) -> String {
        let query = self.filters.with(|f| {
            Filters {
                org: Some(org_id.to_owned()),
                ..f.clone()
            }
            .to_query()
        });
        history::link(&query)
    }

    /// Opens a detail view, as a card or a link inside another detail view does.
    pub fn open(&self, org_id: &str) {
        self.filters.update(|f| f.org = Some(org_id.to_owned()));
    }
}

/// Says that the built-in copy stands in for data that could not be fetched, why, and offers to
/// try again.
#[component]
fn FallbackNotice(
    data: Arc<Dataset>,
    reason: LoadError,
    retry: impl Fn() + 'static,
) -> impl IntoView {
    let date = data
        .last_verified()
        .map(|d| format!(" of {}", d.in_words()))
        .unwrap_or_default();
    view! {
        <div class="atd-notice" role="note" aria-label="Data source">
            <p>
                <strong>{format!("Showing the built-in data{date}.")}</strong>
                " "
                {reason.to_string()}
            </p>
            <button type="button" class="atd-link-button" on:click=move |_| retry()>"Try again"</button>
        </div>
    }
}

/// Says why the organization that the link (`?org=`) or the embed (`data-org`) names is not
/// shown, and logs it once, as the page opens with it. The link's can be dismissed, which takes it
/// out of the link; the embed's is the partner's setting, which the page cannot change.
#[component]
fn NotShownNotice(single: Option<NotShown>) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let filters = state.filters;
    let dismissable = single.is_none();
    // A closure, not a memo: it is a lookup, and a memo of its own type costs kilobytes of code.
    let data = state.data.clone();
    let not_shown = move || {
        single
            .clone()
            .or_else(|| filters.with(|f| f.org.as_deref().and_then(|id| data.find(id).err())))
    };
    if let Some(reason) = untrack(not_shown.clone()) {
        leptos::logging::warn!("Anti-Trafficking Directory: {reason}");
    }
    let notice = NodeRef::<html::Div>::new();
    let state = StoredValue::new(state);
    let dismiss = move |_| {
        filters.update(|f| f.org = None);
        if let Some(notice) = notice.get_untracked() {
            state.with_value(|state| state.focus_after_change(&notice, &[]));
        }
    };
    move || {
        not_shown().map(|reason| {
            view! {
                <div node_ref=notice class="atd-notice" role="note" aria-label="Organization not shown">
                    <p>{reason.to_string()}</p>
                    {dismissable.then(|| view! {
                        <button type="button" class="atd-link-button" on:click=dismiss>"Dismiss"</button>
                    })}
                </div>
            }
        })
    }
}

#[component]
pub fn Directory(
    data: Arc<Dataset>,
    /// Why the built-in copy is shown instead of fetched data, if it is.
    fallback: Option<LoadError>,
    retry: impl Fn() + 'static,
    options: Options,
) -> impl IntoView {
    let notice = fallback.map(|reason| view! { <FallbackNotice data=data.clone() reason retry/> });
    let (initial, left_out) = match options.host {
        Host::Page => history::current_view(),
        Host::Isolated => (options.preset.clone(), LeftOut::default()),
    };
    let opened_with = initial.clone();
    let (single, single_not_shown) = match options.single.as_deref().map(|id| data.find(id)) {
        Some(Ok(position)) => (Some(position), None),
        Some(Err(reason)) => (None, Some(reason)),
        None => (None, None),
    };
    let state = DirectoryState::new(data, initial, single, options.host, &options.id_prefix);
    if options.host == Host::Page {
        history::sync_with_url(state.filters);
    }
    provide_context(state.clone());

    let filters = state.filters;
    // Shown while the view is the one the link opened, as the link is what it speaks of.
    let left_out_notice = (!left_out.is_empty()).then(|| {
        leptos::logging::warn!("Anti-Trafficking Directory: {left_out}");
        let message = left_out.to_string();
        move || {
            filters.with(|f| *f == opened_with).then(|| {
                view! {
                    <div class="atd-notice" role="note" aria-label="Link not fully understood">
                        <p>{message.clone()}</p>
                    </div>
                }
            })
        }
    });
    let search_id = state.id(SEARCH);
    let search_hint_id = state.id("search-hint");
    // Offered where the directory is the page; a guest instance is already embedded, and the
    // single file (its data carried inside) has no embed.js or index.html beside it to point at.
    let embed_button =
        (options.host == Host::Page && !SINGLE_FILE).then(|| view! { <EmbedDialog/> });
    let results_title = state.id(RESULTS_TITLE);
    let skip_state = state.clone();
    let controls = (!options.compact).then(|| {
        view! {
            // The first stop for the keyboard: past the search, the order and some thirty filters. A
            // link that moves focus itself, as its address would change a partner's page or our state.
            <a class="atd-skip" href=format!("#{results_title}") on:click:target=move |ev| {
                ev.prevent_default();
                skip_state.focus_after_change(&ev.target(), &[RESULTS_TITLE]);
            }>"Skip to the results"</a>
            <div class="atd-toolbar">
                <div class="atd-field atd-search">
                    <label for=search_id.clone()>"Search organizations"</label>
                    // A hint that stays in view while typing, where a placeholder would vanish.
                    <div class="atd-hint" id=search_hint_id.clone()>
                        "A name, acronym, place, person, treaty or form of exploitation"
                    </div>
                    <input
                        type="search"
                        id=search_id
                        aria-describedby=search_hint_id
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || filters.with(|f| f.q.clone())
                        on:input:target=move |ev| filters.update(|f| f.q = ev.target().value())
                    />
                </div>
                <SortSelect/>
                {embed_button}
            </div>
        }
    });
    let facets = (!options.compact).then(|| view! { <Facets/> });
    // Results only: the partner's preset is not the reader's to remove.
    let chips = (!options.compact).then(|| view! { <ActiveFilters/> });
    // One organization's card needs no count.
    let summary = single.is_none().then(|| view! { <ResultSummary/> });
    let layout = if options.compact {
        "atd-layout atd-layout-compact"
    } else {
        "atd-layout"
    };
    // On its own page the results are a landmark; on a partner's page, where several instances may
    // stand side by side inside the partner's own landmarks, they are not.
    let (results_role, results_label) = match options.host {
        Host::Page => (Some("region"), Some(state.id(RESULTS_TITLE))),
        Host::Isolated => (None, None),
    };
    let content = view! {
        {notice}
        {controls}
        <div class=layout>
            {facets}
            <div class="atd-results" role=results_role aria-labelledby=results_label>
                <h2 id=state.id(RESULTS_TITLE) class="atd-visually-hidden" tabindex="-1">"Organizations"</h2>
                <NotShownNotice single=single_not_shown/>
                {left_out_notice}
                {summary}
                {chips}
                <ResultList compact=options.compact/>
            </div>
        </div>
        <Detail/>
    };
    match options.host {
        Host::Page => view! { <main class="atd-main">{content}</main> }.into_any(),
        Host::Isolated => view! { <div class="atd-main">{content}</div> }.into_any(),
    }
}
