//! Prepares what the module embeds, so that the WebAssembly binary does not carry a TOML parser
//! or a JSON Schema generator:
//!
//! - the default ruleset (`rules/sociale-bril`), compiled by the core at build time and embedded
//!   in its JSON form (`Ruleset.default()` compiles that; the content hash is the same);
//! - the generic JSON Schemas (`schema(kind)`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sociale_bril::schema::{SchemaKind, schema};

fn write(out: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::write(out.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules = manifest.join("..").join("rules").join("sociale-bril");
    println!("cargo:rerun-if-changed={}", rules.display());
    if let Ok(entries) = std::fs::read_dir(&rules) {
        for entry in entries.flatten() {
            println!("cargo:rerun-if-changed={}", entry.path().display());
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    let ruleset = sociale_bril::Ruleset::default()
        .map_err(|e| format!("the default ruleset (rules/sociale-bril) is invalid:\n{e}"))?;
    write(&out, "default_ruleset.json", &ruleset.to_json())?;
    for (kind, name) in SchemaKind::ALL {
        let text = serde_json::to_string(&schema(kind)).map_err(|e| e.to_string())?;
        write(&out, &format!("schema_{name}.json"), &text)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
