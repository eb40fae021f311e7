//! Large, deterministic datasets for the benchmark, built from the real one so that text lengths and
//! facet distributions stay realistic: each generated entry copies the facets, the people and the
//! instruments of a real entry picked at random, and gets a new id, a new name, a new acronym and a
//! new summary and role of the same lengths, made of words drawn from the real names and texts.

use serde_json::{Map, Value};

/// SplitMix64: a tiny, well-mixed generator, so that the same seed gives the same data anywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn text_of<'a>(entry: &'a Value, field: &str) -> &'a str {
    entry.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// Every word of one field across the real entries, with repeats, so common words stay common.
fn words_of<'a>(real: &'a [Value], fields: &[&str]) -> Vec<&'a str> {
    real.iter()
        .flat_map(|entry| fields.iter().map(move |field| text_of(entry, field)))
        .flat_map(str::split_whitespace)
        .collect()
}

/// As many random words as `like` has, joined by spaces.
fn sentence(random: &mut Random, words: &[&str], like: &str) -> String {
    let count = like.split_whitespace().count().max(1);
    (0..count)
        .map(|_| *random.pick(words))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `count` organizations in the format of `data/organizations.json`, the same for the same input.
pub fn organizations(real: &[Value], count: usize) -> Result<Vec<Value>, String> {
    if real.is_empty() {
        return Err("the real dataset has no entries to build from".to_owned());
    }
    let name_words = words_of(real, &["name"]);
    let text_words = words_of(real, &["summary", "role"]);
    let mut random = Random(0x00A7_D1E5_2026);
    let kept = [
        "level",
        "kind",
        "headquarters",
        "founded",
        "focus",
        "forms",
        "regions",
        "people",
        "instruments",
        "last_verified",
    ];
    Ok((0..count)
        .map(|index| {
            let template = random.pick(real);
            let mut entry = Map::new();
            entry.insert("id".into(), format!("generated-{index:06}").into());
            let name = sentence(&mut random, &name_words, text_of(template, "name"));
            if template.get("acronym").is_some() {
                let initials: String = name
                    .split_whitespace()
                    .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
                    .flat_map(char::to_uppercase)
                    .collect();
                entry.insert("acronym".into(), initials.into());
            }
            entry.insert("name".into(), name.into());
            for field in ["summary", "role"] {
                let text = sentence(&mut random, &text_words, text_of(template, field));
                entry.insert(field.into(), format!("{text}.").into());
            }
            for field in kept {
                if let Some(value) = template.get(field) {
                    entry.insert(field.into(), value.clone());
                }
            }
            let first_source = template
                .get("sources")
                .and_then(Value::as_array)
                .and_then(|sources| sources.first())
                .cloned();
            entry.insert(
                "sources".into(),
                Value::Array(first_source.into_iter().collect()),
            );
            Value::Object(entry)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> Vec<Value> {
        let path = crate::root().join("data").join("organizations.json");
        let text = std::fs::read_to_string(path).expect("the dataset is readable");
        serde_json::from_str(&text).expect("the dataset is a list")
    }

    #[test]
    fn the_same_seed_gives_the_same_data_with_unique_ids() {
        let real = real();
        let first = organizations(&real, 500).expect("generated");
        assert_eq!(first, organizations(&real, 500).expect("generated"));
        let ids: std::collections::HashSet<&str> = first.iter().map(|e| text_of(e, "id")).collect();
        assert_eq!(ids.len(), 500);
    }

    #[test]
    fn facet_distribution_and_text_lengths_follow_the_real_data() {
        let real = real();
        let generated = organizations(&real, 5_000).expect("generated");
        let share = |entries: &[Value], level: &str| {
            entries
                .iter()
                .filter(|e| text_of(e, "level") == level)
                .count() as f64
                / entries.len() as f64
        };
        for level in ["un", "regional", "policing", "ngo"] {
            let (real_share, generated_share) = (share(&real, level), share(&generated, level));
            assert!(
                (real_share - generated_share).abs() < 0.03,
                "{level}: {real_share:.2} real, {generated_share:.2} generated"
            );
        }
        let mean_length = |entries: &[Value]| {
            entries
                .iter()
                .map(|e| text_of(e, "summary").len())
                .sum::<usize>() as f64
                / entries.len() as f64
        };
        let (real_length, generated_length) = (mean_length(&real), mean_length(&generated));
        assert!(
            (real_length - generated_length).abs() / real_length < 0.2,
            "summary length {real_length:.0} real, {generated_length:.0} generated"
        );
    }
}
