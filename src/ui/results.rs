//! The result count, the order, the note on left-out entries, and the list of cards.

use std::sync::Arc;

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::detail::focus_near;
use super::directory::DirectoryState;
use super::Host;
use crate::core::{Dataset, Excerpt, SortOrder, Vocabulary, PAGE_SIZE};

/// "12 of 84 organizations", announced politely to screen readers when it changes.
#[component]
pub fn ResultSummary() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let total = state.data.len();
    let selection = state.selection;
    let problems = state.data.problems().to_vec();
    let left_out = (!problems.is_empty()).then(|| {
        let count = problems.len();
        let heading = if count == 1 {
            "1 entry in the data failed validation and is not shown.".to_owned()
        } else {
            format!("{count} entries in the data failed validation and are not shown.")
        };
        view! {
            <div class="atd-notice" role="note" aria-label="Entries left out">
                <p>{heading}</p>
                <details>
                    <summary>"What failed"</summary>
                    <ul class="atd-problems">{problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
                </details>
            </div>
        }
    });
    view! {
        <p class="atd-count-line" role="status" aria-live="polite" aria-atomic="true">
            {move || selection.with(|s| if s.is_waiting() {
                "Searching…".to_owned()
            } else {
                format!("{} of {total} organizations", s.results().len())
            })}
        </p>
        {left_out}
    }
}

