//! The Leptos interface.
