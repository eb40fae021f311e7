//! Validation of `data/organizations.json`: what the data must hold, checked on the real file.
//! Most rules are checked twice on purpose: once through the core's loader (what the app does) and
//! once directly on the JSON, so that a bug in the loader cannot hide a bad entry.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{SystemTime, UNIX_EPOCH};

use atdir::core::{Dataset, Focus, Form, IsoDate, Kind, Level, Region, Vocabulary};
use serde_json::Value;

const DATA: &str = include_str!("../data/organizations.json");
const SCHEMA: &str = include_str!("../data/schema.json");

fn today() -> IsoDate {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    IsoDate::from_unix_days(i64::try_from(seconds / 86_400).expect("a plausible date"))
}

fn entries() -> Vec<Value> {
    serde_json::from_str(DATA).expect("organizations.json is a JSON array")
}

fn id_of(entry: &Value) -> &str {
    entry["id"].as_str().unwrap_or("<no id>")
}

#[test]
fn every_entry_loads_into_the_core_types_with_unknown_fields_rejected() {
    let data = Dataset::parse(DATA, today()).expect("the dataset loads");
    let problems: Vec<String> = data.problems().iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "entries that fail validation:\n{}",
        problems.join("\n")
    );
    assert!(
        data.len() >= 80,
        "the directory needs at least 80 entries, it has {}",
        data.len()
    );
}

#[test]
fn the_file_follows_its_json_schema() {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema.json is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema.json is a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&serde_json::from_str(DATA).expect("JSON"))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

/// The schema's enums must list exactly the values the Rust vocabularies accept.
#[test]
fn the_schema_vocabularies_match_the_types() {
    let schema: Value = serde_json::from_str(SCHEMA).expect("JSON");
    let properties = &schema["$defs"]["organization"]["properties"];
    fn slugs<V: Vocabulary>() -> Vec<String> {
        V::ALL.iter().map(|v| v.slug().to_owned()).collect()
    }
    let enum_of = |value: &Value| -> Vec<String> {
        let list = value
            .get("enum")
            .or_else(|| value["items"].get("enum"))
            .expect("an enum");
        serde_json::from_value(list.clone()).expect("a list of strings")
    };
    assert_eq!(enum_of(&properties["level"]), slugs::<Level>());
    assert_eq!(enum_of(&properties["kind"]), slugs::<Kind>());
    assert_eq!(enum_of(&properties["focus"]), slugs::<Focus>());
    assert_eq!(enum_of(&properties["forms"]), slugs::<Form>());
    assert_eq!(enum_of(&properties["regions"]), slugs::<Region>());
}

/// The schema's fields and required fields must be those the Rust types read: a field is required
/// by the types exactly when an entry without it fails to load.
#[test]
fn the_schema_fields_match_the_types() {
    let schema: Value = serde_json::from_str(SCHEMA).expect("JSON");
    let definition = &schema["$defs"]["organization"];
    let schema_fields: BTreeSet<String> = definition["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect();
    let schema_required: BTreeSet<String> =
        serde_json::from_value(definition["required"].clone()).expect("a list of names");

    // The fullest entry of the real data, with every optional field, stands for the type.
    let full = entries()
        .into_iter()
        .max_by_key(|e| e.as_object().map_or(0, |o| o.len()))
        .expect("at least one entry");
    let mut full = full.as_object().expect("an object").clone();
    for field in &schema_fields {
        full.entry(field.clone())
            .or_insert_with(|| match field.as_str() {
                "acronym" => Value::from("X"),
                "aliases" => serde_json::json!(["Y"]),
                "parent" => Value::from("united-nations"),
                "headquarters" => serde_json::json!({"city": "Geneva", "country": "CH"}),
                "founded" => Value::from(1950),
                "members" => serde_json::json!({"count": 1, "as_of": 2020}),
                "website" => Value::from("https://example.org"),
                _ => serde_json::json!([]),
            });
    }
    let loads = |object: &serde_json::Map<String, Value>| {
        serde_json::from_value::<atdir::core::Organization>(Value::Object(object.clone())).is_ok()
    };
    assert!(loads(&full), "an entry with every schema field loads");
    let mut required_by_types = BTreeSet::new();
    for field in &schema_fields {
        let mut without = full.clone();
        without.remove(field);
        if !loads(&without) {
            required_by_types.insert(field.clone());
        }
    }
    assert_eq!(required_by_types, schema_required);
    let mut extra = full.clone();
    extra.insert("not_a_field".into(), Value::from(1));
    assert!(
        !loads(&extra),
        "unknown fields are rejected by the types, as additionalProperties: false says"
    );
}

#[test]
fn ids_are_unique() {
    let all = entries();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for entry in &all {
        *counts.entry(id_of(entry)).or_default() += 1;
    }
    let repeated: Vec<&str> = counts
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(id, _)| id)
        .collect();
    assert!(repeated.is_empty(), "ids used more than once: {repeated:?}");
}

