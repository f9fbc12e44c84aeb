//! Writes the figures of `scripts/bench.sh` into the "Core (Rust)" section of
//! docs/performance.md: criterion's estimates (target/criterion) and the batch scaling run
//! (target/bench-scaling.json), with ratios against the baselines measured in the same run.

use std::fmt::Write as _;
use std::path::Path;

fn estimate_ns(root: &Path, id: &str) -> Option<f64> {
    let path = root.join(id).join("new").join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let machine = args.get(1).cloned().unwrap_or_default();
    let root = Path::new("target/criterion");
    let get = |id: &str| estimate_ns(root, id);
    let mut s = String::new();
    let _ = writeln!(s, "Measured with `./scripts/bench.sh` on {machine}.\n");
    let _ = writeln!(s, "| benchmark | median | target | |");
    let _ = writeln!(s, "|---|---:|---:|---|");
    let row = |s: &mut String, name: &str, id: &str, target: Option<(f64, &str)>| {
        if let Some(ns) = get(id) {
            let (t, ok) = match target {
                Some((limit, label)) => (
                    label.to_string(),
                    if ns <= limit { "met" } else { "**missed**" },
                ),
                None => (String::new(), ""),
            };
            let _ = writeln!(s, "| {name} | {} | {t} | {ok} |", human(ns));
        }
    };
    row(
        &mut s,
        "compile the default ruleset (TOML → compiled)",
        "compile_default",
        Some((5e6, "≤ 5 ms")),
    );
    row(
        &mut s,
        "compile the default ruleset from its JSON form",
        "compile_default-from-json",
        None,
    );
    row(
        &mut s,
        "assess one pre-parsed proposal (default ruleset)",
        "assess_default_prepared",
        Some((5e3, "≤ 5 µs")),
    );
    row(
        &mut s,
        "assess one proposal from JSON text",
        "assess_default_json",
        None,
    );
    row(
        &mut s,
        "… and serialize the full assessment",
        "assess_default_json+serialize",
        None,
    );
    row(
        &mut s,
        "baseline: parse one proposal into `Proposal`",
        "parse-only_default_json",
        None,
    );

    let _ = writeln!(
        s,
        "\n**Batch throughput** (10,000 proposals of the default ruleset as JSON Lines, both cores, in process):\n"
    );
    let _ = writeln!(s, "| | median | proposals/s | ratio to parse-only |");
    let _ = writeln!(s, "|---|---:|---:|---:|");
    let base = get("batch_10k/parse-only");
    for (name, id) in [
        (
            "parse-only baseline (serde_json → `Proposal`)",
            "batch_10k/parse-only",
        ),
        (
            "batch: decode + assess + summary line (default output)",
            "batch_10k/assess",
        ),
        (
            "batch: decode + assess, no output",
            "batch_10k/assess-no-output",
        ),
        (
            "batch: decode + assess + full assessment (`--detail full`)",
            "batch_10k/assess-full",
        ),
    ] {
        if let (Some(ns), Some(b)) = (get(id), base) {
            let _ = writeln!(
                s,
                "| {name} | {} | {:.0} | {:.0}% |",
                human(ns),
                10_000.0 / (ns / 1e9),
                100.0 * b / ns
            );
        }
    }
    let _ = writeln!(
        s,
        "\nTarget: batch ≥ 70% of the parse-only baseline (default output).\n"
    );

    let _ = writeln!(
        s,
        "**Scaling with ruleset size** (generated rulesets, one pre-parsed proposal):\n"
    );
    let _ = writeln!(s, "| items | assess | per item | compile | per item |");
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|");
    for n in [10.0f64, 100.0, 1000.0] {
        let id = format!("scaling_items/{n}_prepared");
        let cid = format!("scaling_items/{n}_compile");
        if let (Some(a), Some(c)) = (get(&id), get(&cid)) {
            let _ = writeln!(
                s,
                "| {n} | {} | {} | {} | {} |",
                human(a),
                human(a / n),
                human(c),
                human(c / n)
            );
        }
    }

    if let Ok(text) = std::fs::read_to_string("target/bench-scaling.json") {
        if let Ok(serde_json::Value::Array(runs)) = serde_json::from_str::<serde_json::Value>(&text)
        {
            let _ = writeln!(
                s,
                "\n**`sociale-bril batch` end to end** (release build, JSON Lines through standard input, summary output to /dev/null):\n"
            );
            let _ = writeln!(
                s,
                "| proposals | time | proposals/s | input MB/s | peak RSS |"
            );
            let _ = writeln!(s, "|---:|---:|---:|---:|---:|");
            for r in runs {
                let _ = writeln!(
                    s,
                    "| {} | {:.2} s | {:.0} | {:.1} | {:.1} MiB |",
                    r["proposals"],
                    r["seconds"].as_f64().unwrap_or(0.0),
                    r["per_second"].as_f64().unwrap_or(0.0),
                    r["input_mb_per_second"].as_f64().unwrap_or(0.0),
                    r["peak_rss_mib"].as_f64().unwrap_or(0.0)
                );
            }
        }
    }

    let doc_path = Path::new("docs/performance.md");
    let doc = std::fs::read_to_string(doc_path).unwrap_or_default();
    let start_marker = "<!-- core figures: start -->";
    let end_marker = "<!-- core figures: end -->";
    let new = match (doc.find(start_marker), doc.find(end_marker)) {
        (Some(a), Some(b)) if a < b => format!("{}{start_marker}\n{s}{}", &doc[..a], &doc[b..]),
        _ => {
            eprintln!("docs/performance.md has no core figure markers; printing instead");
            println!("{s}");
            return;
        }
    };
    if let Err(e) = std::fs::write(doc_path, new) {
        eprintln!("cannot write docs/performance.md: {e}");
    }
    println!("{s}");
}
