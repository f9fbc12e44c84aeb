//! Criterion benchmarks of the core. Run all of them, and the memory/scaling run, with
//! `./scripts/bench.sh`, which also writes the figures into docs/performance.md.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use sociale_bril::{Proposal, Ruleset};
use sociale_bril_benches::{Rng, Shape, generated_ruleset};

fn compile(c: &mut Criterion) {
    c.bench_function("compile/default", |b| {
        b.iter(|| black_box(Ruleset::default()))
    });
    let json = Ruleset::default().unwrap().to_json();
    c.bench_function("compile/default-from-json", |b| {
        b.iter(|| black_box(Ruleset::from_json(&json)))
    });
}

fn example() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../rules/sociale-bril/examples/snelfietsroute.json"
    );
    std::fs::read_to_string(path).unwrap()
}

fn assess(c: &mut Criterion) {
    let rules = Ruleset::default().unwrap();
    let text = example();
    let prepared = rules.prepare_json(&text).unwrap();
    c.bench_function("assess/default/prepared", |b| {
        b.iter(|| black_box(rules.assess_prepared(&prepared)))
    });
    c.bench_function("assess/default/json", |b| {
        b.iter(|| black_box(rules.assess_json(&text)))
    });
    c.bench_function("assess/default/json+serialize", |b| {
        b.iter(|| black_box(serde_json::to_string(&rules.assess_json(&text).unwrap())))
    });
    c.bench_function("parse-only/default/json", |b| {
        b.iter(|| black_box(serde_json::from_str::<Proposal>(&text)))
    });
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling/items");
    for n in [10usize, 100, 1000] {
        let rules = generated_ruleset(n);
        let shape = Shape::of(&rules);
        let text = shape.proposal(1, &mut Rng::new(7)).to_string();
        let prepared = rules.prepare_json(&text).unwrap();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("{n}/prepared"), |b| {
            b.iter(|| black_box(rules.assess_prepared(&prepared)))
        });
        g.bench_function(format!("{n}/compile"), |b| {
            b.iter_batched(
                || rules.doc().clone(),
                |doc| black_box(Ruleset::from_doc(doc)),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

/// Batch throughput over JSON Lines on both cores, next to a baseline that only parses the same
/// lines into the proposal type. The batch side does what `sociale-bril batch` does per line:
/// decode, assess, write the output line.
fn batch(c: &mut Criterion) {
    let rules = Ruleset::default().unwrap();
    let lines = Shape::of(&rules).lines(10_000, 42);
    let mut g = c.benchmark_group("batch/10k");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.sample_size(20);
    g.bench_function("parse-only", |b| {
        b.iter(|| {
            lines
                .par_iter()
                .map(|l| {
                    serde_json::from_str::<Proposal>(l)
                        .map(|p| p.answers.len())
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    let run = |full: bool| {
        lines
            .par_iter()
            .enumerate()
            .map(|(k, l)| match rules.assess_json(l) {
                Ok(a) => {
                    let mut out = String::with_capacity(4096);
                    out.push_str("{\"line\":");
                    out.push_str(&(k + 1).to_string());
                    out.push_str(",\"assessment\":");
                    if full {
                        out.push_str(&serde_json::to_string(&a).unwrap_or_default());
                    } else {
                        a.summary().write_json(&mut out);
                    }
                    out.push_str("}\n");
                    out.len()
                }
                Err(e) => e.to_string().len(),
            })
            .sum::<usize>()
    };
    g.bench_function("assess", |b| b.iter(|| run(false)));
    g.bench_function("assess-full", |b| b.iter(|| run(true)));
    g.bench_function("assess-no-output", |b| {
        b.iter(|| {
            lines
                .par_iter()
                .map(|l| rules.assess_json(l).map(|a| a.items.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, compile, assess, scaling, batch);
criterion_main!(benches);
