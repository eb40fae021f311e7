//! The facet checkboxes with their counts, and the active filters as removable chips.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::directory::DirectoryState;
use crate::core::{Facet, Filters};

#[component]
pub fn Facets() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    // Open where the stylesheet sets them beside the results, which hides the summary; folded
    // above the results where the directory is narrow (a phone, a partner's side column). Decided
    // again whenever the layout changes (a window widened, a tablet turned), which shows or hides
    // the summary and so resizes it.
    let (details, summary) = (
        NodeRef::<html::Details>::new(),
        NodeRef::<html::Summary>::new(),
    );
    Effect::new(move || {
        let (Some(details), Some(summary)) = (details.get(), summary.get()) else {
            return;
        };
        let was_wide = std::cell::Cell::new(None);
        let (observed, without_observer) = (summary.clone(), details.clone());
        let follow_layout = Closure::<dyn FnMut(JsValue, web_sys::ResizeObserver)>::new(
            move |_, observer: web_sys::ResizeObserver| {
                // Taken off the page (the data loaded again): its size fell to nothing.
                if !observed.is_connected() {
                    return observer.disconnect();
                }
                let wide = is_not_displayed(&observed);
                if was_wide.replace(Some(wide)) != Some(wide) {
                    details.set_open(wide);
                }
            },
        );
        match web_sys::ResizeObserver::new(follow_layout.as_ref().unchecked_ref()) {
            // It reports the summary's size once at the start, then at every change.
            Ok(observer) => observer.observe(&summary),
            Err(error) => {
                leptos::logging::warn!("could not follow the layout: {error:?}");
                without_observer.set_open(is_not_displayed(&summary));
            }
        }
        // Called for as long as the filters are on the page; a few bytes once they are gone.
        follow_layout.forget();
    });
    view! {
        <details node_ref=details class="atd-facets">
            <summary node_ref=summary>"Filters"</summary>
            <section aria-labelledby=state.id("facets-title")>
                <h2 id=state.id("facets-title") class="atd-visually-hidden">"Filters"</h2>
                {Facet::ALL.map(|facet| view! { <FacetGroup facet/> }).collect_view()}
            </section>
        </details>
    }
}

/// Whether the stylesheet hides this element (`display: none`).
fn is_not_displayed(element: &web_sys::Element) -> bool {
    window()
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("display").ok())
        .as_deref()
        == Some("none")
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let (filters, selection) = (state.filters, state.selection);
    let options = facet.values().into_iter().map(|(slug, label)| {
        let id = state.id(&format!("{}-{slug}", facet.key()));
        view! {
            <li class="atd-check">
                <input
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || filters.with(|f| f.is_selected(facet, slug))
                    on:change=move |_| filters.update(|f| f.toggle(facet, slug))
                />
                <label for=id>
                    {label}
                    " "
                    <span class="atd-count">"(" {move || selection.with(|s| s.counts().get(facet, slug))} ")"</span>
                </label>
            </li>
        }
    });
    view! {
        <fieldset class="atd-facet">
            <legend>{facet.label()}</legend>
            <ul>{options.collect_view()}</ul>
        </fieldset>
    }
}

/// The search and the ticked values, each removable with one press, and "Clear all".
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let (filters, query) = (state.filters, state.query);
    let group = NodeRef::<html::Div>::new();
    // A pressed chip, or Clear all, is gone once it has done its work: focus moves to the first of
    // `names` still there.
    let state = StoredValue::new(state);
    let change_then_focus = move |change: &dyn Fn(&mut Filters), names: &[&str]| {
        filters.update(change);
        if let Some(group) = group.get_untracked() {
            state.with_value(|state| state.focus_after_change(&group, names));
        }
    };
    // The chip that takes the removed one's place, else the one before it, else as for Clear all.
    let remove = move |index: usize, change: &dyn Fn(&mut Filters)| {
        let (here, before) = (chip_id(index), index.checked_sub(1).map(chip_id));
        let names: Vec<&str> = [Some(here.as_str()), before.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        change_then_focus(change, &names);
    };
    let chips = move || {
        let (search, active) = query
            .with(|query| filters.with(|f| (f.search_shown(query).map(str::to_owned), f.active())));
        let search_chip = search.map(|search| {
            // Without direction controls, which a link's search could carry to turn the chip's
            // text around ("Search: “× ”lopretni").
            let search = search.replace(DIRECTION_CONTROLS, "");
            chip(0, format!("Search: “{search}”"), move || {
                remove(0, &|f| f.q.clear())
            })
        });
        let first_facet_chip = usize::from(search_chip.is_some());
        let facet_chips = active.into_iter().enumerate().map(|(i, active)| {
            let text = format!("{}: {}", active.facet.label(), active.label);
            let index = first_facet_chip + i;
            chip(index, text, move || {
                remove(index, &|f| f.toggle(active.facet, active.slug))
            })
        });
        (search_chip, facet_chips.collect_view())
    };
    let clear_all = move |_| change_then_focus(&|f| f.clear(), &[]);
    view! {
        <Show when=move || query.with(|query| filters.with(|f| f.has_any(query)))>
            <div node_ref=group class="atd-active" role="group" aria-label="Active filters">
                <ul class="atd-chips">{chips}</ul>
                <button type="button" class="atd-link-button" on:click=clear_all>
                    "Clear all"
                </button>
            </div>
        </Show>
    }
}

/// The Unicode characters that override or embed a text direction, or isolate one.
const DIRECTION_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// The name, for [`DirectoryState::id`], of the chip at this place in the row.
fn chip_id(index: usize) -> String {
    format!("chip-{index}")
}

/// One removable chip: a button that says what it removes.
fn chip(index: usize, text: String, remove: impl Fn() + 'static) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    view! {
        <li>
            <button type="button" class="atd-chip" id=state.id(&chip_id(index))
                aria-label=format!("Remove {text}") on:click=move |_| remove()>
                {text.clone()} <span aria-hidden="true">" ×"</span>
            </button>
        </li>
    }
}