#[test]
fn every_parent_exists_and_no_chain_of_parents_loops() {
    let all = entries();
    let parents: HashMap<&str, &str> = all
        .iter()
        .filter_map(|e| Some((id_of(e), e.get("parent")?.as_str()?)))
        .collect();
    for (&child, &parent) in &parents {
        assert!(
            all.iter().any(|e| id_of(e) == parent),
            "{child}: parent \"{parent}\" does not exist"
        );
        let mut current = child;
        for _ in 0..all.len() {
            match parents.get(current) {
                Some(&next) => {
                    assert_ne!(
                        next, child,
                        "{child}: its chain of parents loops back to it"
                    );
                    current = next;
                }
                None => break,
            }
        }
    }
}

/// A search for an instrument's short name finds the entries that list it only if they all give it
/// that name: where one says "Palermo Protocol" and another "Trafficking in Persons Protocol", or
/// none, a search for either misses some of them.
#[test]
fn an_instrument_has_the_same_short_name_wherever_it_is_listed() {
    let all = entries();
    let mut short_names: HashMap<&str, BTreeSet<Option<&str>>> = HashMap::new();
    for instrument in all
        .iter()
        .filter_map(|e| e.get("instruments")?.as_array())
        .flatten()
    {
        let name = instrument["name"].as_str().unwrap_or_default();
        let short = instrument.get("short_name").and_then(Value::as_str);
        short_names.entry(name).or_default().insert(short);
    }
    let differing: Vec<_> = short_names
        .into_iter()
        .filter(|(_, shorts)| shorts.len() > 1)
        .collect();
    assert!(differing.is_empty(), "{differing:?}");
}

/// Every string under a `url` or `website` key anywhere in an entry.
fn urls(value: &Value, key: Option<&str>, out: &mut Vec<String>) {
    match value {
        Value::String(s) if matches!(key, Some("url" | "website")) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| urls(v, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| urls(v, Some(k), out)),
        _ => {}
    }
}

#[test]
fn every_url_is_https() {
    for entry in entries() {
        let mut found = Vec::new();
        urls(&entry, None, &mut found);
        for url in found {
            assert!(
                atdir::core::dataset::is_https_url(&url),
                "{}: \"{url}\" is not https",
                id_of(&entry)
            );
        }
    }
}

#[test]
fn years_lie_between_1800_and_this_year_and_no_date_is_in_the_future() {
    let today = today();
    for entry in entries() {
        let id = id_of(&entry);
        let mut years: Vec<u64> = ["founded"]
            .iter()
            .filter_map(|k| entry.get(*k)?.as_u64())
            .collect();
        years.extend(entry.get("members").and_then(|m| m["as_of"].as_u64()));
        for list in ["instruments", "publications"] {
            let items = entry
                .get(list)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            years.extend(items.iter().filter_map(|i| i.get("year")?.as_u64()));
        }
        for year in years {
            assert!(
                (1800..=u64::from(today.year)).contains(&year),
                "{id}: year {year}"
            );
        }
        let mut dates = vec![entry["last_verified"]
            .as_str()
            .unwrap_or_default()
            .to_owned()];
        let people = entry
            .get("people")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        dates.extend(
            people
                .iter()
                .map(|p| p["as_of"].as_str().unwrap_or_default().to_owned()),
        );
        for date in dates {
            let parsed: IsoDate = date.parse().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(parsed <= today, "{id}: {date} lies in the future");
        }
    }
}

