// Browser tests of the checklist as a policy officer meets it (issue 14): the budget typed the
// Dutch way, nothing pre-selected, the result link, the layout at 1366×768 and on a 390×844
// phone, the clear button, the scale answers, the ways through a long checklist, the scores
// explained, importing a nearly valid file and one's own export again, undo after delete, the
// start list, removing everything, and print. Headless Chromium (Debian's) via playwright-core,
// against the built app in web/dist; every test sets up its own data in a fresh profile.
//
//   node --test tests/browser/officer.test.mjs   (scripts/test.sh builds first and sets SOCIALE_BRIL_CLI)

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import {
  ARTIFACTS,
  axe,
  chooseFile,
  clippedBoxes,
  cliAssess,
  cliQuestions,
  lastAlert,
  launch,
  ready,
  seedAssessment,
  sidewaysScroll,
} from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const OVERVECHT_FILE = join(here, "fixtures", "overvecht.json");
/** The proposal of the issue: a subsidy for tenants in Overvecht, 23 answers, 10 notes. */
const OVERVECHT = JSON.parse(readFileSync(OVERVECHT_FILE, "utf8"));
const questions = cliQuestions("nl");
const questionsEn = cliQuestions("en");
const assessed = cliAssess(OVERVECHT_FILE);
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** @type {Awaited<ReturnType<typeof launch>>} */
let b;
/** @type {import("playwright-core").Page} */
let page;

/** An empty browser profile's storage, on the start screen, in Dutch, at desktop size. */
async function fresh(viewport = DESKTOP) {
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize(viewport);
  await page.goto(b.url);
  await ready(page);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${b.url}#/`);
  await page.reload();
  await ready(page);
}

/** Stores a proposal as an assessment and opens it. */
async function openSeeded(proposal, options) {
  const id = await seedAssessment(page, proposal, options);
  await page.goto(`${b.url}#/a/${id}`);
  await page.reload();
  await ready(page);
  await page.waitForSelector("#checklist-form");
  return id;
}

async function stored(id) {
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`sociale-bril/v1/assessment/${id}`) ?? "null"), id);
}

async function storedAssessments() {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("sociale-bril/v1/assessment/"))
      .map((k) => JSON.parse(localStorage.getItem(k) ?? "null")),
  );
}

/** The focused element's question (data-item), if the focus is inside one. */
async function focusedQuestion() {
  return page.evaluate(() => document.activeElement?.closest(".sb-question")?.getAttribute("data-item") ?? null);
}

/** Whether an element's box is (at least partly) inside the window. */
async function inView(selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

/** Visible questions in page order, with whether they have an answer. */
async function questionStates() {
  return page.$$eval(".sb-question", (qs) =>
    qs
      .filter((q) => q.offsetParent !== null)
      .map((q) => ({
        id: q.getAttribute("data-item"),
        answer: q.querySelector("input[type=radio]:checked")?.getAttribute("value") ?? null,
      })),
  );
}

async function download(trigger) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(trigger)]);
  return file;
}

/**
 * Table cells whose content reaches out of the cell or the row (what follows would cover it),
 * and cells whose content lies over a neighbour's.
 */
async function overflowingRows(page, table) {
  return page.$$eval(`${table} tbody tr, ${table} tfoot tr`, (rows) =>
    rows.flatMap((row) => {
      const name = (el) => (el.textContent ?? "").trim().slice(0, 25);
      const bottom = row.getBoundingClientRect().bottom;
      const cells = [...row.children];
      const problems = cells
        .filter((cell) => cell.getBoundingClientRect().bottom > bottom + 1 || cell.scrollHeight > cell.clientHeight + 1)
        .map((cell) => `${name(row)}: ${name(cell)} sticks out`);
      // What each cell shows: its children's boxes (a badge can be wider than its cell).
      const boxes = cells.map((cell) => [cell, ...cell.querySelectorAll("*")].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0));
      for (let i = 0; i < cells.length; i++) {
        for (let j = i + 1; j < cells.length; j++) {
          const hit = boxes[i].some((a) => boxes[j].some((b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1));
          if (hit) problems.push(`${name(row)}: ${name(cells[i])} overlaps ${name(cells[j])}`);
        }
      }
      return problems;
    }),
  );
}

