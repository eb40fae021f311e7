//! One organization in full, in a modal dialog with its own URL (`?org=interpol`). Escape, the
//! close button or Back closes it, and focus returns to the card it was opened from.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::directory::DirectoryState;
use super::results::OpenDetail;
use crate::core::{Line, Profile, Target};

/// Focuses the element with this id in the same document or shadow root as `anchor`; whether
/// there was one.
pub(super) fn focus_near(anchor: &web_sys::Node, id: &str) -> bool {
    let root = anchor.get_root_node();
    let element = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => document().get_element_by_id(id),
    };
    element
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

#[component]
pub fn Detail() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let dialog = NodeRef::<html::Dialog>::new();
    let filters = state.filters;
    // Where the open organization is in the data: a Copy value, so that the view is rebuilt only
    // when another organization opens.
    let open_position = {
        let data = state.data.clone();
        Memo::new(move |_| filters.with(|f| f.org.as_deref().and_then(|id| data.position(id))))
    };
    Effect::new({
        let state = state.clone();
        move |was_open: Option<Option<String>>| {
            let shown = open_position
                .get()
                .map(|position| state.data.entries()[position].id.clone());
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
    // The close event comes a task after the dialog closes, and by then the dialog may be open
    // again (Back, then Forward at once): only one for a dialog that is still closed means the
    // reader closed it. Escape is taken at its cancel event, which comes first, so that the state
    // is already closed when the reader's next key arrives.
    let closed_by_reader = move || {
        if dialog
            .get_untracked()
            .is_some_and(|element| !element.open())
        {
            close();
        }
    };
    let title_id = state.id("detail-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog class="atd-detail" aria-labelledby=labelled_by on:cancel=move |_: web_sys::Event| close() on:close=move |_| closed_by_reader()>
            {move || open_position.get().map(|position| view! { <DetailBody position title_id=title_id.clone() close/> })}
        </dialog>
    }
}

/// One line of a detail view, and the one place where its data becomes links: outside pages only
/// as https links that open without referrer, other organizations as in-directory links.
fn line_view(line: Line) -> impl IntoView {
    let Line {
        before,
        text,
        target,
        strong,
        symbol,
        after,
    } = line;
    let main = match target {
        Target::Web(url) => {
            view! { <a href=url target="_blank" rel="noopener noreferrer">{text}</a> }.into_any()
        }
        Target::Entry(id) => view! { <OpenDetail id name=text/> }.into_any(),
        Target::Nothing if strong => view! { <strong>{text}</strong> }.into_any(),
        Target::Nothing => text.into_any(),
    };
    view! {
        {before}
        {main}
        {symbol.map(|s| view! { " " <span class="atd-symbol">{s}</span> })}
        {after.map(|a| view! { <span class="atd-muted">{a}</span> })}
    }
}

#[component]
fn DetailBody(
    /// Where the organization is in the data.
    position: usize,
    title_id: String,
    close: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let org = &state.data.entries()[position];
    let Profile {
        facts,
        tags,
        sections,
    } = state.data.profile(org);
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
                {facts.into_iter().map(|fact| view! { <dt>{fact.term}</dt><dd>{line_view(fact.value)}</dd> }).collect_view()}
            </dl>

            <h3>"Against trafficking"</h3>
            <p>{org.role.clone()}</p>
            <div class="atd-detail-tags">
                {tags.into_iter().map(|group| view! {
                    <section>
                        <h4>{group.title}</h4>
                        <ul class="atd-tags">{group.labels.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </section>
                }).collect_view()}
            </div>
            {sections.into_iter().map(|section| view! {
                <h3>{section.title}</h3>
                <ul class="atd-list">
                    {section.lines.into_iter().map(|line| view! { <li>{line_view(line)}</li> }).collect_view()}
                </ul>
            }).collect_view()}
            <p class="atd-muted">"Last verified: " {org.last_verified.in_words()}</p>
        </div>
    }
}
