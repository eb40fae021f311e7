//! The view state in the address bar: read at start, written on every change (replacing the entry
//! once typing pauses, adding one for other changes), and read back when Back or Forward is pressed.
//!
//! Served over http(s), the state is the query string (`?level=ngo`). Opened from a file, where a
//! page may not change its own query string, it is the fragment (`#level=ngo`): a link copied from
//! there reopens the same view just as well.

use std::time::Duration;

use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget, History};

use crate::core::{Filters, HistoryEntry, HistoryStep, LeftOut};

fn in_fragment() -> bool {
    window().location().protocol().is_ok_and(|p| p == "file:")
}

/// The part of the current URL that holds the state, without its `?` or `#`.
fn current_state() -> String {
    let location = window().location();
    let text = if in_fragment() {
        location.hash()
    } else {
        location.search()
    };
    text.unwrap_or_default()
        .trim_start_matches(['#', '?'])
        .to_owned()
}

/// The state the current URL describes, and what in it names nothing here (see [`LeftOut`]).
pub fn current_view() -> (Filters, LeftOut) {
    Filters::read_query(&current_state())
}

/// A same-page link to the view `query` (as [`Filters::to_query`] writes it) describes.
pub fn link(query: &str) -> String {
    match (in_fragment(), query.strip_prefix('?')) {
        (true, Some(state)) => format!("#{state}"),
        (true, None) => "#".to_owned(),
        // An empty query must still change the URL, so it is written as the bare path.
        (false, None) => window().location().pathname().unwrap_or_default(),
        (false, Some(_)) => query.to_owned(),
    }
}

/// A way to write the address bar: [`History::replace_state_with_url`] or
/// [`History::push_state_with_url`].
type HistoryWrite = fn(&History, &JsValue, &str, Option<&str>) -> Result<(), JsValue>;

fn write(how: HistoryWrite, query: &str) {
    let Ok(history) = window().history() else {
        return;
    };
    if let Err(error) = how(&history, &JsValue::NULL, "", Some(&link(query))) {
        leptos::logging::warn!("could not update the address bar: {error:?}");
    }
}

/// How long typing must pause before the address bar follows it. The browser takes a millisecond
/// or two for each history write, which at 10,000 entries is a fifth of a keystroke's work; one
/// write per pause instead of one per letter keeps that off the path from key to results.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// A replacement of the current entry that waits for typing to pause.
struct Waiting {
    timer: TimeoutHandle,
    query: String,
}

/// Keeps `filters` and the URL in step for as long as the calling component lives.
pub fn sync_with_url(filters: RwSignal<Filters>) {
    let entry = StoredValue::new(HistoryEntry::new(filters.get_untracked()));
    let waiting = StoredValue::new(None::<Waiting>);
    // Takes the waiting replacement off its timer, so that it is written at most once.
    let take_waiting = move || {
        let taken = waiting.try_update_value(Option::take).flatten();
        if let Some(w) = &taken {
            w.timer.clear();
        }
        taken.map(|w| w.query)
    };
    // Writes the waiting replacement now, if there is one; whether there was.
    let write_waiting = move || {
        let typed = take_waiting();
        if let Some(typed) = &typed {
            write(History::replace_state_with_url, typed);
        }
        typed.is_some()
    };
    Effect::new(move |_| {
        let next = filters.get();
        let query = next.to_query();
        let step = entry.try_update_value(|entry| entry.change_to(next));
        match step.unwrap_or(HistoryStep::None) {
            HistoryStep::None => {}
            HistoryStep::Replace => {
                take_waiting();
                match set_timeout_with_handle(move || _ = write_waiting(), TYPING_PAUSE) {
                    Ok(timer) => waiting.set_value(Some(Waiting { timer, query })),
                    Err(_) => write(History::replace_state_with_url, &query),
                }
            }
            HistoryStep::Push => {
                // The entry being left keeps what was typed in it, so Back returns to it as it was.
                write_waiting();
                write(History::push_state_with_url, &query);
            }
        }
    });
    let listener = window_event_listener(ev::popstate, move |_| {
        // The browser has moved to another entry: a replacement meant for the one it left must
        // not land on this one.
        take_waiting();
        let (restored, _) = current_view();
        entry.set_value(HistoryEntry::new(restored.clone()));
        filters.set(restored);
    });
    let stop_watching_moves = SendWrapper::new(write_before_moving(write_waiting));
    on_cleanup(move || {
        write_waiting();
        listener.remove();
        if let Some(stop) = stop_watching_moves.take() {
            stop();
        }
    });
}

/// Where the browser has the Navigation API, Back or Forward pressed while typing, before the
/// address bar has followed, first writes what was typed into the entry being left
/// (`write_waiting`, which says whether anything was waiting), so that coming back returns to it.
/// Writing the address bar cancels a move under way, so the move is then made again. Returns how
/// to stop; `None` without the API, where such a move loses what was typed since the last pause.
fn write_before_moving(write_waiting: impl Fn() -> bool + 'static) -> Option<impl FnOnce()> {
    let navigation: EventTarget = js_sys::Reflect::get(&window(), &"navigation".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let on_navigate = {
        let navigation = navigation.clone();
        Closure::<dyn Fn(Event)>::new(move |event: Event| {
            let get = |target: &JsValue, key: &str| {
                js_sys::Reflect::get(target, &key.into()).unwrap_or_default()
            };
            let destination = get(&event, "destination");
            let within_page = get(&event, "navigationType").as_string().as_deref()
                == Some("traverse")
                && get(&destination, "sameDocument").as_bool() == Some(true);
            if !within_page || !write_waiting() {
                return;
            }
            let key = get(&destination, "key");
            let traverse_to = get(&navigation, "traverseTo");
            let navigation = navigation.clone();
            set_timeout(
                move || {
                    if let Ok(traverse_to) = traverse_to.dyn_into::<js_sys::Function>() {
                        if let Err(error) = traverse_to.call1(&navigation, &key) {
                            leptos::logging::warn!(
                                "could not go on to the entry asked for: {error:?}"
                            );
                        }
                    }
                },
                Duration::ZERO,
            );
        })
    };
    let listener = on_navigate.as_ref().unchecked_ref();
    navigation
        .add_event_listener_with_callback("navigate", listener)
        .ok()?;
    Some(move || {
        let listener = on_navigate.as_ref().unchecked_ref();
        _ = navigation.remove_event_listener_with_callback("navigate", listener);
    })
}