/** A screenshot of the window (as the user sees it) and of the whole page, into test-artifacts/. */
async function screenshots(name) {
  // A full page is some 25,000 pixels tall: it may take a while on a busy machine.
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), timeout: 60_000 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true, timeout: 60_000 });
}

const themeTitle = (id) => questions.themes.find((t) => t.id === id)?.title ?? id;
const nl = (n, decimals = 1) => new Intl.NumberFormat("nl-NL", { maximumFractionDigits: decimals }).format(n);

before(async () => {
  b = await launch({ viewport: DESKTOP });
  page = b.page;
  // What a test waits for is there at once or not at all; a missing element fails in seconds.
  page.setDefaultTimeout(15_000);
});

after(async () => {
  await b?.close();
});

describe("issue 14: wrong data, silently", () => {
  test("the budget typed the Dutch way (2.500.000) is read as 2,5 million, and what cannot be read is refused at the field", async () => {
    await fresh();
    const id = await openSeeded({ title: "Budget", context: {}, answers: {} });
    const field = page.locator("#ctx-budget");
    const error = page.locator("#ctx-budget-error");
    const type = async (text) => {
      await field.fill("");
      await field.click();
      await page.keyboard.type(text);
      await field.press("Tab");
      return (await stored(id)).context.budget;
    };
    // The Dutch way, as the core's number reader reads it (the CLI and Python read it the same).
    assert.equal(await type("2.500.000"), 2_500_000, "‘2.500.000’ is two and a half million");
    assert.equal(await error.isVisible(), false);
    assert.equal(await type("2.500.000,50"), 2_500_000.5);
    assert.equal(await type("2500000,50"), 2_500_000.5);
    assert.equal(await field.inputValue(), "2500000,50");
    // Not a number: refused at the field, the typed text stays to be corrected, the last good value is not replaced by a guess.
    assert.notEqual(await type("2,5,0"), 250);
    assert.ok(await error.isVisible(), "a message at the budget field");
    assert.ok((await error.innerText()).trim().length > 10, "the message says what to type");
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.match((await field.getAttribute("aria-describedby")) ?? "", /ctx-budget-error/);
    assert.equal(await field.inputValue(), "2,5,0", "the typed text stays in the field");
    // A plain number is read as it is, and the message goes away.
    assert.equal(await type("2500000"), 2_500_000);
    assert.equal(await error.isVisible(), false);
  });

  test("the yes/no context fields start with nothing selected; an unanswered field or question looks unanswered", async () => {
    await fresh();
    const id = await openSeeded({ title: "Niets gekozen", context: {}, answers: {} });
    const booleans = questions.context.filter((f) => f.type === "boolean");
    assert.ok(booleans.length >= 6, "the ruleset has the yes/no fields of the issue");
    for (const f of booleans) {
      const checked = await page.locator(`[data-field="${f.id}"] input[type=radio]:checked`).count();
      assert.equal(checked, 0, `‘${f.label}’ starts with an option selected`);
    }
    for (const q of await questionStates()) assert.equal(q.answer, null, `${q.id} starts answered`);
    // "Weet ik niet" chosen on purpose stays chosen, and the field can be made unanswered again.
    const field = booleans[0].id;
    const unknown = page.locator(`[data-field="${field}"] input[type=radio]`).last();
    await unknown.check();
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(`[data-field="${field}"] input[type=radio]:checked`).count(), 1, "‘Weet ik niet’ is kept");
    assert.equal(await page.locator(`[data-field="${field}"] input[type=radio]:checked`).getAttribute("value"), await unknown.getAttribute("value"));
    await page.check(`[data-field="${field}"] input[type=radio] >> nth=0`);
    assert.equal((await stored(id)).context[field], true);
    await page.click(`[data-field="${field}"] [data-action=clear-field]`);
    assert.equal(await page.locator(`[data-field="${field}"] input[type=radio]:checked`).count(), 0);
    assert.equal((await stored(id)).context[field], undefined, "a cleared field is unknown");
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(`[data-field="${field}"] input[type=radio]:checked`).count(), 0, "and stays unanswered");
  });
});

