//! The settings of a directory embedded on a partner's page, read from the `data-*` attributes of
//! its element (`<div data-atdir data-level="policing">`). A value that is not understood is
//! ignored and reported, never an error: the partner's page must keep working.

use super::filter::{Facet, Filters, SortOrder};

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
                "data-sort" => match SortOrder::from_slug(value.trim()) {
                    Some(sort) => settings.filters.sort = sort,
                    None => settings.warn(name, value.trim(), SortOrder::ALL.map(SortOrder::slug)),
                },
                "data-theme" => match value.trim() {
                    "light" => settings.theme = Some(Theme::Light),
                    "dark" => settings.theme = Some(Theme::Dark),
                    "" | "auto" => settings.theme = None,
                    other => settings.warn(name, other, ["light", "dark", "auto"]),
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
                self.warn(name, slug, known.iter().map(|(known_slug, _)| *known_slug));
            }
        }
    }

    /// Reports an ignored value and the values that `attribute` takes.
    fn warn<'v>(
        &mut self,
        attribute: &str,
        value: &str,
        expected: impl IntoIterator<Item = &'v str>,
    ) {
        let expected = expected.into_iter().collect::<Vec<_>>().join(", ");
        self.warnings.push(format!(
            "Anti-Trafficking Directory: ignored {attribute}=\"{value}\" (expected one of: {expected})"
        ));
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The two ways to show the view `filters` describes on a partner's page, for the directory hosted
/// at `base` (the folder URL, ending in `/`): the script embed and the iframe embed.
pub fn embed_snippets(filters: &Filters, base: &str) -> (String, String) {
    let mut element = String::from("<div data-atdir");
    let active = filters.active();
    for facet in Facet::ALL {
        let slugs: Vec<&str> = active
            .iter()
            .filter(|a| a.facet == facet)
            .map(|a| a.slug)
            .collect();
        if !slugs.is_empty() {
            element.push_str(&format!(" data-{}=\"{}\"", facet.key(), slugs.join(",")));
        }
    }
    if !filters.q.trim().is_empty() {
        element.push_str(&format!(" data-q=\"{}\"", attribute(filters.q.trim())));
    }
    if filters.sort != SortOrder::default() {
        element.push_str(&format!(" data-sort=\"{}\"", filters.sort.slug()));
    }
    if let Some(org) = &filters.org {
        element.push_str(&format!(" data-org=\"{}\"", attribute(org)));
    }
    let script = format!(
        "{element}></div>\n<script src=\"{}embed.js\" defer></script>",
        attribute(base)
    );

    let query = filters.to_query();
    let src = format!("{base}index.html?embed=1{}", query.replacen('?', "&", 1));
    let iframe = format!(
        "<iframe data-atdir-frame src=\"{}\" title=\"Anti-Trafficking Directory\" style=\"width: 100%; border: 0\"></iframe>\n\
         <script>\n\
         addEventListener('message', (event) => {{\n\
         \x20 if (!event.data || event.data.type !== 'atdir:height') return;\n\
         \x20 for (const frame of document.querySelectorAll('iframe[data-atdir-frame]')) {{\n\
         \x20   if (event.source !== frame.contentWindow) continue;\n\
         \x20   if (event.origin === new URL(frame.src, location.href).origin) frame.style.height = event.data.height + 'px';\n\
         \x20 }}\n\
         }});\n\
         </script>",
        attribute(&src)
    );
    (script, iframe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Choices, Focus, Level};

    #[test]
    fn presets_come_from_the_attributes() {
        let settings = EmbedSettings::from_attributes([
            ("data-atdir", ""),
            ("data-level", "policing, ngo"),
            ("data-focus", "monitoring"),
            ("data-q", "child"),
            ("data-sort", "founded"),
            ("data-compact", ""),
            ("data-theme", "dark"),
            ("data-src", " https://partner.example/data.json "),
            ("class", "widget"),
        ]);
        assert_eq!(
            settings.filters.levels,
            Choices::from([Level::Policing, Level::Ngo])
        );
        assert_eq!(settings.filters.focus, Choices::from([Focus::Monitoring]));
        assert_eq!(settings.filters.q, "child");
        assert_eq!(settings.filters.sort, SortOrder::Founded);
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
            ("data-sort", "newest"),
            ("data-compact", "false"),
        ]);
        assert_eq!(settings.filters.levels, Choices::from([Level::Un]));
        assert_eq!(settings.theme, None);
        assert!(!settings.compact);
        assert_eq!(settings.filters.sort, SortOrder::BestMatch);
        assert_eq!(settings.warnings.len(), 3);
        assert!(
            settings.warnings[0].contains("data-level=\"police\""),
            "{}",
            settings.warnings[0]
        );
        assert!(settings.warnings[0].contains("un, regional, policing, ngo"));
        assert!(settings.warnings[1].contains("data-theme=\"purple\""));
        assert!(
            settings.warnings[2].contains("data-sort=\"newest\"")
                && settings.warnings[2].contains("best, name, founded, level"),
            "{}",
            settings.warnings[2]
        );
    }

    #[test]
    fn snippets_carry_the_view_and_escape_what_they_quote() {
        let mut filters = Filters {
            q: "child \"labour\" <b>".into(),
            sort: SortOrder::Level,
            ..Filters::default()
        };
        filters.toggle(Facet::Level, "policing");
        filters.toggle(Facet::Level, "ngo");
        filters.toggle(Facet::Region, "europe");
        let (script, iframe) = embed_snippets(&filters, "https://partner.example/tools/directory/");
        assert_eq!(
            script,
            "<div data-atdir data-level=\"policing,ngo\" data-region=\"europe\" data-q=\"child &quot;labour&quot; &lt;b&gt;\" data-sort=\"level\"></div>\n\
             <script src=\"https://partner.example/tools/directory/embed.js\" defer></script>"
        );
        assert!(iframe.starts_with(
            "<iframe data-atdir-frame src=\"https://partner.example/tools/directory/index.html?embed=1&amp;q=child+%22labour%22+%3Cb%3E&amp;level=policing,ngo&amp;region=europe&amp;sort=level\""
        ), "{iframe}");
        assert!(iframe.contains("event.data.type !== 'atdir:height'"));
        // What the snippets say is what the embed reads back.
        let read = EmbedSettings::from_attributes([
            ("data-level", "policing,ngo"),
            ("data-region", "europe"),
            ("data-sort", "level"),
        ]);
        assert_eq!(
            (read.filters.levels, read.filters.regions, read.filters.sort),
            (filters.levels, filters.regions, filters.sort)
        );
        let (plain, _) = embed_snippets(&Filters::default(), "./");
        assert_eq!(
            plain,
            "<div data-atdir></div>\n<script src=\"./embed.js\" defer></script>"
        );
    }

    #[test]
    fn one_organization_and_no_attributes() {
        let settings = EmbedSettings::from_attributes([("data-org", "interpol")]);
        assert_eq!(settings.single.as_deref(), Some("interpol"));
        assert_eq!(EmbedSettings::from_attributes([]), EmbedSettings::default());
    }
}