#[test]
fn every_entry_has_a_source() {
    for entry in entries() {
        let count = entry
            .get("sources")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        assert!(count > 0, "{} has no source", id_of(&entry));
    }
}

#[test]
fn every_level_is_represented() {
    let data = Dataset::parse(DATA, today()).expect("loads");
    for &level in Level::ALL {
        let count = data.entries().iter().filter(|o| o.level == level).count();
        assert!(count >= 10, "only {count} entries at level {level}");
    }
}

/// Every body the seed documents in ../shared/seeds name (as the seed words it), and the actors users
/// expect that the seeds do not name.
const EXPECTED: &[(&str, &str)] = &[
    // Seed 000 (General Assembly remarks, 2008)
    ("International Labor Organization (ILO)", "ilo"),
    ("International Organization on Migration (IOM)", "iom"),
    ("United Nations Office on Drugs and Crime (UNDOC)", "unodc"),
    ("UNICEF", "unicef"),
    ("Interpol", "interpol"),
    ("General Assembly", "un-general-assembly"),
    // Seed 001 (OAS, World Economic Forum)
    ("United Nations", "united-nations"),
    ("Organization of American States", "oas"),
    ("World Economic Forum", "wef"),
    (
        "World Economic Forum's Meta Council on the Illicit Economy",
        "wef-council-illicit-economy",
    ),
    (
        "Global Agenda Council on Illicit Trade and Organized Crime",
        "wef-gac-illicit-trade",
    ),
    ("the OECD", "oecd"),
    ("ASEAN", "asean"),
    ("the AU", "african-union"),
    (
        "OAS Meeting of National Authorities on Trafficking in Persons",
        "oas-remtp",
    ),
    // Seed 002 (policing and monitoring)
    (
        "INTERPOL (International Criminal Police Organization)",
        "interpol",
    ),
    ("Europol", "europol"),
    ("Europol's European Migrant Smuggling Centre", "emsc"),
    ("Anti-Slavery International", "anti-slavery-international"),
    // Seed 003 (international and regional organizations)
    ("Secretary-General of the United Nations", "un-secretariat"),
    (
        "Special Representative for Children and Armed Conflict",
        "srsg-children-armed-conflict",
    ),
    (
        "Special Representative on Sexual Violence in Conflict",
        "srsg-sexual-violence-in-conflict",
    ),
    (
        "Special Representative on violence against children",
        "srsg-violence-against-children",
    ),
    (
        "Special Advisor for the Prevention of Genocide",
        "special-adviser-prevention-of-genocide",
    ),
    (
        "United Nations Human Rights Council (UNHRC)",
        "un-human-rights-council",
    ),
    (
        "Special Rapporteur on trafficking in persons, especially women and children",
        "sr-trafficking-in-persons",
    ),
    (
        "Special Rapporteur on contemporary forms of slavery",
        "sr-contemporary-slavery",
    ),
    (
        "Special Rapporteur on the sale and sexual exploitation of children",
        "sr-sale-of-children",
    ),
    (
        "Office of the High Commissioner for Human Rights (OHCHR)",
        "ohchr",
    ),
    (
        "United Nations High Commissioner for Refugees (UNHCR)",
        "unhcr",
    ),
    ("World Trade Organization (WTO)", "wto"),
    (
        "International Bank for Reconstruction and Development (IBRD)",
        "ibrd",
    ),
    ("World Health Organization (WHO)", "who"),
    ("UNESCO", "unesco"),
    ("Council of Europe", "council-of-europe"),
    ("GRETA", "greta"),
    ("Committee of the Parties", "coe-committee-of-the-parties"),
    ("European Court of Human Rights", "ecthr"),
    ("European Union (EU)", "european-union"),
    (
        "EU Anti-Trafficking Coordinator",
        "eu-anti-trafficking-coordinator",
    ),
    ("OSCE", "osce"),
    (
        "OSCE Special Representative and Coordinator for Combating Trafficking in Human Beings",
        "osce-cthb",
    ),
    (
        "Alliance against Trafficking in Persons",
        "alliance-against-trafficking-in-persons",
    ),
    ("The Commonwealth", "commonwealth"),
    ("EUROJUST", "eurojust"),
    // Seed 004 (IOM Director General)
    (
        "Director General of International Organization of Migration",
        "iom",
    ),
    // Expected although no seed names them
    ("ICAT", "icat"),
    ("Alliance 8.7", "alliance-8-7"),
    ("Frontex", "frontex"),
    ("AFRIPOL", "afripol"),
    ("ASEANAPOL", "aseanapol"),
    ("AMERIPOL", "ameripol"),
    ("ICMPD", "icmpd"),
    ("Bali Process", "bali-process"),
    ("Khartoum Process", "khartoum-process"),
    ("Rabat Process", "rabat-process"),
    ("Puebla Process", "regional-conference-on-migration"),
    ("COATNET", "coatnet"),
    ("Budapest Process", "budapest-process"),
    ("European Labour Authority", "european-labour-authority"),
    (
        "Special Rapporteur on the human rights of migrants",
        "sr-human-rights-of-migrants",
    ),
    ("Committee on Migrant Workers", "cmw-committee"),
    ("Colombo Process", "colombo-process"),
    ("The Salvation Army", "salvation-army"),
    ("Save the Children", "save-the-children"),
    ("ILO Committee of Experts (CEACR)", "ilo-ceacr"),
    (
        "Inter-American Court of Human Rights",
        "inter-american-court",
    ),
    ("ECOWAS Court of Justice", "ecowas-court"),
    ("Abu Dhabi Dialogue", "abu-dhabi-dialogue"),
    (
        "REDTRAM, the Ibero-American network of prosecutors",
        "redtram",
    ),
    ("MARRI, in the Western Balkans", "marri"),
    (
        "African Committee of Experts on the Rights and Welfare of the Child",
        "acerwc",
    ),
    ("International Trade Union Confederation", "ituc"),
    (
        "Declaration of Istanbul Custodian Group",
        "declaration-of-istanbul-custodian-group",
    ),
    ("Girls Not Brides", "girls-not-brides"),
    ("ECOWAS", "ecowas"),
    ("SADC", "sadc"),
    ("La Strada International", "la-strada-international"),
    ("GAATW", "gaatw"),
    ("ECPAT International", "ecpat-international"),
    ("Polaris", "polaris"),
    ("Walk Free", "walk-free"),
    ("Free the Slaves", "free-the-slaves"),
    (
        "International Justice Mission",
        "international-justice-mission",
    ),
];