describe("issue 14: broken", () => {
  test("the ‘Resultaat ↓’ link at the top of an assessment goes to the results and stays in the assessment", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const url = page.url();
    await page.getByRole("link", { name: /^Resultaat/ }).first().click();
    await page.waitForTimeout(300);
    assert.equal(page.url(), url, "the address still opens the assessment");
    assert.equal(await page.locator("#checklist-form").count(), 1, "the assessment is still shown");
    assert.ok(await inView("#results-heading"), "the results heading is in view");
    // The skip link too stays in the assessment.
    await page.focus("#skip-link");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    assert.equal(page.url(), url, "the skip link keeps the address");
    assert.equal(await page.locator("#checklist-form").count(), 1);
  });

  test("at 1366×768 nothing scrolls sideways and no results-table cell or signal bullet is cut off", async () => {
    await fresh(DESKTOP);
    await seedAssessment(page, OVERVECHT);
    await page.reload();
    await ready(page);
    assert.ok((await sidewaysScroll(page)) <= 0, `the start page is ${await sidewaysScroll(page)}px too wide`);
    assert.deepEqual(await clippedBoxes(page, "#saved-assessments th, #saved-assessments td, .sb-start button"), []);
    await screenshots("desktop-1366-start");
    await page.click("#saved-assessments a");
    await page.waitForSelector("#checklist-form");
    assert.ok((await sidewaysScroll(page)) <= 0, `the checklist is ${await sidewaysScroll(page)}px too wide`);
    await page.locator("#score-table").scrollIntoViewIfNeeded();
    assert.deepEqual(await clippedBoxes(page, "#score-table th, #score-table td"), [], "results table cells");
    const [table, column] = await page.$eval("#score-table", (t) => [t.getBoundingClientRect().right, t.parentElement.getBoundingClientRect().right]);
    assert.ok(table <= column + 0.5, `the table runs ${Math.round(table - column)}px into what is beside it`);
    assert.ok((await page.locator("[data-signal]").count()) > 0, "the proposal has signals");
    assert.deepEqual(await clippedBoxes(page, "[data-signal], [data-signal] > *", { bullets: true }), [], "signal bullets");
    await screenshots("desktop-1366-checklist");
    await page.locator("#results-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "desktop-1366-results.png") });
  });

  test("on a 390×844 phone nothing scrolls sideways: start page, checklist, results table and signals", async () => {
    await fresh(PHONE);
    await seedAssessment(page, OVERVECHT);
    await page.reload();
    await ready(page);
    assert.ok((await sidewaysScroll(page)) <= 0, `the start page is ${await sidewaysScroll(page)}px wider than the phone`);
    assert.deepEqual(
      await clippedBoxes(page, ".sb-start p, .sb-start button, #saved-assessments td, #saved-assessments th"),
      [],
      "the intro, the buttons and the list fit",
    );
    assert.deepEqual(await overflowingRows(page, "#saved-assessments"), [], "every row holds its cells");
    await screenshots("phone-390-start");
    await page.click("#saved-assessments a");
    await page.waitForSelector("#checklist-form");
    assert.ok((await sidewaysScroll(page)) <= 0, `the checklist is ${await sidewaysScroll(page)}px wider than the phone`);
    assert.deepEqual(await clippedBoxes(page, "#score-table th, #score-table td"), [], "results table cells");
    assert.deepEqual(await overflowingRows(page, "#score-table"), [], "every row holds its cells");
    assert.deepEqual(await clippedBoxes(page, "[data-signal], [data-signal] > *", { bullets: true }), [], "signal bullets");
    assert.deepEqual(await clippedBoxes(page, ".sb-question label, .sb-toolbar button"), [], "questions and buttons");
    // A table laid out as blocks is still a table to a screen reader.
    const tree = await page.locator("#score-table").ariaSnapshot();
    assert.match(tree, /^- table/m);
    assert.match(tree, /- rowheader "Inclusie"/);
    assert.match(tree, /- cell/);
    await screenshots("phone-390-checklist");
    await page.locator("#results-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "phone-390-results.png") });
  });

  test("‘Antwoord wissen’ shows only on answered questions", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const states = await questionStates();
    assert.ok(states.some((q) => q.answer === null) && states.some((q) => q.answer !== null));
    for (const q of states) {
      const visible = await page.locator(`.sb-question[data-item="${q.id}"] [data-action=clear-answer]`).isVisible();
      assert.equal(visible, q.answer !== null, `${q.id}: ‘Antwoord wissen’ ${visible ? "shown" : "hidden"}, answer ${q.answer}`);
    }
    // Clearing hides it again.
    const answered = states.find((q) => q.answer !== null)?.id;
    await page.click(`.sb-question[data-item="${answered}"] [data-action=clear-answer]`);
    assert.equal(await page.locator(`.sb-question[data-item="${answered}"] [data-action=clear-answer]`).isVisible(), false);
  });

  test("scale answers do not put ‘Weet ik niet’ or ‘Niet van toepassing’ on a line with the scale", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      const shared = await page.$$eval(".sb-question", (qs) => {
        const problems = [];
        for (const q of qs) {
          if (q.offsetParent === null) continue;
          const box = (o) => o.getBoundingClientRect();
          const options = [...q.querySelectorAll("[data-option]")];
          const special = options.filter((o) => ["unknown", "not_applicable"].includes(o.getAttribute("data-option")));
          const scale = options.filter((o) => !special.includes(o));
          for (const s of special) {
            for (const o of scale) {
              const a = box(s);
              const c = box(o);
              if (a.top < c.bottom - 1 && c.top < a.bottom - 1) {
                problems.push(`${q.getAttribute("data-item")}: ‘${s.textContent}’ beside ‘${o.textContent}’`);
              }
            }
          }
        }
        return problems;
      });
      assert.deepEqual(shared, [], `at ${viewport.width}px`);
    }
  });
});