#[component]
pub fn SortSelect() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let filters = state.filters;
    let id = state.id("sort");
    view! {
        <div class="atd-field atd-sort">
            <label for=id.clone()>"Sort by"</label>
            <select
                id=id
                on:change:target=move |ev| {
                    let sort = SortOrder::from_slug(&ev.target().value()).unwrap_or_default();
                    filters.update(|f| f.sort = sort);
                }
            >
                {SortOrder::ALL
                    .map(|sort| view! {
                        <option value=sort.slug() prop:selected=move || filters.with(|f| f.sort == sort)>
                            {sort.label()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The first results on screen: what a cold load is measured to (`cargo xtask bench`). Once they
/// are painted, the text a search reads is normalized, so that they did not wait for it and the
/// first keystroke does not either; the bench measures when that is done too. A search typed before
/// then waits for it (see [`crate::core::Filters::select_when_ready`]) and runs on `ready`.
fn after_first_results(data: Arc<Dataset>, ready: Trigger) {
    request_animation_frame(move || {
        mark("atdir:results");
        leptos::task::spawn_local(async move {
            prepare_search_in_slices(&data).await;
            mark("atdir:search-ready");
            ready.notify();
        });
    });
}

/// How long one slice of that work may hold the page, in milliseconds: well under a frame, so that
/// typing, a filter ticked or an entry opened meanwhile is answered at once (at 100,000 entries the
/// whole text takes seconds).
const SLICE_MS: f64 = 8.0;

/// Normalizes the text a search reads a slice at a time, each in a task of its own, the first after
/// the first results are painted.
async fn prepare_search_in_slices(data: &Dataset) {
    if let Some(performance) = window().performance() {
        loop {
            if let Err(cause) = next_task().await {
                leptos::logging::warn!("could not wait for the next task: {cause:?}");
                break;
            }
            let end = performance.now() + SLICE_MS;
            if data.prepare_search_texts(|| performance.now() < end) {
                return;
            }
        }
    }
    // Without a clock or a next task to yield to, the rest in one go.
    data.search_texts();
}

/// Resolves in a task of its own, after what the page has waiting (input, painting): a message the
/// page posts to itself, as a zero timeout is held back 4 ms once timeouts nest, which over the
/// hundreds of slices at 100,000 entries would add a second.
async fn next_task() -> Result<(), JsValue> {
    let channel = web_sys::MessageChannel::new()?;
    let arrived =
        js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(&resolve)));
    channel.port2().post_message(&JsValue::NULL)?;
    JsFuture::from(arrived).await?;
    Ok(())
}

/// A performance mark, which the bench reads.
fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

#[component]
pub fn ResultList(
    /// Results only: the presets are the partner's, not the reader's to clear.
    compact: bool,
) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let (selection, filters, criteria, paging) =
        (state.selection, state.filters, state.criteria, state.paging);
    let total = move || selection.with(|s| s.results().len());
    let visible = move || criteria.with(|c| paging.with(|p| p.visible(c, total())));
    let list = NodeRef::<leptos::html::Ul>::new();
    let shared = StoredValue::new(state.clone());
    // Moves focus to the first of the newly shown cards, so that keyboard and screen-reader users
    // carry on reading where the list grew.
    let show_more = move |_| {
        let first_new = visible();
        criteria.with_untracked(|c| paging.update(|p| p.show_more(c, total())));
        let Some(position) = selection.with_untracked(|s| s.results().get(first_new).copied())
        else {
            return;
        };
        let card = shared.with_value(|state| state.card_id(&state.data.entries()[position].id));
        request_animation_frame(move || {
            if let Some(list) = list.get_untracked() {
                focus_near(&list, &card);
            }
        });
    };
    let (data, search_ready) = (state.data.clone(), state.search_ready);
    Effect::new(move |_| after_first_results(data.clone(), search_ready));
    view! {
        <Show
            when=move || total() != 0
            fallback=move || view! {
                <div class="atd-empty">
                    <p>"No organization matches this search and these filters."</p>
                    {(!compact).then(|| view! {
                        <button type="button" class="atd-button atd-button-secondary"
                            on:click:target=move |ev| {
                                filters.update(|f| f.clear());
                                shared.with_value(|state| state.focus_after_change(&ev.target(), &[]));
                            }>
                            "Clear all filters"
                        </button>
                    })}
                </div>
            }
        >
            <ul class="atd-cards" node_ref=list>
                <For each=move || 0..visible() key=|index| *index let:index>
                    <CardSlot index/>
                </For>
            </ul>
            <Show when=move || visible() < total()>
                <div class="atd-more">
                    <p>{move || format!("Showing {} of {} results.", visible(), total())}</p>
                    <button type="button" class="atd-button atd-button-secondary" on:click=show_more>
                        {move || format!("Show {} more", (total() - visible()).min(PAGE_SIZE))}
                    </button>
                </div>
            </Show>
        </Show>
    }
}

/// Whether a click should be left to the browser (new tab, new window, download).
fn is_modified_click(event: &MouseEvent) -> bool {
    event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
}

/// What opens an organization's detail view: on a page of its own, a real link carrying the current
/// view (it can be copied or opened in a new tab); as a guest on a partner's page, a button, since
/// the partner's URL is not ours to link to.
#[component]
pub fn OpenDetail(
    /// The organization's id.
    id: String,
    name: String,
    /// The element id, for a card that focus returns to.
    #[prop(optional)]
    element_id: Option<String>,
) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let remember = element_id.is_some();
    let open = {
        let (state, id) = (state.clone(), id.clone());
        move || {
            if remember {
                state.opener.set_value(Some(id.clone()));
            }
            state.open(&id);
        }
    };
    match state.host {
        Host::Page => {
            let href = {
                let state = state.clone();
                move || state.detail_href(&id)
            };
            let on_click = move |event: MouseEvent| {
                if !is_modified_click(&event) {
                    event.prevent_default();
                    open();
                }
            };
            view! { <a id=element_id href=href on:click=on_click>{name}</a> }.into_any()
        }
        Host::Isolated => view! {
            <button type="button" class="atd-link-button atd-open" id=element_id on:click=move |_| open()>
                {name}
            </button>
        }
        .into_any(),
    }
}

/// The card at one place in the list, for the entry now at that place. When the results change,
/// the card is rebuilt in place: its elements stay and only the texts and attributes that differ
/// are written. Keyed by entry, the list removed and built every card on screen at the second
/// letter of a word; handing cards on by entry moved them in the DOM instead, which cost as much.
/// Keyed by place, no card ever moves.
#[component]
fn CardSlot(index: usize) -> impl IntoView {
    let selection = expect_context::<DirectoryState>().selection;
    let position = Memo::new(move |_| selection.with(|s| s.results().get(index).copied()));
    move || position.get().map(|position| view! { <Card position/> })
}

/// One result: built from the entry, copying only what it shows, and, under a search, the passage
/// that matched when the card's own text does not show it.
#[component]
fn Card(position: usize) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let data = state.data.clone();
    let org = &data.entries()[position];
    let level = org.level;
    let excerpt = {
        let (data, query) = (data.clone(), state.query);
        move || {
            let org = &data.entries()[position];
            query
                .with(|q| Excerpt::find(org, q))
                .map(|Excerpt { label, text }| {
                    view! {
                        <p class="atd-card-match">
                            <span class="atd-card-match-label">{label}": "</span>
                            {text}
                        </p>
                    }
                })
        }
    };
    view! {
        <li class="atd-card" data-level=level.slug()>
            <article aria-labelledby=state.card_id(&org.id)>
                <h3 class="atd-card-title">
                    <OpenDetail element_id=state.card_id(&org.id) id=org.id.clone() name=org.name.clone()/>
                </h3>
                <p class="atd-card-meta">
                    {org.acronym.clone().map(|a| view! { <span class="atd-acronym">{a}</span> })}
                    <span class="atd-level">{level.label()}</span>
                    {org.place().map(|p| view! { <span class="atd-place">{p}</span> })}
                </p>
                <p class="atd-card-summary">{org.summary.clone()}</p>
                {excerpt}
                <ul class="atd-tags" aria-label="Focus areas">
                    {org.focus.iter().map(|f| view! { <li>{f.label()}</li> }).collect_view()}
                </ul>
            </article>
        </li>
    }
}
