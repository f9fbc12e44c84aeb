//! Runs `sociale-bril batch` (release build) over 10k, 100k and 1M generated proposals fed
//! through standard input, and reports wall time, throughput and the peak resident memory of
//! each run, to show that throughput is flat and memory does not grow with the input.
//!
//! Usage: `batch_scaling [PATH-TO-sociale-bril] [OUT.json]` (defaults: target/release/sociale-bril,
//! target/bench-scaling.json). Linux only (peak memory from `wait4`).

use std::io::{BufWriter, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

use sociale_bril::Ruleset;
use sociale_bril_benches::Shape;

// The children are reaped with `wait4` (for their peak memory), which clippy does not see.
#[allow(clippy::zombie_processes)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "target/release/sociale-bril".into());
    let out_path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "target/bench-scaling.json".into());
    let rules = Ruleset::default().expect("the default ruleset");
    // A pool of distinct proposals, cycled with fresh ids.
    let pool = Shape::of(&rules).lines(2000, 11);
    let mut results = Vec::new();
    for n in [10_000usize, 100_000, 1_000_000] {
        let mut child = Command::new(&bin)
            .args(["batch", "-", "--output", "/dev/null", "--progress", "never"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
        let stdin = child.stdin.take().expect("stdin");
        let pool = pool.clone();
        let start = Instant::now();
        let feeder = std::thread::spawn(move || {
            let mut w = BufWriter::with_capacity(1 << 20, stdin);
            let mut bytes = 0usize;
            for k in 0..n {
                let line = &pool[k % pool.len()];
                bytes += line.len() + 1;
                if w.write_all(line.as_bytes())
                    .and_then(|()| w.write_all(b"\n"))
                    .is_err()
                {
                    break;
                }
            }
            let _ = w.flush();
            bytes
        });
        let pid = child.id() as libc::pid_t;
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value for the kernel to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child, with valid pointers to locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let secs = start.elapsed().as_secs_f64();
        let bytes = feeder.join().unwrap_or(0);
        assert!(
            r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "batch failed"
        );
        let peak_mib = usage.ru_maxrss as f64 / 1024.0;
        println!(
            "batch {n:>9} proposals: {secs:7.2} s, {:>8.0} proposals/s, {:6.1} MB/s in, peak RSS {peak_mib:6.1} MiB",
            n as f64 / secs,
            bytes as f64 / secs / 1e6
        );
        results.push(serde_json::json!({
            "proposals": n, "seconds": secs, "per_second": n as f64 / secs,
            "input_mb_per_second": bytes as f64 / secs / 1e6, "peak_rss_mib": peak_mib
        }));
    }
    let json = serde_json::Value::Array(results).to_string();
    std::fs::write(&out_path, json).unwrap_or_else(|e| panic!("cannot write {out_path}: {e}"));
}
