// Shared set-up of the browser tests: the static server, Debian's Chromium driven by
// playwright-core (scripts/chromium.mjs: headless, no sandbox, no background networking, a
// fresh profile), a record of every request the page makes, and the CLI for comparisons.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../../scripts/chromium.mjs";
import { startServer } from "../../scripts/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const WASM_DIR = resolve(here, "..", "..");
export const ROOT = resolve(WASM_DIR, "..");
export const ARTIFACTS = join(ROOT, "test-artifacts");

/** Starts the server and a fresh browser; `close()` stops both. */
export async function launch({ viewport = { width: 1400, height: 1000 } } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { server, url } = await startServer({ port: 0 });
  const origin = new URL(url).origin;
  const { context, dispose } = await launchChromium({ viewport, acceptDownloads: true, locale: "nl-NL" });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests = [];
  const errors = [];
  context.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return {
    url,
    origin,
    context,
    page,
    requests,
    errors,
    /** Requests to anything but the page's own origin (blob: and data: URLs are local). */
    external() {
      return requests.filter((u) => {
        if (u.startsWith("blob:") || u.startsWith("data:")) return false;
        try {
          return new URL(u).origin !== origin;
        } catch {
          return true;
        }
      });
    },
    async close() {
      await dispose();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Runs the sociale-bril CLI (SOCIALE_BRIL_CLI, or `cargo run -p sociale-bril-cli`). */
export function cli(args) {
  const bin = process.env.SOCIALE_BRIL_CLI;
  const [cmd, argv] = bin
    ? [bin, args]
    : ["cargo", ["run", "-q", "-p", "sociale-bril-cli", "--", ...args]];
  return execFileSync(cmd, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** The CLI's assessment of a proposal file. */
export function cliAssess(file) {
  return JSON.parse(cli(["assess", file]));
}

/** The checklist structure, from the CLI. */
export function cliQuestions(lang = "nl") {
  return JSON.parse(cli(["questions", "--lang", lang]));
}

/** A percentage as the app shows it. */
export function shownPercent(p, lang = "nl") {
  if (p === null) return "–";
  const n = new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1 }).format(p);
  return `${n}%`;
}

/** The results table as shown: {themeId: {percent, percentText, rating, completeness}}. */
export async function shownScores(page) {
  return page.$$eval("#score-table tr[data-theme]", (rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const cell = (f) => row.querySelector(`[data-field=${f}]`);
        const num = (f) => {
          const v = cell(f)?.getAttribute("data-value");
          return v === "" || v === null || v === undefined ? null : Number(v);
        };
        return [
          row.getAttribute("data-theme"),
          {
            percent: num("percent"),
            percentText: cell("percent")?.textContent ?? "",
            completeness: num("completeness"),
            completenessText: cell("completeness")?.textContent ?? "",
            rating: cell("rating")?.querySelector("[data-rating]")?.getAttribute("data-rating") ?? "",
          },
        ];
      }),
    ),
  );
}

/** Injects axe-core from node_modules and runs it for WCAG 2.1 A and AA. */
export async function axe(page) {
  const source = readFileSync(join(WASM_DIR, "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    }));
  });
}
