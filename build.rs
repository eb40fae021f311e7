//! Minifies the built-in copy of the dataset that the embed carries (see `src/ui/load.rs`). The
//! file itself stays readable for people.

use std::path::Path;
use std::{env, fs};

fn main() {
    let source = "data/organizations.json";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    // An invalid file is copied as it is: the app then reports exactly what is wrong with it.
    let minified = serde_json::from_str::<serde_json::Value>(&text)
        .and_then(|value| serde_json::to_string(&value))
        .unwrap_or(text);
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out).join("organizations.min.json"), minified)
        .expect("writing the minified data");
}
