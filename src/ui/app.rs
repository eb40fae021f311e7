//! The top level: load the data, then show the directory, the loading state or what went wrong.

use leptos::prelude::*;

use super::directory::Directory;
use super::load::LoadError;
use super::Options;

#[component]
pub fn App(options: Options) -> impl IntoView {
    let source = options.source.clone();
    let data = LocalResource::new(move || {
        let source = source.clone();
        async move { source.load().await }
    });
    let theme = options.theme.map(|t| t.slug());
    let header = (!options.compact).then(|| {
        view! {
            <header class="atd-header">
                <h1>"Anti-Trafficking Directory"</h1>
                <p class="atd-lede">
                    "The international organizations, agencies, mandates and networks that work against human trafficking, and what each of them does."
                </p>
            </header>
        }
    });
    let options = StoredValue::new(options);
    view! {
        // Set here as well as on the page's <html>: a partner's page may be in another language,
        // or written right to left.
        <div class="atd" data-theme=theme lang="en" dir="ltr">
            {header}
            <Suspense fallback=|| view! { <p class="atd-loading" role="status">"Loading the directory…"</p> }>
                {move || {
                    data.get().map(|result| match result {
                        Ok(loaded) => view! {
                            <Directory
                                data=loaded.data
                                fallback=loaded.fallback
                                retry=move || data.refetch()
                                options=options.get_value()
                            />
                        }
                        .into_any(),
                        Err(error) => view! { <LoadFailure error retry=move || data.refetch()/> }.into_any(),
                    })
                }}
            </Suspense>
        </div>
    }
}

/// What failed, where, and a way to try again: never a blank page.
#[component]
fn LoadFailure(error: LoadError, retry: impl Fn() + 'static) -> impl IntoView {
    let problems = error.problems().to_vec();
    view! {
        <main class="atd-main">
            <div class="atd-error" role="alert" aria-labelledby="atd-error-title">
                <h2 id="atd-error-title">"The directory could not be loaded"</h2>
                <p>{error.to_string()}</p>
                {(!problems.is_empty()).then(|| view! {
                    <ul class="atd-problems">
                        {problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                    </ul>
                })}
                <button type="button" class="atd-button" on:click=move |_| retry()>"Try again"</button>
            </div>
        </main>
    }
}
