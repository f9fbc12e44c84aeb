//! Load generator for `sociale-bril serve` (benches/server/run.sh starts the servers).
//!
//! Simulated editors work on shared assessments (two per assessment): each one, about every
//! `interval` ms, reads the assessment, thinks `think` ms, changes one answer and saves with
//! `If-Match`. A stale save (409) takes the current version from the answer, applies the same
//! change to it and saves again. Every acknowledged save is logged; afterwards the log is
//! replayed against the stored versions to prove that no update was lost.
//!
//! ```text
//! server_load --url http://127.0.0.1:8080[,http://127.0.0.1:8081] [--editors 200] [--seconds 60]
//!             [--interval-ms 2000] [--think-ms 200] [--pid PID[,PID]] [--json]
//! ```
//! Prints one JSON object: saves/s, p50/p99 of saves, conflicts, server RSS at 10 s and at the
//! end, and the replay's verdict. Exit status 1 when the replay finds a lost or wrong update.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Mutex;

/// Items whose answers the editors change (yes/partly/no items of the default ruleset).
const ITEMS: [&str; 6] = [
    "inclusie.doelgroepen-in-beeld",
    "inclusie.begrijpelijke-taal",
    "inclusie.discriminatie",
    "gemeenschapskracht.eigenaarschap",
    "gemeenschapskracht.aanvullend",
    "sociale-fysieke-leefomgeving.gebiedsgericht",
];
const ANSWERS: [&str; 4] = ["ja", "deels", "nee", "onbekend"];

