//! One organization in full, in a modal dialog with its own URL (`?org=interpol`). Escape, the
//! close button or Back closes it, and focus returns to the card it was opened from.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::directory::DirectoryState;
use super::results::OpenDetail;
use crate::core::{Line, Profile, Target};

/// The element with this id in the same document or shadow root as `anchor`.
fn element_near(anchor: &web_sys::Node, id: &str) -> Option<web_sys::Element> {
    match anchor.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => document().get_element_by_id(id),
    }
}

/// Focuses the element with this id in the same document or shadow root as `anchor`; whether
/// there was one.
pub(super) fn focus_near(anchor: &web_sys::Node, id: &str) -> bool {
    element_near(anchor, id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

/// In a frame (the iframe embed), which the partner sizes to the whole list, the middle of the
/// frame, where a modal dialog goes, may be far from the part of it on the reader's screen. An
/// intersection observer tells which part that is, and the dialog goes over it, hidden until then.
/// If it has not told after [`PLACING_AT_MOST`], the dialog shows where the name the reader chose
/// (the element with the id `opener`) is, as that was on their screen; without one, in the middle.
fn place_in_frame(dialog: &web_sys::HtmlDialogElement, opener: Option<String>) {
    let framed = window()
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| top != window());
    let Some(body) = document().body().filter(|_| framed) else {
        return;
    };
    // In whole pixels: formatting a float would add kilobytes to the wasm.
    const MARGIN: i32 = 16;
    let style = web_sys::HtmlElement::style(dialog);
    let _ = style.set_property("visibility", "hidden");
    let shown = style.clone();
    let place = move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
        observer.disconnect();
        let seen = entries
            .get(0)
            .dyn_into::<web_sys::IntersectionObserverEntry>()
            .ok()
            .map(|entry| entry.intersection_rect())
            .filter(|seen| seen.height() > f64::from(4 * MARGIN));
        if let Some(seen) = seen {
            let top = seen.top() as i32 + MARGIN;
            let height = seen.height() as i32 - 2 * MARGIN;
            let _ = shown.set_property("margin-top", &format!("{top}px"));
            let _ = shown.set_property("max-height", &format!("{height}px"));
        }
        let _ = shown.remove_property("visibility");
    };
    let callback = Closure::once_into_js(place);
    let anchor = dialog.clone();
    match web_sys::IntersectionObserver::new(callback.unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&body);
            set_timeout(
                move || {
                    observer.disconnect();
                    if style.get_property_value("visibility").unwrap_or_default() != "hidden" {
                        return;
                    }
                    if let Some(opener) = opener.and_then(|id| element_near(&anchor, &id)) {
                        let top = (opener.get_bounding_client_rect().top() as i32).max(MARGIN);
                        let _ = style.set_property("margin-top", &format!("{top}px"));
                    }
                    let _ = style.remove_property("visibility");
                },
                PLACING_AT_MOST,
            );
        }
        Err(error) => {
            leptos::logging::warn!("could not place the detail view: {error:?}");
            let _ = style.remove_property("visibility");
        }
    }
}

/// How long the detail view in a frame stays hidden, waiting to be placed: a browser reports
/// nothing of a frame it does not render, as it may for a frame it counts as out of sight, and the
/// dialog then shows where it is rather than not at all.
const PLACING_AT_MOST: std::time::Duration = std::time::Duration::from_millis(500);

/// The name, for [`DirectoryState::id`], of the open organization's title.
const TITLE: &str = "detail-title";

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
                Some(_) if !element.open() => match element.show_modal() {
                    Ok(()) => {
                        let opener = state.opener.get_value().map(|id| state.card_id(&id));
                        place_in_frame(&element, opener)
                    }
                    Err(error) => {
                        leptos::logging::warn!("could not open the detail view: {error:?}")
                    }
                },
                None if element.open() => element.close(),
                _ => {}
            }
            match (&shown, was_open) {
                (None, Some(Some(closed))) => {
                    let opener = state.opener.get_value().unwrap_or(closed);
                    state.opener.set_value(None);
                    // A card filtered out, or not yet shown, cannot take focus back.
                    if !focus_near(&element, &state.card_id(&opener)) {
                        state.focus_after_change(&element, &[]);
                    }
                }
                // Another organization, opened from inside the dialog: the link pressed is gone,
                // and the new title is what to read first.
                (Some(now), Some(Some(before))) if *now != before => {
                    focus_near(&element, &state.id(TITLE));
                }
                _ => {}
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
    let title_id = state.id(TITLE);
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
            // A link that shows its own address needs it no second time on paper.
            let shows_address = (text == url).then_some("");
            view! {
                <a href=url target="_blank" rel="noopener noreferrer" data-shows-address=shows_address>{text}</a>
            }
            .into_any()
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
                <h2 id=title_id tabindex="-1">
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
