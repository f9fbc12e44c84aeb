//! ARCHITECTURE.md stays true to the tree: every path it names exists.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `code spans` of a Markdown text that name a file or folder: with a `/`, or a file name
/// with an extension.
fn named_paths(markdown: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (k, span) in markdown.split('`').enumerate() {
        let looks_like_file = span.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && matches!(
                    ext,
                    "rs" | "md" | "py" | "ts" | "mjs" | "toml" | "json" | "sh" | "txt"
                )
        });
        let inside_code = k % 2 == 1;
        if inside_code
            && !span.contains([' ', '<', '>', '(', ':'])
            && (span.contains('/') || looks_like_file)
        {
            paths.push(span.to_string());
        }
    }
    paths
}

/// Whether a file of this name exists anywhere in `dir` (build output and dependencies aside).
fn somewhere(dir: &Path, name: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        let skip = p.file_name().is_some_and(|n| {
            n == "target" || n == "node_modules" || n.to_string_lossy().starts_with('.')
        });
        !skip && (p.file_name().is_some_and(|n| n == name) || (p.is_dir() && somewhere(&p, name)))
    })
}

#[test]
fn every_path_in_architecture_md_exists() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let paths = named_paths(&text);
    assert!(paths.len() > 40, "the paths are found: {paths:?}");
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| {
            if p.contains('/') {
                !root().join(p.trim_end_matches('/')).exists()
            } else {
                !somewhere(&root(), p)
            }
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn the_path_finder_finds_paths_and_only_paths() {
    let found =
        named_paths("see `core/src/lib.rs`, `Ruleset::render`, `groups.rs`, `MAX_ITEMS`, `web/`");
    assert_eq!(found, ["core/src/lib.rs", "groups.rs", "web/"]);
}