describe("issue 14: friction", () => {
  test("a contents list shows the progress per theme and its links stay in the assessment", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const url = page.url();
    const contents = page.locator("nav[data-role=contents]");
    await contents.waitFor();
    for (const t of assessed.themes) {
      const link = contents.locator(`a[data-theme="${t.id}"]`);
      const text = await link.innerText();
      assert.ok(text.includes(themeTitle(t.id)), `${t.id} is listed`);
      assert.match(text, new RegExp(`${t.answered}\\s+van\\s+${t.applicable}`), `${t.id} shows its progress: ${text}`);
    }
    const third = assessed.themes[2].id;
    await contents.locator(`a[data-theme="${third}"]`).click();
    await page.waitForTimeout(300);
    assert.equal(page.url(), url);
    assert.ok(await inView(`#theme-${third}`), "the theme's heading is in view");
    // Answering a question updates the progress in the list.
    const open = (await questionStates()).find((q) => q.answer === null && q.id.startsWith(`${third}.`));
    assert.ok(open, "an open question in the theme");
    await page.check(`.sb-question[data-item="${open.id}"] input[value=unknown]`);
    const t3 = assessed.themes[2];
    assert.match(await contents.locator(`a[data-theme="${third}"]`).innerText(), new RegExp(`${t3.answered}\\s+van\\s+${t3.applicable}`));
  });

  test("‘Volgende open vraag’ goes to the next unanswered question", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const url = page.url();
    const open = (await questionStates()).filter((q) => q.answer === null).map((q) => q.id);
    assert.ok(open.length >= 2);
    await page.locator("[data-action=next-unanswered]").first().click();
    assert.equal(await focusedQuestion(), open[0]);
    await page.check(`.sb-question[data-item="${open[0]}"] input[value=unknown]`);
    await page.locator("[data-action=next-unanswered]").first().click();
    assert.equal(await focusedQuestion(), open[1], "after answering it, the next one");
    assert.equal(page.url(), url);
  });

  test("the unanswered and ‘Weet ik niet’ counts are links to those questions", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const url = page.url();
    const gaps = page.locator("[data-field=gaps]");
    const unanswered = gaps.locator("a", { hasText: String(assessed.overall.unanswered) });
    await unanswered.first().click();
    const focused = await focusedQuestion();
    assert.ok(focused, "the focus is on a question");
    assert.equal((await questionStates()).find((q) => q.id === focused)?.answer, null, "an unanswered one");
    const unknown = gaps.locator("a", { hasText: String(assessed.overall.unknown) });
    await unknown.first().click();
    const focusedUnknown = await focusedQuestion();
    assert.equal((await questionStates()).find((q) => q.id === focusedUnknown)?.answer, "unknown", "one answered ‘Weet ik niet’");
    assert.equal(page.url(), url);
  });

  test("every improvement links to its question", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const url = page.url();
    const items = await page.$$eval(".sb-improvements li", (lis) => lis.map((li) => li.getAttribute("data-item")));
    assert.ok(items.length > 0);
    for (const item of items.slice(0, 3)) {
      await page.locator(`.sb-improvements li[data-item="${item}"] a`).first().click();
      assert.equal(await focusedQuestion(), item);
      assert.ok(await inView(`.sb-question[data-item="${item}"]`));
    }
    assert.equal(page.url(), url);
  });

  test("the results are reached without scrolling inside a box", async () => {
    await fresh(DESKTOP);
    await openSeeded(OVERVECHT);
    const boxes = await page.$eval("#results", (results) => {
      const found = [];
      const all = [results, ...results.querySelectorAll("*")];
      for (let a = results.parentElement; a; a = a.parentElement) all.push(a);
      for (const el of all) {
        const s = getComputedStyle(el);
        if (["auto", "scroll"].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && el !== document.documentElement && el !== document.body) {
          found.push(`${el.className || el.tagName}: ${el.scrollHeight}px in a ${el.clientHeight}px box`);
        }
      }
      return found;
    });
    assert.deepEqual(boxes, []);
  });

  test("explains the rating bands and ‘Kernvraag’ in visible text, not only in a hover tooltip", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    for (const r of questions.ratings.filter((r) => r.min !== null)) {
      const band = page.locator("#results", { hasText: r.description });
      assert.equal(await band.count(), 1, `‘${r.label}’ is explained`);
      assert.ok(await page.getByText(r.description, { exact: false }).first().isVisible(), `‘${r.description}’ is visible`);
    }
    const critical = questions.themes.flatMap((t) => t.items).find((q) => q.critical);
    const badge = page.locator(`.sb-question[data-item="${critical.id}"] .sb-critical-badge`);
    const target = (await badge.getAttribute("aria-describedby")) ?? ((await badge.locator("a").getAttribute("href").catch(() => null)) ?? "").replace(/^#/, "");
    assert.ok(target, "the badge points at an explanation");
    const explanation = page.locator(`[id="${target}"]`);
    assert.ok(await explanation.isVisible(), "the explanation is visible without hovering");
    assert.match(await explanation.innerText(), /kernvraag/i);
    assert.ok((await explanation.innerText()).length > 40);
  });

  test("gives a gain as percentage points of its theme", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    for (const imp of assessed.improvements.slice(0, 5)) {
      const theme = assessed.themes.find((t) => t.id === imp.theme);
      const pp = nl((100 * imp.gain) / theme.max);
      const text = await page.locator(`.sb-improvements li[data-item="${imp.item}"]`).innerText();
      assert.ok(text.includes(themeTitle(imp.theme)), `${imp.item} names its theme: ${text}`);
      assert.match(text, new RegExp(`${pp.replace(/[.,]/g, "\\$&")}\\s+procentpunt`), `${imp.item}: +${pp} procentpunten: ${text}`);
    }
  });

  test("a bar's colour follows its score, not its rating label", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const bars = await page.$$eval(".sb-chart [data-theme]", (gs) =>
      gs.map((g) => [g.getAttribute("data-theme"), getComputedStyle(g.querySelector(".sb-chart__bar")).fill]),
    );
    const bands = questions.ratings.filter((r) => r.min !== null).sort((x, y) => y.min - x.min);
    const band = (p) => bands.find((r) => p >= r.min)?.id;
    const percent = Object.fromEntries(assessed.themes.map((t) => [t.id, t.percent]));
    for (const [a, fa] of bars) {
      for (const [c, fc] of bars) {
        if (a >= c || percent[a] === null || percent[c] === null) continue;
        const same = band(percent[a]) === band(percent[c]);
        assert.equal(fa === fc, same, `${a} (${percent[a]}%, ${fa}) and ${c} (${percent[c]}%, ${fc})`);
      }
    }
  });

  test("an empty assessment's main button is not an export, and the import button says it makes a new assessment", async () => {
    await fresh();
    await page.click("[data-action=new]");
    await page.waitForSelector("#checklist-form");
    const primary = await page.$$eval("#view .utrecht-button--primary-action", (bs) =>
      bs.filter((x) => x.offsetParent !== null).map((x) => `${x.getAttribute("data-action")}: ${x.textContent}`),
    );
    assert.ok(!primary.some((p) => p.startsWith("export")), `main button: ${primary.join(", ")}`);
    assert.match(await page.locator("#view [data-action=import]").innerText(), /nieuwe beoordeling/i);
  });

  test("confirms an export", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    const file = await download("[data-action=export-json]");
    const message = await lastAlert(page, "ok");
    assert.ok(message.includes(file.suggestedFilename()), `the message names the file: ${message}`);
  });
});

