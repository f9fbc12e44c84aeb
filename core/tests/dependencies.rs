//! The core's normal dependencies stay the ones the README lists, so an embedder's build never
//! grows silently; `toml` stays behind its feature.

#![cfg(feature = "toml")]

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

/// The crates named in code spans in the README's sentence on the crate's dependencies.
fn readme_dependencies() -> Vec<String> {
    let readme = read("../README.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let start = readme
        .find("The crate's dependencies are")
        .expect("the README says which dependencies the crate has");
    let sentence = &readme[start..];
    let sentence = &sentence[..sentence.find(". ").unwrap_or(sentence.len())];
    let mut crates: Vec<String> = sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    crates.sort();
    crates.dedup();
    crates
}

#[test]
fn the_core_depends_on_exactly_what_the_readme_lists() {
    let manifest: toml::Table = toml::from_str(&read("Cargo.toml")).expect("Cargo.toml");
    let deps = manifest["dependencies"].as_table().expect("[dependencies]");
    let mut names: Vec<String> = deps.keys().cloned().collect();
    names.sort();
    assert_eq!(
        names,
        readme_dependencies(),
        "core/Cargo.toml [dependencies] and README.md differ"
    );
    assert_eq!(
        names,
        [
            "schemars",
            "serde",
            "serde_json",
            "sha2",
            "thiserror",
            "toml"
        ],
        "a new dependency of the core is a decision: update README.md and CHANGELOG.md with it"
    );
    assert_eq!(
        deps["toml"]["optional"].as_bool(),
        Some(true),
        "toml is behind its feature"
    );
    let features = manifest["features"].as_table().expect("[features]");
    assert_eq!(features["toml"].as_array().map(Vec::len), Some(1));
    assert_eq!(features["toml"][0].as_str(), Some("dep:toml"));
}
