//! Where the dataset comes from, and errors that say what failed and where.

use std::sync::Arc;

use crate::core::{Dataset, DatasetError, IsoDate};

/// The copy of the dataset that shipped with this build, compiled into the embed: a partner's page
/// has no copy of ours beside it. (Minified by `build.rs`.)
#[cfg(feature = "embed")]
const COMPILED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/organizations.min.json"));
/// How the page names the copy of the data that shipped with the build.
pub const BUILT_IN_ORIGIN: &str = "the built-in data";

/// Where an instance gets its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// A URL, relative to the page, fetched with gloo-net so a site can update the data without
    /// rebuilding; the built-in copy stands in when it fails.
    Fetch { url: String, built_in: BuiltIn },
    /// JSON text already in hand, named by `origin` in error messages.
    Inline { origin: String, json: String },
}

/// Where the copy of the data that shipped with this build is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuiltIn {
    /// A file published beside the app (`dist/data/built-in/`), fetched only when the site's data
    /// fails, so that a normal load does not download the data twice.
    Beside(String),
    /// Compiled into the wasm.
    #[cfg(feature = "embed")]
    Compiled,
}

impl DataSource {
    /// The hosted page's data: the site's copy, with the build's own copy beside it.
    pub fn hosted() -> Self {
        Self::Fetch {
            url: "data/organizations.json".to_owned(),
            built_in: BuiltIn::Beside("data/built-in/organizations.json".to_owned()),
        }
    }

    /// The built-in copy only.
    #[cfg(feature = "embed")]
    pub fn compiled() -> Self {
        Self::Inline {
            origin: BUILT_IN_ORIGIN.to_owned(),
            json: COMPILED_JSON.to_owned(),
        }
    }
}

impl BuiltIn {
    async fn load(&self) -> Result<Arc<Dataset>, LoadError> {
        match self {
            Self::Beside(url) => fetch(url).await,
            #[cfg(feature = "embed")]
            Self::Compiled => parse(BUILT_IN_ORIGIN, COMPILED_JSON),
        }
    }
}

/// Why loading failed, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{url} could not be reached ({cause}).")]
    Network { url: String, cause: String },
    #[error("{url} answered with HTTP status {status} {status_text}.")]
    Http {
        url: String,
        status: u16,
        status_text: String,
    },
    #[error("{url}: {error}.")]
    Data { url: String, error: DatasetError },
    /// The site's data failed, and so did the built-in copy that stands in for it: both are
    /// named, as a site that publishes without its data directory loses both.
    #[error("{site} The built-in copy failed too: {built_in}")]
    BuiltInFailedToo {
        site: Box<LoadError>,
        built_in: Box<LoadError>,
    },
}

impl LoadError {
    /// The entries named by a validation failure, to list under the message.
    pub fn problems(&self) -> &[crate::core::EntryProblem] {
        match self {
            Self::Data {
                error: DatasetError::NoValidEntries { problems },
                ..
            } => problems,
            Self::BuiltInFailedToo { site, built_in } => match site.problems() {
                [] => built_in.problems(),
                problems => problems,
            },
            _ => &[],
        }
    }
}

/// The data an instance shows, and, when it is the built-in copy standing in for a failed fetch,
/// why, so that the page can say so.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub data: Arc<Dataset>,
    pub fallback: Option<LoadError>,
}

/// Today's date in the browser, which bounds the years and dates in the data.
pub fn today() -> IsoDate {
    const MS_PER_DAY: f64 = 86_400_000.0;
    IsoDate::from_unix_days((js_sys::Date::now() / MS_PER_DAY).floor() as i64)
}

impl DataSource {
    pub async fn load(&self) -> Result<Loaded, LoadError> {
        let result = match self {
            Self::Fetch { url, built_in } => match fetch(url).await {
                Ok(data) => Ok(Loaded {
                    data,
                    fallback: None,
                }),
                Err(error) => {
                    leptos::logging::warn!("using the built-in data: {error}");
                    match built_in.load().await {
                        Ok(data) => Ok(Loaded {
                            data,
                            fallback: Some(error),
                        }),
                        Err(built_in) => Err(LoadError::BuiltInFailedToo {
                            site: Box::new(error),
                            built_in: Box::new(built_in),
                        }),
                    }
                }
            },
            Self::Inline { origin, json } => parse(origin, json).map(|data| Loaded {
                data,
                fallback: None,
            }),
        };
        if let Err(error) = &result {
            leptos::logging::error!("loading the directory failed: {error}");
        }
        result
    }
}

async fn fetch(url: &str) -> Result<Arc<Dataset>, LoadError> {
    if super::SINGLE_FILE {
        // Never asked for (the single file carries its data); this leaves the network code out.
        return Err(LoadError::Network {
            url: url.to_owned(),
            cause: "the single file fetches nothing".to_owned(),
        });
    }
    let network = |cause: gloo_net::Error| LoadError::Network {
        url: url.to_owned(),
        cause: cause.to_string(),
    };
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    // As bytes, not as a JS string: passing a string into wasm reserves three bytes per character
    // for its UTF-8, which at 100,000 entries is 440 MB for a 146 MB file.
    let bytes = response.binary().await.map_err(network)?;
    // Invalid UTF-8 becomes U+FFFD, as the browser's own text decoding would make it.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    parse(url, text)
}

fn parse(origin: &str, json: impl AsRef<str>) -> Result<Arc<Dataset>, LoadError> {
    Dataset::parse(json, today())
        .map(Arc::new)
        .map_err(|error| LoadError::Data {
            url: origin.to_owned(),
            error,
        })
}
