//! "Embed this view": both embed snippets for the current view, ready to copy.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::directory::DirectoryState;
use crate::core::embed_snippets;

/// The folder the directory is served from, which the snippets point at.
fn base_url() -> String {
    let href = window().location().href().unwrap_or_default();
    let without_state = href.split(['?', '#']).next().unwrap_or_default();
    match without_state.rfind('/') {
        Some(slash) => without_state[..=slash].to_owned(),
        None => without_state.to_owned(),
    }
}

/// One snippet in a read-only text area, with a copy button and what happened when it was pressed.
#[component]
fn Snippet(label: &'static str, id: String, text: Signal<String>) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let outcome = RwSignal::new(String::new());
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            let copied = JsFuture::from(window().navigator().clipboard().write_text(&text)).await;
            let message = match copied {
                Ok(_) => "Copied.".to_owned(),
                Err(error) => {
                    leptos::logging::warn!("copying failed: {error:?}");
                    // Where the clipboard is not allowed (a file, an old browser), select the text.
                    if let Some(area) = area.get_untracked() {
                        area.select();
                    }
                    "Selected: press Ctrl+C (or ⌘C) to copy.".to_owned()
                }
            };
            outcome.set(message);
        });
    };
    view! {
        <div class="atd-field atd-snippet">
            <label for=id.clone()>{label}</label>
            <textarea id=id node_ref=area readonly rows="5" spellcheck="false" prop:value=text></textarea>
            <div class="atd-snippet-actions">
                <button type="button" class="atd-button atd-button-secondary" on:click=copy>
                    {format!("Copy the {}", label.to_ascii_lowercase())}
                </button>
                <span role="status">{outcome}</span>
            </div>
        </div>
    }
}

#[component]
pub fn EmbedDialog() -> impl IntoView {
    let state = expect_context::<DirectoryState>();
    let dialog = NodeRef::<html::Dialog>::new();
    let filters = state.filters;
    let snippets = Memo::new(move |_| filters.with(|f| embed_snippets(f, &base_url())));
    let script = Signal::derive(move || snippets.with(|(script, _)| script.clone()));
    let iframe = Signal::derive(move || snippets.with(|(_, iframe)| iframe.clone()));
    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            if let Err(error) = dialog.show_modal() {
                leptos::logging::warn!("could not open the embed dialog: {error:?}");
            }
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let title_id = state.id("embed-title");
    let labelled_by = title_id.clone();
    view! {
        <button type="button" class="atd-button atd-button-secondary atd-embed-button" on:click=open>
            "Embed this view"
        </button>
        <dialog node_ref=dialog class="atd-detail" aria-labelledby=labelled_by>
            <div class="atd-detail-inner">
                <div class="atd-detail-head">
                    <h2 id=title_id>"Embed this view"</h2>
                    <button type="button" class="atd-button atd-button-secondary" on:click=close>"Close"</button>
                </div>
                <p>
                    "Show this view on your own site. The script embed fits into your page without
                    touching its styles; the iframe embed shows it in a frame that resizes itself.
                    Copy embed.js to your site, or point at this copy of the directory."
                </p>
                <Snippet label="Script embed" id=state.id("embed-script") text=script/>
                <Snippet label="Iframe embed" id=state.id("embed-iframe") text=iframe/>
            </div>
        </dialog>
    }
}