describe("issue 14: importing", () => {
  /** The proposal with a budget typed as text and one answer from an older ruleset. */
  const nearlyValid = () =>
    JSON.stringify({
      ...OVERVECHT,
      context: { ...OVERVECHT.context, budget: "2.500.000" },
      answers: { ...OVERVECHT.answers, "inclusie.oude-vraag": { answer: "ja", note: "Uit de vorige versie." } },
    });

  test("a nearly valid file: plain errors in the interface language, then imports what is valid and sets the rest aside visibly", async () => {
    await fresh();
    await chooseFile(page, "[data-action=import]", "bijna-goed.json", nearlyValid());
    const message = page.locator("#messages .utrecht-alert").last();
    await message.waitFor();
    const text = await message.innerText();
    assert.doesNotMatch(text, /\/context\/|\/answers\/|needs a|not a string|unknown item|expected/i, `plain Dutch: ${text}`);
    assert.match(text, /Budget/, "names the field by its label");
    assert.match(text, /2\.500\.000/, "shows the value");
    assert.match(text, /inclusie\.oude-vraag|vraag die/i, "names the stale answer");
    assert.equal((await storedAssessments()).length, 0, "nothing imported without asking");
    await page.click("[data-action=import-valid]");
    await page.waitForSelector("#checklist-form");
    const [a] = await storedAssessments();
    assert.equal(a.title, OVERVECHT.title);
    assert.equal(Object.keys(a.answers).length, Object.keys(OVERVECHT.answers).length, "every valid answer came along");
    assert.equal(a.context.budget, undefined);
    const aside = page.locator("[data-role=set-aside-values]");
    assert.ok(await aside.isVisible(), "the set-aside values are shown in the assessment");
    assert.match(await aside.innerText(), /Budget[\s\S]*2\.500\.000/);
    assert.match(await aside.innerText(), /inclusie\.oude-vraag/);
    assert.match(await aside.innerText(), /Uit de vorige versie/, "with its note");

    // In English the same import speaks English.
    await page.goto(`${b.url}#/`);
    await page.click("#lang-switch");
    await chooseFile(page, "[data-action=import]", "nearly-valid.json", nearlyValid());
    const en = await page.locator("#messages .utrecht-alert").last().innerText();
    assert.match(en, /Budget/);
    assert.doesNotMatch(en, /\/context\/|needs a|niet|wordt/i, `plain English: ${en}`);
    await page.click("#lang-switch");
  });

  test("re-importing one's own export says so and offers to replace it or keep both", async () => {
    await fresh();
    const id = await openSeeded(OVERVECHT);
    const file = join(ARTIFACTS, "overvecht-export.json");
    await (await download("[data-action=export-json]")).saveAs(file);
    const exported = readFileSync(file, "utf8");
    // Change the original a little, then import the export again.
    await page.check(`.sb-question[data-item="sociaal-dna.borging"] input[value=yes]`);
    await chooseFile(page, "[data-action=import]", "overvecht-export.json", exported);
    const message = page.locator("#messages .utrecht-alert").last();
    await message.waitFor();
    assert.match(await message.innerText(), new RegExp(OVERVECHT.title));
    assert.match(await message.innerText(), /bestaat al|al een beoordeling/i);
    assert.equal((await storedAssessments()).length, 1, "nothing imported without asking");

    await page.click("[data-action=import-keep-both]");
    await page.waitForSelector("#checklist-form");
    const both = await storedAssessments();
    assert.equal(both.length, 2);
    assert.notEqual(both[0].title, both[1].title, "the two can be told apart");

    await chooseFile(page, "[data-action=import]", "overvecht-export.json", exported);
    await page.click("[data-action=import-replace]");
    await page.waitForSelector("#checklist-form");
    const after = await storedAssessments();
    assert.equal(after.length, 2, "replaced, not added");
    const original = after.find((x) => x.id === id);
    assert.equal(original?.answers["sociaal-dna.borging"], "no", "the original holds the file's answers again");
    writeFileSync(join(ARTIFACTS, "overvecht-replaced.json"), JSON.stringify(original, null, 2));
  });
});

