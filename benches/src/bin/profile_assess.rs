//! Runs one operation in a loop, for profilers (`perf record`, `valgrind --tool=callgrind`):
//! `profile_assess prepared|json|summary|full [N_ITEMS] [ITERATIONS]`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts allocations, to report allocations per operation.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

use sociale_bril::Ruleset;
use sociale_bril_benches::{Rng, Shape, generated_ruleset};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("prepared", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let iterations: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let rules = if n == 0 {
        Ruleset::default().expect("default ruleset")
    } else {
        generated_ruleset(n)
    };
    let shape = Shape::of(&rules);
    let texts: Vec<String> = (0..64)
        .map(|k| shape.proposal(k, &mut Rng::new(k)).to_string())
        .collect();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| rules.prepare_json(t).expect("valid"))
        .collect();
    let mut total = 0usize;
    let start = std::time::Instant::now();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for k in 0..iterations {
        let i = k % texts.len();
        total += match what {
            "prepared" => rules
                .assess_prepared(&prepared[i])
                .map(|a| a.items.len())
                .unwrap_or(0),
            "json" => rules
                .assess_json(&texts[i])
                .map(|a| a.items.len())
                .unwrap_or(0),
            "summary" => rules
                .assess_json(&texts[i])
                .map(|a| a.summary().to_json().len())
                .unwrap_or(0),
            "full" => rules
                .assess_json(&texts[i])
                .map(|a| serde_json::to_string(&a).map(|s| s.len()).unwrap_or(0))
                .unwrap_or(0),
            "parse" => serde_json::from_str::<sociale_bril::Proposal>(&texts[i])
                .map(|p| p.answers.len())
                .unwrap_or(0),
            _ => 0,
        };
    }
    black_box(total);
    if iterations > 0 {
        let allocs = ALLOCATIONS.load(Ordering::Relaxed) - before;
        eprintln!(
            "{what}: {:.2} µs and {:.1} allocations per operation",
            start.elapsed().as_secs_f64() * 1e6 / iterations as f64,
            allocs as f64 / iterations as f64
        );
    }
}
