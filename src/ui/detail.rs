//! One organization in full, in a modal dialog with its own URL (`?org=interpol`). Escape, the
//! close button or Back closes it, and focus returns to the card it was opened from.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::directory::DirectoryState;
use super::results::{place, OpenDetail};
use crate::core::dataset::is_https_url;
use crate::core::{Organization, Vocabulary};

/// A link to an outside page: only https URLs become links, and they open without referrer.
#[component]
fn ExternalLink(url: String, text: String) -> impl IntoView {
    if is_https_url(&url) {
        view! { <a href=url target="_blank" rel="noopener noreferrer">{text}</a> }.into_any()
    } else {
        view! { <span>{text}</span> }.into_any()
    }
}

/// Focuses the element with this id in the same document or shadow root as `anchor`.
pub(super) fn focus_near(anchor: &web_sys::Node, id: &str) {
    let root = anchor.get_root_node();
    let element = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => document().get_element_by_id(id),
    };
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

#[component]
pub fn Detail() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let dialog = NodeRef::<html::Dialog>::new();
    let filters = state.filters;
    let open_org = {
        let data = state.data.clone();
        Memo::new(move |_| {
            filters
                .with(|f| f.org.clone())
                .and_then(|id| data.get(&id).cloned())
        })
    };

    Effect::new({
        let state = state.clone();
        move |was_open: Option<Option<String>>| {
            let shown = open_org.with(|org| org.as_ref().map(|o| o.id.clone()));
            let Some(element) = dialog.get() else {
                return shown;
            };
            match &shown {
                Some(_) if !element.open() => {
                    if let Err(error) = element.show_modal() {
                        leptos::logging::warn!("could not open the detail view: {error:?}");
                    }
                }
                None if element.open() => element.close(),
                _ => {}
            }
            if let (None, Some(Some(closed))) = (&shown, was_open) {
                let opener = state.opener.get_value().unwrap_or(closed);
                state.opener.set_value(None);
                focus_near(&element, &state.card_id(&opener));
            }
            shown
        }
    });

    let close = move || {
        if filters.with_untracked(|f| f.org.is_some()) {
            filters.update(|f| f.org = None);
        }
    };
    let title_id = state.id("detail-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog class="atd-detail" aria-labelledby=labelled_by on:close=move |_| close()>
            {move || open_org.get().map(|org| view! { <DetailBody org title_id=title_id.clone() close/> })}
        </dialog>
    }
}

#[component]
fn DetailBody(
    org: Organization,
    title_id: String,
    close: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let parent = org
        .parent
        .as_deref()
        .and_then(|id| state.data.get(id))
        .map(|p| (p.id.clone(), p.name.clone()));
    let children: Vec<(String, String)> = state
        .data
        .children(&org.id)
        .into_iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let labels = |values: Vec<&'static str>| {
        values
            .into_iter()
            .map(|l| view! { <li>{l}</li> })
            .collect_view()
    };

    let facts = [
        ("Level", Some(org.level.label().to_owned())),
        ("Kind", Some(org.kind.label().to_owned())),
        ("Headquarters", place(&org)),
        ("Founded", org.founded.map(|y| y.to_string())),
        (
            "Members",
            org.members
                .map(|m| format!("{} (as of {})", m.count, m.as_of)),
        ),
    ];
    view! {
        <div class="atd-detail-inner">
            <div class="atd-detail-head">
                <h2 id=title_id>
                    {org.name.clone()}
                    {org.acronym.clone().map(|a| view! { " " <span class="atd-acronym">"(" {a} ")"</span> })}
                </h2>
                <button type="button" class="atd-button atd-button-secondary" on:click=move |_| close()>
                    "Close"
                </button>
            </div>
            <p class="atd-detail-summary">{org.summary.clone()}</p>
            <dl class="atd-facts">
                {facts.into_iter().filter_map(|(term, value)| Some(view! { <dt>{term}</dt><dd>{value?}</dd> })).collect_view()}
                {parent.map(|p| view! { <dt>"Part of"</dt><dd><OpenDetail id=p.0 name=p.1/></dd> })}
                {org.website.clone().map(|url| view! { <dt>"Website"</dt><dd><ExternalLink text=url.clone() url/></dd> })}
                {(!org.aliases.is_empty()).then(|| view! { <dt>"Also known as"</dt><dd>{org.aliases.join("; ")}</dd> })}
            </dl>

            <h3>"Against trafficking"</h3>
            <p>{org.role.clone()}</p>
            <div class="atd-detail-tags">
                <section>
                    <h4>"Focus areas"</h4>
                    <ul class="atd-tags">{labels(org.focus.iter().map(|v| v.label()).collect())}</ul>
                </section>
                {(!org.forms.is_empty()).then(|| view! {
                    <section>
                        <h4>"Forms of exploitation"</h4>
                        <ul class="atd-tags">{labels(org.forms.iter().map(|v| v.label()).collect())}</ul>
                    </section>
                })}
                <section>
                    <h4>"Regions"</h4>
                    <ul class="atd-tags">{labels(org.regions.iter().map(|v| v.label()).collect())}</ul>
                </section>
            </div>

            {(!children.is_empty()).then(|| view! {
                <h3>"Bodies within it"</h3>
                <ul class="atd-list">{children.into_iter().map(|c| view! { <li><OpenDetail id=c.0 name=c.1/></li> }).collect_view()}</ul>
            })}
            {(!org.instruments.is_empty()).then(|| view! {
                <h3>"Instruments"</h3>
                <ul class="atd-list">
                    {org.instruments.iter().map(|i| {
                        let mut name = i.name.clone();
                        if let Some(short) = &i.short_name { name.push_str(&format!(" ({short})")); }
                        if let Some(year) = i.year { name.push_str(&format!(", {year}")); }
                        view! { <li>{name}<span class="atd-muted">" — " {i.role.clone()}</span></li> }
                    }).collect_view()}
                </ul>
            })}
            {(!org.publications.is_empty()).then(|| view! {
                <h3>"Publications"</h3>
                <ul class="atd-list">
                    {org.publications.iter().map(|p| {
                        let title = match p.year { Some(year) => format!("{} ({year})", p.title), None => p.title.clone() };
                        view! {
                            <li>
                                {match p.url.clone() {
                                    Some(url) => view! { <ExternalLink url text=title/> }.into_any(),
                                    None => view! { <span>{title}</span> }.into_any(),
                                }}
                                {p.symbol.clone().map(|s| view! { " " <span class="atd-symbol">{s}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!org.people.is_empty()).then(|| view! {
                <h3>"People"</h3>
                <ul class="atd-list">
                    {org.people.iter().map(|p| view! {
                        <li>{p.role.clone()} ": " <strong>{p.name.clone()}</strong>
                            <span class="atd-muted">" (as of " {p.as_of.to_string()} ")"</span></li>
                    }).collect_view()}
                </ul>
            })}
            <h3>"Sources"</h3>
            <ul class="atd-list">
                {org.sources.iter().map(|s| view! { <li><ExternalLink url=s.url.clone() text=s.title.clone()/></li> }).collect_view()}
            </ul>
            <p class="atd-muted">"Last verified: " {org.last_verified.to_string()}</p>
        </div>
    }
}