describe("issue 14: the start list", () => {
  test("a deleted assessment comes back with undo; the delete button looks different", async () => {
    await fresh();
    const id = await seedAssessment(page, OVERVECHT);
    await seedAssessment(page, { title: "Tweede voorstel", context: {}, answers: {} });
    await page.reload();
    await ready(page);
    const row = page.locator(`#saved-assessments tr[data-id="${id}"]`);
    const style = (sel) =>
      row.locator(sel).evaluate((el) => {
        const s = getComputedStyle(el);
        return `${s.backgroundColor} ${s.color} ${s.borderColor}`;
      });
    assert.notEqual(await style("[data-action=delete]"), await style("[data-action=duplicate]"), "delete has its own style");
    const before = await stored(id);
    await row.locator("[data-action=delete]").click();
    const confirm = row.locator("[data-action=confirm-delete]");
    if (await confirm.count()) await confirm.click();
    await page.waitForSelector(`#saved-assessments tr[data-id="${id}"]`, { state: "detached" });
    assert.equal(await stored(id), null);
    await page.locator("#messages [data-action=undo]").click();
    await page.waitForSelector(`#saved-assessments tr[data-id="${id}"]`);
    assert.deepEqual(await stored(id), before, "everything is back");
  });

  test("the list keeps its order after rename, duplicate and work on an assessment", async () => {
    await fresh();
    const ids = [];
    for (const [i, title] of ["Alpha", "Bravo", "Charlie"].entries()) {
      ids.push(await seedAssessment(page, { title, context: {}, answers: {} }, { created: `2026-0${i + 1}-01T10:00:00.000Z` }));
    }
    await page.reload();
    await ready(page);
    const order = () => page.$$eval("#saved-assessments tbody tr", (rs) => rs.map((r) => r.getAttribute("data-id")));
    const first = await order();
    const bravo = page.locator(`#saved-assessments tr[data-id="${ids[1]}"]`);
    await bravo.locator("[data-action=rename]").click();
    await bravo.locator("input[type=text]").fill("Bravo, hernoemd");
    await bravo.locator("input[type=text]").press("Enter");
    await page.waitForSelector("#saved-assessments >> text=Bravo, hernoemd");
    assert.deepEqual(await order(), first, "a rename does not move it");
    await page.locator(`#saved-assessments tr[data-id="${ids[0]}"] [data-action=duplicate]`).click();
    const withCopy = await order();
    assert.deepEqual(withCopy.filter((x) => first.includes(x)), first, "a duplicate moves no other row");
    await page.click(`#open-${ids[0]}`);
    await page.waitForSelector("#checklist-form");
    await page.locator(".sb-question input[type=radio]").first().check();
    await page.goto(`${b.url}#/`);
    await ready(page);
    assert.deepEqual(await order(), withCopy, "work on an assessment does not move it");
  });

  test("damaged data set aside is labelled with the assessment's title", async () => {
    await fresh();
    await page.evaluate(() => {
      localStorage.setItem("sociale-bril/v1/assessment/0a0a", JSON.stringify({ format: 1, id: "0a0a", title: "Subsidie Overvecht", context: 5 }));
      localStorage.setItem("sociale-bril/v1/assessment/0b0b", '{"format": 1, "id": "0b0b", "created": "2026-01-01", "title": "Kapot voorstel", "cont');
    });
    await page.reload();
    await ready(page);
    const items = await page.$$eval("#set-aside li", (lis) => lis.map((li) => li.textContent ?? ""));
    assert.equal(items.length, 2);
    assert.ok(items.some((t) => t.includes("Subsidie Overvecht")), items.join(" | "));
    assert.ok(items.some((t) => t.includes("Kapot voorstel")), items.join(" | "));
  });

  test("removes everything the app keeps in this browser, after offering to export first", async () => {
    await fresh();
    await seedAssessment(page, OVERVECHT);
    await seedAssessment(page, { title: "Tweede voorstel", context: {}, answers: {} });
    await page.evaluate(() => localStorage.setItem("sociale-bril/v1/set-aside/x", "{kapot"));
    await page.reload();
    await ready(page);
    await page.click("[data-action=remove-all]");
    const offers = page.locator("[data-action=export-before-remove]");
    assert.equal(await offers.count(), 2, "an export per assessment is offered");
    const file = await download("[data-action=export-before-remove] >> nth=0");
    const exported = JSON.parse(readFileSync(await file.path(), "utf8"));
    assert.ok(typeof exported.title === "string" && exported.answers, "the export is a proposal");
    await page.click("[data-action=confirm-remove-all]");
    await page.waitForSelector("[data-role=empty]");
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sociale-bril/")));
    assert.deepEqual(left, [], "nothing of the app is left in this browser");
    assert.match(await lastAlert(page, "ok"), /verwijderd/);
  });
});

