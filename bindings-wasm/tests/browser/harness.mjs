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

/** Waits until the app has started (the module is loaded and the first view drawn). */
export async function ready(page) {
  await page.waitForSelector("body[data-ready=true]");
}

/** The text of the newest message of a kind (`ok`, `info`, `warning`, `error`). */
export async function lastAlert(page, kind, timeout) {
  const el = page.locator(`#messages .utrecht-alert[data-kind=${kind}]`).last();
  await el.waitFor(timeout === undefined ? {} : { timeout });
  return el.innerText();
}

/** Clicks `trigger` and hands the file chooser that opens a file with `text` in it. */
export async function chooseFile(page, trigger, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click(trigger)]);
  await chooser.setFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
}

/**
 * Stores a proposal (canonical tokens) as a saved assessment, the way the app keeps one in
 * localStorage, and returns its id. `created` orders it on the start screen.
 */
export async function seedAssessment(page, proposal, { id, created } = {}) {
  const record = {
    format: 1,
    id: id ?? Math.random().toString(16).slice(2, 18).padEnd(16, "0"),
    created: created ?? new Date().toISOString(),
    updated: created ?? new Date().toISOString(),
    title: proposal.title ?? "",
    context: { ...(proposal.context ?? {}) },
    answers: {},
    notes: {},
  };
  for (const [item, answer] of Object.entries(proposal.answers ?? {})) {
    if (typeof answer === "string") record.answers[item] = answer;
    else {
      record.answers[item] = answer.answer;
      if (answer.note) record.notes[item] = answer.note;
    }
  }
  await page.evaluate((r) => localStorage.setItem(`sociale-bril/v1/assessment/${r.id}`, JSON.stringify(r)), record);
  return record.id;
}

/**
 * Every element matching `selector` whose box sticks out of the page or out of a box that clips
 * it (an ancestor with overflow other than visible), or whose own content is cut off. Each
 * problem names the element's text and by how many pixels. With `bullets`, a list item's bullet
 * (drawn outside its box, so not in any DOM box) counts as part of it: its width is measured by
 * moving the bullet inside for a moment and seeing how far the content shifts.
 */
export async function clippedBoxes(page, selector, { bullets = false } = {}) {
  return page.$$eval(
    selector,
    (els, bullets) => {
      const problems = [];
      const pageWidth = document.documentElement.clientWidth;
      for (const el of els) {
        if (!(el instanceof HTMLElement) && !(el instanceof SVGElement)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        // Text for screen readers only (clipped to nothing on purpose) is not looked at.
        let hiddenOnPurpose = false;
        for (let a = el; a; a = a.parentElement) if (getComputedStyle(a).clipPath === "inset(50%)") hiddenOnPurpose = true;
        if (hiddenOnPurpose) continue;
        const name = (el.textContent ?? "").trim().slice(0, 40);
        let left = r.left;
        const style = getComputedStyle(el);
        if (bullets && style.display === "list-item" && style.listStyleType !== "none" && style.listStylePosition === "outside" && el.firstChild) {
          const range = document.createRange();
          range.selectNodeContents(el.firstChild);
          const start = range.getBoundingClientRect().left;
          el.style.listStylePosition = "inside";
          const shifted = range.getBoundingClientRect().left;
          el.style.listStylePosition = "";
          left -= Math.max(0, shifted - start);
        }
        const clips = [{ left: 0, right: pageWidth, what: "the page" }];
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX !== "visible" || s.overflowY !== "visible") {
            const ar = a.getBoundingClientRect();
            clips.push({ left: ar.left + a.clientLeft, right: ar.left + a.clientLeft + a.clientWidth, what: a.className || a.tagName });
          }
        }
        for (const c of clips) {
          if (left < c.left - 0.5) problems.push(`${name}: ${Math.round(c.left - left)}px cut off on the left by ${c.what}`);
          if (r.right > c.right + 0.5) problems.push(`${name}: ${Math.round(r.right - c.right)}px cut off on the right by ${c.what}`);
        }
        if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "visible") {
          problems.push(`${name}: its content is ${el.scrollWidth - el.clientWidth}px wider than its box`);
        }
      }
      return problems;
    },
    bullets,
  );
}

/** How many pixels the page is wider than the window (0 or less: no sideways scrolling). */
export async function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