#[test]
fn every_body_the_seeds_name_and_users_expect_is_present() {
    let ids: HashSet<String> = entries().iter().map(|e| id_of(e).to_owned()).collect();
    let missing: Vec<String> = EXPECTED
        .iter()
        .filter(|(_, id)| !ids.contains(*id))
        .map(|(name, id)| format!("{name} ({id})"))
        .collect();
    assert!(missing.is_empty(), "missing from the dataset: {missing:?}");
}

/// The seeds are partly outdated; the data must carry the corrected facts.
#[test]
fn seed_errors_are_corrected() {
    let data = Dataset::parse(DATA, today()).expect("loads");
    let org = |id: &str| data.get(id).unwrap_or_else(|| panic!("{id} is present"));
    assert_eq!(
        org("iom").level,
        Level::Un,
        "IOM is an intergovernmental organization, not an NGO"
    );
    assert_eq!(org("europol").level, Level::Policing);
    assert_eq!(org("eurojust").level, Level::Policing);
    let commonwealth = org("commonwealth")
        .members
        .expect("the Commonwealth's member count");
    assert!(
        commonwealth.count >= 56,
        "the Commonwealth has had 56 members since 2022, not 54"
    );
    let osce_people: Vec<&str> = org("osce-cthb")
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        !osce_people.contains(&"Valiant Richey"),
        "Valiant Richey no longer holds the OSCE post"
    );
}