describe("issue 14: print", () => {
  test("print opens with the proposal's details and a short summary, then the theme results, then the answered questions with notes, compactly", async () => {
    await fresh();
    await openSeeded(OVERVECHT);
    await page.emulateMedia({ media: "print" });
    const top = (sel) => page.$eval(sel, (el) => el.getBoundingClientRect().top + window.scrollY).catch(() => null);
    const details = await top("[data-role=print-details]");
    const summary = await top("[data-role=print-summary]");
    const table = await top("#score-table");
    const firstAnswered = await page.$$eval(".sb-question", (qs) =>
      Math.min(...qs.filter((q) => q.offsetParent !== null).map((q) => q.getBoundingClientRect().top + window.scrollY)),
    );
    assert.ok(details !== null && summary !== null, "details and summary are printed");
    assert.ok(details < summary && summary < table && table < firstAnswered, `order: ${details}, ${summary}, ${table}, ${firstAnswered}`);
    const detailsText = await page.innerText("[data-role=print-details]");
    for (const label of ["Subsidie", "Ontwerp", "Mensen met een laag inkomen", "Een wijk of kern", "Utrecht Overvecht"]) {
      assert.ok(detailsText.includes(label), `the details name ${label}`);
    }
    assert.match(detailsText, /2\.500\.000/, "the budget the Dutch way");
    const summaryText = await page.innerText("[data-role=print-summary]");
    assert.ok(summaryText.includes(questions.themes[0].items.find((q) => q.id === "inclusie.fysieke-toegankelijkheid").question), "the critical failure");
    // Only answered questions, and only notes that have text.
    const printed = await questionStates();
    assert.equal(printed.length, Object.keys(OVERVECHT.answers).length, "the answered questions");
    assert.ok(printed.every((q) => q.answer !== null));
    const notes = await page.$$eval(".sb-note-field, .sb-note-print", (els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => (e instanceof HTMLTextAreaElement ? e.value : e.textContent ?? "").trim()),
    );
    const withNote = Object.values(OVERVECHT.answers).filter((a) => typeof a === "object").length;
    assert.equal(notes.filter((n) => n.length > 0).length, withNote, "every note is printed");
    assert.equal(await page.locator(".sb-note-field:visible").count(), 0, "no empty note boxes (no form fields)");
    await page.screenshot({ path: join(ARTIFACTS, "print-overvecht.png"), fullPage: true, timeout: 60_000 });
    const pdf = await page.pdf({ format: "A4", path: join(ARTIFACTS, "print-overvecht.pdf") });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages <= 5, `print is ${pages} A4 pages (the issue found 16)`);
    await page.emulateMedia({ media: "screen" });
  });
});

