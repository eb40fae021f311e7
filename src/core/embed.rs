//! The settings of a directory embedded on a partner's page, read from the `data-*` attributes of
//! its element (`<div data-atdir data-level="policing">`). A value that is not understood is
//! ignored and reported, never an error: the partner's page must keep working.

use super::filter::{Facet, Filters};

/// Light or dark, when the partner fixes it; otherwise the reader's `prefers-color-scheme` decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedSettings {
    /// The view to start with: facets and search from the attributes.
    pub filters: Filters,
    /// Show this one organization's card and nothing else.
    pub single: Option<String>,
    /// Results only: no header, search or facets.
    pub compact: bool,
    /// A dataset URL to fetch instead of the built-in data.
    pub src: Option<String>,
    pub theme: Option<Theme>,
    /// What was ignored, for the console.
    pub warnings: Vec<String>,
}

impl EmbedSettings {
    /// Reads the settings from an element's attributes, as (name, value) pairs.
    pub fn from_attributes<'a>(attributes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut settings = Self::default();
        for (name, value) in attributes {
            let facet = match name {
                "data-level" => Some(Facet::Level),
                "data-region" => Some(Facet::Region),
                "data-focus" => Some(Facet::Focus),
                "data-form" => Some(Facet::Form),
                _ => None,
            };
            if let Some(facet) = facet {
                settings.select(facet, name, value);
                continue;
            }
            match name {
                "data-q" => settings.filters.q = value.to_owned(),
                "data-org" => {
                    settings.single = Some(value.trim().to_owned()).filter(|id| !id.is_empty())
                }
                "data-compact" => settings.compact = !matches!(value.trim(), "false" | "no" | "0"),
                "data-src" => {
                    settings.src = Some(value.trim().to_owned()).filter(|src| !src.is_empty())
                }
                "data-theme" => match value.trim() {
                    "light" => settings.theme = Some(Theme::Light),
                    "dark" => settings.theme = Some(Theme::Dark),
                    "" | "auto" => settings.theme = None,
                    other => settings.warn(name, other, "light, dark, auto"),
                },
                _ => {}
            }
        }
        settings
    }

    /// Selects each comma-separated value of a facet attribute, reporting the ones it does not know.
    fn select(&mut self, facet: Facet, name: &str, value: &str) {
        let known = facet.values();
        for slug in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if known.iter().any(|(known_slug, _)| *known_slug == slug) {
                if !self.filters.is_selected(facet, slug) {
                    self.filters.toggle(facet, slug);
                }
            } else {
                let expected: Vec<&str> = known.iter().map(|(s, _)| *s).collect();
                self.warn(name, slug, &expected.join(", "));
            }
        }
    }

    fn warn(&mut self, attribute: &str, value: &str, expected: &str) {
        self.warnings.push(format!(
            "Anti-Trafficking Directory: ignored {attribute}=\"{value}\" (expected one of: {expected})"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Focus, Level};
    use std::collections::BTreeSet;

    #[test]
    fn presets_come_from_the_attributes() {
        let settings = EmbedSettings::from_attributes([
            ("data-atdir", ""),
            ("data-level", "policing, ngo"),
            ("data-focus", "monitoring"),
            ("data-q", "child"),
            ("data-compact", ""),
            ("data-theme", "dark"),
            ("data-src", " https://partner.example/data.json "),
            ("class", "widget"),
        ]);
        assert_eq!(
            settings.filters.levels,
            BTreeSet::from([Level::Policing, Level::Ngo])
        );
        assert_eq!(settings.filters.focus, BTreeSet::from([Focus::Monitoring]));
        assert_eq!(settings.filters.q, "child");
        assert!(settings.compact);
        assert_eq!(settings.theme, Some(Theme::Dark));
        assert_eq!(
            settings.src.as_deref(),
            Some("https://partner.example/data.json")
        );
        assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    }

    #[test]
    fn unknown_values_are_ignored_and_named() {
        let settings = EmbedSettings::from_attributes([
            ("data-level", "police,un"),
            ("data-theme", "purple"),
            ("data-compact", "false"),
        ]);
        assert_eq!(settings.filters.levels, BTreeSet::from([Level::Un]));
        assert_eq!(settings.theme, None);
        assert!(!settings.compact);
        assert_eq!(settings.warnings.len(), 2);
        assert!(
            settings.warnings[0].contains("data-level=\"police\""),
            "{}",
            settings.warnings[0]
        );
        assert!(settings.warnings[0].contains("un, regional, policing, ngo"));
        assert!(settings.warnings[1].contains("data-theme=\"purple\""));
    }

    #[test]
    fn one_organization_and_no_attributes() {
        let settings = EmbedSettings::from_attributes([("data-org", "interpol")]);
        assert_eq!(settings.single.as_deref(), Some("interpol"));
        assert_eq!(EmbedSettings::from_attributes([]), EmbedSettings::default());
    }
}
