//! The Leptos interface: thin components over [`crate::core`]. None of them decides what matches a
//! query or how facets count; they show what the core computes and send user actions back to it.

mod app;
mod detail;
mod directory;
#[cfg(feature = "embed")]
mod embed;
mod embed_dialog;
mod facets;
mod history;
mod iframe;
mod load;
mod results;

use leptos::prelude::*;

use crate::core::{EmbedSettings, Filters, Theme};
pub use app::App;
pub use load::DataSource;

/// Whether this is the single file's build: its data is always carried inside, and it is never an
/// iframe embed nor offers embed snippets, so the code for those is left out of its wasm (5 KB of
/// the 350 KB the file may weigh).
const SINGLE_FILE: bool = cfg!(feature = "single-file");

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
    /// Show only this organization's card.
    pub single: Option<String>,
    /// Results only: no header, search or facets.
    pub compact: bool,
    /// Light or dark regardless of the reader's preference.
    pub theme: Option<Theme>,
}

impl Options {
    /// The directory as the whole page, its state in the URL.
    pub fn page(source: DataSource) -> Self {
        Self {
            host: Host::Page,
            source,
            id_prefix: "atd-".to_owned(),
            preset: Filters::default(),
            single: None,
            compact: false,
            theme: None,
        }
    }

    /// The directory as a guest on another page, set up from its embed settings.
    pub fn isolated(settings: EmbedSettings, source: DataSource, id_prefix: String) -> Self {
        Self {
            host: Host::Isolated,
            source,
            id_prefix,
            preset: settings.filters,
            // One card has nothing to search or filter.
            compact: settings.compact || settings.single.is_some(),
            single: settings.single,
            theme: settings.theme,
        }
    }
}

/// Mounts a directory instance into `element`, for as long as the page lives.
pub fn mount(element: web_sys::HtmlElement, options: Options) {
    // The handle would unmount the app when dropped.
    leptos::mount::mount_to(element, move || view! { <App options/> }).forget();
}

/// Starts the directory as the whole page, from `index.html`.
pub fn start_page() {
    console_error_panic_hook::set_once();
    // The single file carries the data in an element; the hosted page fetches it.
    let carried = document()
        .query_selector(r#"script#atdir-data[type="application/json"]"#)
        .ok()
        .flatten()
        .and_then(|element| element.text_content());
    let source = match carried {
        Some(json) => DataSource::Inline {
            origin: load::BUILT_IN_ORIGIN.to_owned(),
            json,
        },
        None if !SINGLE_FILE => DataSource::hosted(),
        // Never so in a single file as built; if its data went missing, the page says so.
        None => DataSource::Inline {
            origin: load::BUILT_IN_ORIGIN.to_owned(),
            json: String::new(),
        },
    };
    let search = window().location().search().unwrap_or_default();
    // `?embed=1` is the iframe embed: a compact guest view that keeps its presets in memory (an
    // iframe's history entries would hijack the partner page's Back button) and reports its height.
    let options = if !SINGLE_FILE && Filters::is_embed_query(&search) {
        iframe::report_height_to_parent();
        let settings = EmbedSettings {
            filters: Filters::from_query(&search),
            compact: true,
            ..EmbedSettings::default()
        };
        Options::isolated(settings, source, "atd-".to_owned())
    } else {
        Options::page(source)
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
    // Emptied first: it holds the message shown while the app loads, and what index.html shows
    // instead if the app cannot start.
    root.set_inner_html("");
    mount(root, options);
}