describe("issue 14: accessibility of the new parts", () => {
  test("passes axe-core (WCAG 2.1 A and AA) with the contents list, the import choice, undo and remove-all, on desktop and phone", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await fresh(viewport);
      await openSeeded(OVERVECHT);
      assert.deepEqual(await axe(page), [], `checklist at ${viewport.width}px`);
      await chooseFile(page, "[data-action=import]", "bijna.json", JSON.stringify({ ...OVERVECHT, context: { budget: "veel" } }));
      await page.locator("#messages .utrecht-alert").last().waitFor();
      assert.deepEqual(await axe(page), [], `import choice at ${viewport.width}px`);
      await page.goto(`${b.url}#/`);
      await ready(page);
      const row = page.locator("#saved-assessments tbody tr").first();
      await row.locator("[data-action=delete]").click();
      const confirm = row.locator("[data-action=confirm-delete]");
      if (await confirm.count()) await confirm.click();
      await page.locator("#messages [data-action=undo]").waitFor();
      assert.deepEqual(await axe(page), [], `undo message at ${viewport.width}px`);
      await page.click("#messages [data-action=undo]");
      await page.click("[data-action=remove-all]");
      assert.deepEqual(await axe(page), [], `remove-all at ${viewport.width}px`);
    }
  });

  test("made no request outside its own origin and logged no errors", async () => {
    assert.deepEqual(b.external(), []);
    assert.deepEqual(b.errors, []);
  });
});
