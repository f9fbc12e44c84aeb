// The re-assessment benchmark page (bench.html): with every item of the default ruleset
// answered, change one answer and re-assess, many times; report the median and spread.
// Run it with `node scripts/bench.mjs` (headless Chromium) or open /bench.html in a browser.

import init, { Ruleset } from "../../pkg/sociale_bril_wasm.js";
import type { Proposal, Question } from "../../pkg/sociale_bril_wasm.js";

interface Stats {
  runs: number;
  median_ms: number;
  p95_ms: number;
  mean_ms: number;
  min_ms: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return { runs: samples.length, median_ms: round(at(0.5)), p95_ms: round(at(0.95)), mean_ms: round(mean), min_ms: round(at(0)) };
}

/** Times `f` once per run, changing one answer before each call. */
function measure(runs: number, change: (i: number) => void, f: () => void): Stats {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    change(i);
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

async function main(): Promise<void> {
  const out = document.getElementById("results") as HTMLElement;
  await init({ module_or_path: new URL("./sociale_bril_wasm_bg.wasm", import.meta.url) });
  const t0 = performance.now();
  const rules = Ruleset.default();
  const loadMs = performance.now() - t0;
  const q = rules.questions("nl");
  const items: Question[] = q.themes.flatMap((t) => t.items);
  const answers: Record<string, string> = {};
  items.forEach((item, i) => {
    const scaleOptions = item.options.slice(0, -2); // without unknown and not_applicable
    answers[item.id] = scaleOptions[i % scaleOptions.length]?.id ?? "unknown";
  });
  const proposal: Proposal = {
    title: "Benchmark: alle vragen beantwoord",
    context: { instrument: "investment", citizens_affected: true, citizens_must_act: true, budget: 2_500_000 },
    answers,
  };
  const change = (i: number): void => {
    const item = items[i % items.length];
    if (!item) return;
    const options = item.options.slice(0, -2);
    answers[item.id] = options[(i + 1) % options.length]?.id ?? "unknown";
  };
  // Warm up (JIT of the glue, allocator growth).
  for (let i = 0; i < 300; i++) {
    change(i);
    rules.assess(proposal);
  }
  const runs = 3000;
  const result = {
    items: items.length,
    ruleset: `${rules.id} ${rules.version}`,
    load_default_ruleset_ms: Math.round(loadMs * 100) / 100,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    assess_object: measure(runs, change, () => rules.assess(proposal)),
    assess_canonical_text: measure(runs, change, () => rules.assessCanonical(proposal)),
    assess_json_text: measure(runs, change, () => rules.assess(JSON.stringify(proposal))),
  };
  out.textContent = JSON.stringify(result, null, 2);
  document.body.dataset.done = "true";
}

main().catch((e: unknown) => {
  const out = document.getElementById("results");
  if (out) out.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  document.body.dataset.done = "error";
});