struct Args {
    urls: Vec<String>,
    editors: usize,
    seconds: u64,
    interval_ms: u64,
    think_ms: u64,
    pids: Vec<u32>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        urls: vec!["http://127.0.0.1:8080".into()],
        editors: 200,
        seconds: 60,
        interval_ms: 2000,
        think_ms: 200,
        pids: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let num = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--url" => a.urls = value()?.split(',').map(str::to_string).collect(),
            "--editors" => a.editors = num(value()?)? as usize,
            "--seconds" => a.seconds = num(value()?)?,
            "--interval-ms" => a.interval_ms = num(value()?)?,
            "--think-ms" => a.think_ms = num(value()?)?,
            "--pid" => {
                a.pids = value()?
                    .split(',')
                    .map(|p| p.parse().map_err(|e| format!("--pid: {e}")))
                    .collect::<Result<_, _>>()?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

/// Resident memory of a process in KiB (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// A small pseudo-random generator (xorshift), seeded per editor, so runs are repeatable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One acknowledged save: which change produced which version.
#[derive(Clone, Debug)]
struct Acked {
    assessment: String,
    version: i64,
    item: &'static str,
    answer: &'static str,
    note: String,
}

#[derive(Default)]
struct Stats {
    save_ms: Vec<f64>,
    conflicts: u64,
    errors: u64,
    log: Vec<Acked>,
}

fn apply(proposal: &mut Value, item: &str, answer: &str, note: &str) {
    proposal["answers"][item] = json!({ "answer": answer, "note": note });
}

async fn session(c: &reqwest::Client, url: &str) -> Result<String, String> {
    let s: Value = c
        .get(format!("{url}/api/session"))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    s["csrf_token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "the server is not in single-user mode (no CSRF token)".into())
}

#[allow(clippy::too_many_arguments)]
async fn editor(
    n: usize,
    c: reqwest::Client,
    url: String,
    csrf: String,
    id: String,
    a: Arc<Args>,
    until: Instant,
    stats: Arc<Mutex<Stats>>,
) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((n as u64 + 1) * 0x1000_0001));
    // Spread the editors over the interval.
    tokio::time::sleep(Duration::from_millis(rng.below(a.interval_ms))).await;
    let mut seq = 0u64;
    while Instant::now() < until {
        let tick = Instant::now();
        let Ok(resp) = c.get(format!("{url}/api/assessments/{id}")).send().await else {
            stats.lock().await.errors += 1;
            continue;
        };
        let Ok(mut current) = resp.json::<Value>().await else {
            stats.lock().await.errors += 1;
            continue;
        };
        tokio::time::sleep(Duration::from_millis(a.think_ms)).await;
        seq += 1;
        let item = ITEMS[rng.below(ITEMS.len() as u64) as usize];
        let answer = ANSWERS[rng.below(ANSWERS.len() as u64) as usize];
        let note = format!("e{n}-{seq}");
        loop {
            let base = current["version"].as_i64().unwrap_or(0);
            let mut proposal = current["current"]["proposal"].clone();
            apply(&mut proposal, item, answer, &note);
            let start = Instant::now();
            let sent = c
                .put(format!("{url}/api/assessments/{id}"))
                .header("x-csrf-token", &csrf)
                .header("if-match", format!("\"{base}\""))
                .json(&proposal)
                .send()
                .await;
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let resp = match sent {
                Ok(r) => r,
                Err(e) => {
                    let mut s = stats.lock().await;
                    s.errors += 1;
                    if s.errors <= 5 {
                        eprintln!("save failed: {e}");
                    }
                    break;
                }
            };
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            let mut s = stats.lock().await;
            s.save_ms.push(ms);
            match status {
                200 => {
                    s.log.push(Acked {
                        assessment: id.clone(),
                        version: body["version"].as_i64().unwrap_or(0),
                        item,
                        answer,
                        note: note.clone(),
                    });
                    break;
                }
                409 if body["current"].is_object() => {
                    s.conflicts += 1;
                    current = body["current"].clone();
                }
                _ => {
                    s.errors += 1;
                    if s.errors <= 5 {
                        eprintln!("save answered {status}: {body}");
                    }
                    break;
                }
            }
        }
        let spent = tick.elapsed();
        let jitter = rng.below(a.interval_ms / 5 + 1);
        let wait = Duration::from_millis(a.interval_ms - a.interval_ms / 10 + jitter);
        tokio::time::sleep(wait.saturating_sub(spent)).await;
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Replays the log: every version of every assessment must be its predecessor with exactly
/// the logged change, and every acknowledged save must be a stored version.
async fn replay(c: &reqwest::Client, url: &str, log: &[Acked]) -> Result<usize, String> {
    let mut by: BTreeMap<&str, BTreeMap<i64, &Acked>> = BTreeMap::new();
    for e in log {
        if by
            .entry(e.assessment.as_str())
            .or_default()
            .insert(e.version, e)
            .is_some()
        {
            return Err(format!(
                "version {} of {} acknowledged twice",
                e.version, e.assessment
            ));
        }
    }
    let mut checked = 0;
    for (id, saves) in &by {
        let list: Value = c
            .get(format!("{url}/api/assessments/{id}/versions"))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let head = list[0]["number"].as_i64().unwrap_or(0);
        let fetch = |v: i64| {
            let c = c.clone();
            let u = format!("{url}/api/assessments/{id}/versions/{v}");
            async move {
                let v: Value = c
                    .get(u)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?
                    .json()
                    .await
                    .map_err(|e| e.to_string())?;
                Ok::<Value, String>(v["proposal"].clone())
            }
        };
        let mut expected = fetch(1).await?;
        for v in 2..=head {
            let Some(e) = saves.get(&v) else {
                return Err(format!(
                    "{id} v{v} is stored but no save of it was acknowledged"
                ));
            };
            apply(&mut expected, e.item, e.answer, &e.note);
            let stored = fetch(v).await?;
            if stored != expected {
                return Err(format!(
                    "{id} v{v} is not v{} with the change {} = {} ({})",
                    v - 1,
                    e.item,
                    e.answer,
                    e.note
                ));
            }
            checked += 1;
        }
        if let Some((v, _)) = saves.range(head + 1..).next() {
            return Err(format!("{id}: acknowledged v{v} is lost (head is v{head})"));
        }
    }
    Ok(checked)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let a = match args() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let c = reqwest::Client::builder()
        .pool_max_idle_per_host(a.editors)
        .build()
        .unwrap_or_default();
    let mut csrfs = Vec::new();
    for u in &a.urls {
        match session(&c, u).await {
            Ok(t) => csrfs.push(t),
            Err(e) => {
                eprintln!("error: {u}: {e}");
                return std::process::ExitCode::from(1);
            }
        }
    }
    let example = include_str!("../../../rules/sociale-bril/examples/snelfietsroute.json");
    let mut ids = Vec::new();
    for _ in 0..a.editors.div_ceil(2) {
        let r = c
            .post(format!("{}/api/assessments", a.urls[0]))
            .header("x-csrf-token", &csrfs[0])
            .header("content-type", "application/json")
            .body(example)
            .send()
            .await;
        match r.map(|r| {
            r.headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_string)
        }) {
            Ok(Some(loc)) => ids.push(loc.rsplit('/').next().unwrap_or_default().to_string()),
            _ => {
                eprintln!("error: could not create the assessments");
                return std::process::ExitCode::from(1);
            }
        }
    }
    eprintln!(
        "{} editors on {} assessments for {} s against {}",
        a.editors,
        ids.len(),
        a.seconds,
        a.urls.join(", ")
    );
    let stats: Arc<Mutex<Stats>> = Arc::default();
    let start = Instant::now();
    let until = start + Duration::from_secs(a.seconds);
    let mut tasks = Vec::new();
    for n in 0..a.editors {
        let k = n % a.urls.len();
        tasks.push(tokio::spawn(editor(
            n,
            c.clone(),
            a.urls[k].clone(),
            csrfs[k].clone(),
            ids[n / 2].clone(),
            a.clone(),
            until,
            stats.clone(),
        )));
    }
    let rss_at = |t: u64| {
        let pids = a.pids.clone();
        async move {
            tokio::time::sleep_until((start + Duration::from_secs(t)).into()).await;
            pids.iter().map(|p| rss_kib(*p).unwrap_or(0)).sum::<u64>()
        }
    };
    let rss10 = tokio::spawn(rss_at(10.min(a.seconds)));
    let rss_end = tokio::spawn(rss_at(a.seconds));
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let (rss10, rss_end) = (rss10.await.unwrap_or(0), rss_end.await.unwrap_or(0));
    let mut s = stats.lock().await;
    s.save_ms.sort_by(f64::total_cmp);
    let acked = s.log.len();
    let verdict = replay(&c, &a.urls[0], &s.log).await;
    let report = json!({
        "editors": a.editors,
        "servers": a.urls.len(),
        "seconds": elapsed,
        "acknowledged_saves": acked,
        "saves_per_second": acked as f64 / elapsed,
        "save_requests": s.save_ms.len(),
        "conflicts": s.conflicts,
        "conflict_percent": 100.0 * s.conflicts as f64 / s.save_ms.len().max(1) as f64,
        "errors": s.errors,
        "p50_ms": percentile(&s.save_ms, 0.50),
        "p99_ms": percentile(&s.save_ms, 0.99),
        "rss_10s_kib": rss10,
        "rss_end_kib": rss_end,
        "replay": match &verdict { Ok(n) => json!({"versions_checked": n, "lost_updates": 0}), Err(e) => json!({"error": e}) },
    });
    println!("{report}");
    if verdict.is_err() || s.errors > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
