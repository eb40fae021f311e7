//! The view state in the address bar: read at start, written on every change (replacing the entry
//! while typing, adding one for other changes), and read back when Back or Forward is pressed.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::core::{Filters, HistoryStep};

fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// The state the current URL describes.
pub fn current_filters() -> Filters {
    Filters::from_query(&current_query())
}

fn write(step: HistoryStep, query: &str) {
    let location = window().location();
    // An empty query must still change the URL, so it is written as the bare path.
    let url = if query.is_empty() {
        location.pathname().unwrap_or_default()
    } else {
        query.to_owned()
    };
    let Ok(history) = window().history() else {
        return;
    };
    let result = match step {
        HistoryStep::None => return,
        HistoryStep::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryStep::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if let Err(error) = result {
        leptos::logging::warn!("could not update the address bar: {error:?}");
    }
}

/// Keeps `filters` and the URL in step for as long as the calling component lives.
pub fn sync_with_url(filters: RwSignal<Filters>) {
    let committed = StoredValue::new(filters.get_untracked());
    Effect::new(move |_| {
        let next = filters.get();
        let step = committed.with_value(|previous| previous.history_step(&next));
        write(step, &next.to_query());
        committed.set_value(next);
    });
    let listener = window_event_listener(ev::popstate, move |_| {
        let restored = current_filters();
        committed.set_value(restored.clone());
        filters.set(restored);
    });
    on_cleanup(move || listener.remove());
}
