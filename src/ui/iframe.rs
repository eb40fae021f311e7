//! The iframe embed (`index.html?embed=1`): it tells the partner's page how tall it is.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// In the iframe embed, tells the parent page the content's height whenever it changes, so that
/// the partner can size the iframe: `{ type: "atdir:height", height }`.
pub fn report_height_to_parent() {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    // The body's own height: the root's scroll height is never less than the frame's, so the
    // frame could grow but never shrink back.
    let post = move || {
        let Some(body) = document().body() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"atdir:height".into());
        let _ = js_sys::Reflect::set(
            &message,
            &"height".into(),
            &f64::from(body.offset_height()).into(),
        );
        // The height is not secret, and the partner's origin is not known here: any may read it.
        if let Err(error) = parent.post_message(&message, "*") {
            leptos::logging::warn!("could not report the height: {error:?}");
        }
    };
    let callback = Closure::<dyn FnMut()>::new(post);
    match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            if let Some(body) = document().body() {
                observer.observe(&body);
            }
        }
        Err(error) => leptos::logging::warn!("could not watch the height: {error:?}"),
    }
    // The observer lives as long as the page.
    callback.forget();
}
