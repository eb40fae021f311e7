//! The Leptos interface in a real browser (wasm-bindgen-test in headless Chromium): an instance
//! mounted with in-memory data renders, filters, reports bad data, and leaves the host page alone.
#![cfg(target_arch = "wasm32")]

use atdir::core::EmbedSettings;
use atdir::ui::{mount, DataSource, Options};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = r#"[
 {"id":"interpol","name":"International Criminal Police Organization","acronym":"INTERPOL","level":"policing","kind":"police-organization",
  "summary":"Police co-operation.","role":"Runs operations.","focus":["prosecution"],"regions":["global"],
  "sources":[{"url":"https://www.interpol.int","title":"INTERPOL"}],"last_verified":"2026-01-01"},
 {"id":"la-strada","name":"La Strada International","level":"ngo","kind":"network",
  "summary":"A network.","role":"Supports people.","focus":["protection"],"regions":["europe"],
  "sources":[{"url":"https://lastradainternational.org","title":"La Strada"}],"last_verified":"2026-01-01"}
]"#;

fn container() -> HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let element: HtmlElement = document
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element
}

fn options(json: &str, prefix: &str) -> Options {
    let source = DataSource::Inline {
        origin: "test data".into(),
        json: json.into(),
    };
    Options::isolated(EmbedSettings::default(), source, prefix.into())
}

/// Lets the reactive system and the browser catch up.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fires");
}

fn status_text(root: &HtmlElement) -> String {
    root.query_selector("[role=status]")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_instance_renders_filters_and_leaves_the_url_alone() {
    let root = container();
    let url_before = web_sys::window().unwrap().location().href().unwrap();
    mount(root.clone(), options(SAMPLE, "t1-"));
    settle().await;
    assert_eq!(status_text(&root), "2 of 2 organizations");

    let ngo: HtmlInputElement = root
        .query_selector("#t1-level-ngo")
        .unwrap()
        .expect("the NGO checkbox")
        .unchecked_into();
    ngo.click();
    settle().await;
    assert_eq!(status_text(&root), "1 of 2 organizations");
    let titles = root.query_selector_all("article h3").unwrap();
    assert_eq!(titles.length(), 1);
    assert_eq!(
        titles.get(0).and_then(|n| n.text_content()).as_deref(),
        Some("La Strada International")
    );
    assert_eq!(
        web_sys::window().unwrap().location().href().unwrap(),
        url_before
    );
}

#[wasm_bindgen_test]
async fn malformed_data_shows_where_it_failed() {
    let root = container();
    mount(root.clone(), options("[\n {\"id\": }", "t2-"));
    settle().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("The directory could not be loaded"), "{text}");
    assert!(
        text.contains("test data: the data is not valid JSON"),
        "{text}"
    );
    assert!(text.contains("line 2, column 9"), "{text}");
}
