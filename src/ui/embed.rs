//! The script embed: `embed.js` calls [`mount_element`] for every `[data-atdir]` element on a
//! partner's page. Each gets its own instance in an open shadow root, with our stylesheet inside it,
//! so that neither page's CSS reaches the other. Built only with the `embed` feature, so that the
//! app itself does not carry it.

use std::any::Any;
use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

use super::load::BuiltIn;
use super::{App, DataSource, Options};
use crate::core::EmbedSettings;

/// The same stylesheet as the page's, placed inside each shadow root.
const STYLES: &str = include_str!("../../public/styles.css");

/// The stylesheet as a constructed sheet, which every instance adopts: parsed once, and, unlike a
/// `<style>` element, allowed by a partner's Content Security Policy without `'unsafe-inline'`.
fn stylesheet() -> Result<web_sys::CssStyleSheet, JsValue> {
    thread_local! {
        static SHEET: std::cell::OnceCell<web_sys::CssStyleSheet> = const { std::cell::OnceCell::new() };
    }
    SHEET.with(|sheet| {
        if let Some(sheet) = sheet.get() {
            return Ok(sheet.clone());
        }
        let made = web_sys::CssStyleSheet::new()?;
        made.replace_sync(STYLES)?;
        Ok(sheet.get_or_init(|| made).clone())
    })
}

thread_local! {
    /// The instances alive on this page: dropping a handle unmounts its instance.
    static MOUNTED: RefCell<Vec<(HtmlElement, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

fn attributes(element: &HtmlElement) -> Vec<(String, String)> {
    let list = element.attributes();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|a| (a.name(), a.value()))
        .collect()
}

/// Mounts a directory instance into `element`'s shadow root, set up from its `data-*` attributes.
/// Mounting an element twice does nothing.
#[wasm_bindgen(js_name = mount)]
pub fn mount_element(element: HtmlElement) -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    if MOUNTED.with_borrow(|mounted| mounted.iter().any(|(e, _)| *e == element)) {
        return Ok(());
    }
    let attributes = attributes(&element);
    let settings =
        EmbedSettings::from_attributes(attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for warning in &settings.warnings {
        leptos::logging::warn!("{warning}");
    }
    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    shadow.set_inner_html("");
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&stylesheet()?.into()));
    let container: HtmlElement = document().create_element("div")?.unchecked_into();
    shadow.append_child(&container)?;

    let source = match &settings.src {
        Some(url) => DataSource::Fetch {
            url: url.clone(),
            built_in: BuiltIn::Compiled,
        },
        None => DataSource::compiled(),
    };
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let options = Options::isolated(settings, source, format!("atd{id}-"));
    let handle = leptos::mount::mount_to(container, move || view! { <App options/> });
    MOUNTED.with_borrow_mut(|mounted| mounted.push((element, Box::new(handle))));
    Ok(())
}

/// Unmounts the instance in `element`, as when the partner's page removes it.
#[wasm_bindgen(js_name = unmount)]
pub fn unmount_element(element: HtmlElement) {
    let removed = MOUNTED.with_borrow_mut(|mounted| {
        let index = mounted.iter().position(|(e, _)| *e == element)?;
        Some(mounted.swap_remove(index))
    });
    // Dropped outside the borrow: unmounting runs cleanups that must not find the list borrowed.
    drop(removed);
    if let Some(shadow) = element.shadow_root() {
        shadow.set_inner_html("");
    }
}
