//! The facet checkboxes with their counts, and the active filters as removable chips.

use leptos::prelude::*;

use super::directory::DirectoryState;
use crate::core::Facet;

#[component]
pub fn Facets() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    // Open by default on wide screens; on a phone the filters start folded above the results.
    let wide = window()
        .match_media("(min-width: 48em)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    view! {
        <details class="atd-facets" open=wide>
            <summary>"Filters"</summary>
            <section aria-labelledby=state.id("facets-title")>
                <h2 id=state.id("facets-title") class="atd-visually-hidden">"Filters"</h2>
                {Facet::ALL.map(|facet| view! { <FacetGroup facet/> }).collect_view()}
            </section>
        </details>
    }
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
    let filters = state.filters;
    let chips = move || {
        let (query, active) = filters.with(|f| (f.q.trim().to_owned(), f.active()));
        let search_chip = (!query.is_empty()).then(|| {
            let text = format!("Search: “{query}”");
            view! {
                <li>
                    <button type="button" class="atd-chip" aria-label=format!("Remove {text}")
                        on:click=move |_| filters.update(|f| f.q.clear())>
                        {text.clone()} <span aria-hidden="true">" ×"</span>
                    </button>
                </li>
            }
        });
        let facet_chips = active.into_iter().map(|active| {
            let text = format!("{}: {}", active.facet.label(), active.label);
            view! {
                <li>
                    <button type="button" class="atd-chip" aria-label=format!("Remove {text}")
                        on:click=move |_| filters.update(|f| f.toggle(active.facet, active.slug))>
                        {text.clone()} <span aria-hidden="true">" ×"</span>
                    </button>
                </li>
            }
        });
        (search_chip, facet_chips.collect_view())
    };
    view! {
        <Show when=move || filters.with(|f| f.has_any())>
            <div class="atd-active" role="group" aria-label="Active filters">
                <ul class="atd-chips">{chips}</ul>
                <button type="button" class="atd-link-button" on:click=move |_| filters.update(|f| f.clear())>
                    "Clear all"
                </button>
            </div>
        </Show>
    }
}
