//! The Leptos interface: thin components over [`crate::core`]. None of them decides what matches a
//! query or how facets count; they show what the core computes and send user actions back to it.

mod app;
mod detail;
mod directory;
mod facets;
mod history;
mod load;
mod results;

use leptos::prelude::*;

use crate::core::Filters;
pub use app::App;
pub use load::DataSource;

/// Where an instance lives, which decides whether it may touch the browser's address bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The directory is the page: its state lives in the URL and Back/Forward move through it.
    Page,
    /// The directory is a guest on someone else's page: its state stays in memory and it never
    /// touches the address bar or the history.
    Isolated,
}

/// Everything an instance needs to start.
#[derive(Debug, Clone)]
pub struct Options {
    pub host: Host,
    pub source: DataSource,
    /// Prefix for element ids, unique per instance on a page.
    pub id_prefix: String,
    /// The view to start with when the host is [`Host::Isolated`]; a page reads its URL instead.
    pub preset: Filters,
}

/// Mounts a directory instance into `element`, for as long as the page lives.
pub fn mount(element: web_sys::HtmlElement, options: Options) {
    // The handle would unmount the app when dropped.
    leptos::mount::mount_to(element, move || view! { <App options/> }).forget();
}

/// Starts the directory as the whole page, from `index.html`.
pub fn start_page() {
    console_error_panic_hook::set_once();
    // The single file says so in a meta element: it carries the data and has nothing to fetch.
    let builtin_only = document()
        .query_selector(r#"meta[name="atdir-data"][content="built-in"]"#)
        .ok()
        .flatten()
        .is_some();
    let options = Options {
        host: Host::Page,
        source: if builtin_only {
            DataSource::Builtin
        } else {
            DataSource::Fetch("data/organizations.json".to_owned())
        },
        id_prefix: "atd-".to_owned(),
        preset: Filters::default(),
    };
    let Some(root) = document().get_element_by_id("app") else {
        leptos::logging::error!(
            "index.html has no element with id \"app\" to mount the directory in"
        );
        return;
    };
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        leptos::logging::error!("the element with id \"app\" is not an HTML element");
        return;
    };
    // Emptied first: it holds the message shown while the app loads (or when WebAssembly is off).
    root.set_inner_html("");
    mount(root, options);
}
