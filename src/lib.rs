//! The Anti-Trafficking Directory: a pure core ([`core`]) under a thin Leptos interface (`ui`, built
//! for the browser only).

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
