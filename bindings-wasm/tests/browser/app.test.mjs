// Browser tests of the checklist app: headless Chromium (Debian's), driven by playwright-core,
// against the built app in web/dist. They run in order and share one fresh browser profile:
// later tests use the checklist the first one fills in.
//
//   node --test tests/browser/app.test.mjs   (scripts/test.sh builds first and sets SOCIALE_BRIL_CLI)

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  ARTIFACTS,
  axe,
  chooseFile,
  cliAssess,
  cliQuestions,
  lastAlert,
  launch,
  ready as appReady,
  shownPercent,
  shownScores,
} from "./harness.mjs";

/** @type {Awaited<ReturnType<typeof launch>>} */
let b;
/** @type {import("playwright-core").Page} */
let page;
const questions = cliQuestions("nl");
const questionsEn = cliQuestions("en");
const allItems = questions.themes.flatMap((t) => t.items);
let checklistUrl = "";
let exportedFile = "";

const ready = () => appReady(page);

async function savedCount() {
  return page.evaluate(
    () => Object.keys(localStorage).filter((k) => k.startsWith("sociale-bril/v1/assessment/")).length,
  );
}

/** The answers shown as checked: {itemId: token}. */
async function shownAnswers() {
  return page.$$eval(".sb-question", (qs) =>
    Object.fromEntries(
      qs
        .map((q) => [q.getAttribute("data-item"), q.querySelector("input[type=radio]:checked")?.value])
        .filter(([, v]) => v !== undefined),
    ),
  );
}

async function exportProposal(name) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("[data-action=export-json]"),
  ]);
  const file = join(ARTIFACTS, name);
  await download.saveAs(file);
  return file;
}

const importFile = (name, text) => chooseFile(page, "[data-action=import]", name, text);

/** A full-page screenshot into test-artifacts/. A tall page is captured by resizing the
 * viewport, so the sticky contents list and the off-screen skip link are pinned for it. */
async function screenshot(name) {
  const pin = (on) =>
    page.evaluate((on) => {
      const contents = document.querySelector(".sb-contents");
      if (contents instanceof HTMLElement) contents.style.position = on ? "static" : "";
      const skip = document.getElementById("skip-link");
      if (skip) skip.style.display = on ? "none" : "";
    }, on);
  await pin(true);
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  await pin(false);
}

const alertText = (kind) => lastAlert(page, kind);

function compareWithCli(shown, cli) {
  for (const theme of cli.themes) {
    const s = shown[theme.id];
    assert.ok(s, `theme ${theme.id} is shown`);
    assert.equal(s.percent, theme.percent, `${theme.id} percent`);
    assert.equal(s.percentText, shownPercent(theme.percent), `${theme.id} percent as shown`);
    assert.equal(s.rating, theme.rating, `${theme.id} rating`);
    assert.equal(s.completeness, theme.completeness, `${theme.id} completeness`);
  }
  assert.equal(shown.overall.percent, cli.overall.percent, "overall percent");
  assert.equal(shown.overall.rating, cli.overall.rating, "overall rating");
}

before(async () => {
  b = await launch();
  page = b.page;
});

after(async () => {
  await b?.close();
});

describe("the checklist app", () => {
  test("starts on an empty start screen in Dutch", async () => {
    await page.goto(b.url);
    await ready();
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    assert.match(await page.innerText("h1"), /Uw beoordelingen/);
    assert.equal(await savedCount(), 0);
    await page.waitForSelector("[data-role=empty]");
  });

  test("fills in a checklist from scratch", async () => {
    await page.click("[data-action=new]");
    await page.waitForSelector("#checklist-form");
    checklistUrl = page.url();
    await page.fill("#field-title", "Snelfietsroute Utrecht–Amersfoort");
    // Every context field the ruleset declares is in the form.
    for (const field of questions.context) {
      assert.equal(await page.locator(`[data-field="${field.id}"]`).count(), 1, `context field ${field.id}`);
    }
    const has = (id) => questions.context.some((f) => f.id === id);
    if (has("policy_area")) await page.selectOption("#ctx-policy_area", "mobility");
    if (has("instrument")) await page.selectOption("#ctx-instrument", "investment");
    if (has("phase")) await page.selectOption("#ctx-phase", "design");
    if (has("citizens_affected")) await page.check("#ctx-citizens_affected--true");
    if (has("citizens_must_act")) await page.check("#ctx-citizens_must_act--false");
    if (has("target_groups")) {
      await page.check("#ctx-target_groups--everyone");
      await page.check("#ctx-target_groups--elderly");
    }
    if (has("budget")) await page.fill("#ctx-budget", "24000000");
    if (has("location")) await page.fill("#ctx-location", "Utrecht–Amersfoort");

    // Every theme has its section, and every applicable question its answer choices,
    // including "Weet ik niet" and "Niet van toepassing".
    for (const theme of questions.themes) {
      assert.equal(await page.locator(`section[data-theme="${theme.id}"]`).count(), 1);
    }
    const visible = await page.$$eval(".sb-question:not([hidden])", (qs) => qs.map((q) => q.getAttribute("data-item")));
    assert.ok(visible.length > 0);
    for (const [i, id] of visible.entries()) {
      const item = allItems.find((it) => it.id === id);
      assert.ok(item, `question ${id} is in the ruleset`);
      const labels = await page.$$eval(`.sb-question[data-item="${id}"] label.utrecht-form-label--radio`, (ls) =>
        ls.map((l) => l.textContent),
      );
      assert.ok(labels.includes("Weet ik niet") && labels.includes("Niet van toepassing"), `${id} has both`);
      // Answer: mostly scale options, one "unknown", one "not applicable".
      const scale = item.options.slice(0, -2);
      const token = i === 1 ? "unknown" : i === 2 ? "not_applicable" : scale[i % scale.length].id;
      await page.check(`.sb-question[data-item="${id}"] input[value="${token}"]`);
    }
    await page.fill(`textarea[id="q-${visible[0]}-note"]`, "Doelgroepenanalyse van maart <b>niet vet</b>");
    // Results follow every answer.
    const shown = await shownScores(page);
    assert.ok(shown.overall.completeness > 0);
    const improvements = await page.locator(".sb-improvements li").count();
    assert.ok(improvements > 0, "ranked improvements are shown");
    assert.ok((await page.locator(".sb-improvements li p").nth(1).innerText()).length > 0, "with advice");
    await screenshot("checklist-filled.png");
  });

  test("shows the same theme scores as the CLI for the exported proposal", async () => {
    exportedFile = await exportProposal("exported-proposal.json");
    const proposal = JSON.parse(readFileSync(exportedFile, "utf8"));
    assert.equal(proposal.title, "Snelfietsroute Utrecht–Amersfoort");
    assert.ok(Object.keys(proposal.answers).length > 0);
    const cli = cliAssess(exportedFile);
    compareWithCli(await shownScores(page), cli);
    // The same signals and the same ranked improvements, in the same order.
    const signals = await page.$$eval("[data-signal]", (els) => els.map((e) => e.getAttribute("data-signal")));
    assert.deepEqual(signals, cli.signals.map((x) => x.id));
    const ranked = await page.$$eval(".sb-improvements li", (els) =>
      els.map((e) => [Number(e.getAttribute("data-rank")), e.getAttribute("data-item")]),
    );
    assert.deepEqual(ranked, cli.improvements.map((x) => [x.rank, x.item]));
    // The note went out with its answer.
    const withNote = Object.values(proposal.answers).find((a) => typeof a === "object");
    assert.equal(withNote?.note, "Doelgroepenanalyse van maart <b>niet vet</b>");
  });

  test("keeps everything after a reload", async () => {
    const before = {
      title: await page.inputValue("#field-title"),
      answers: await shownAnswers(),
      scores: await shownScores(page),
      instrument: await page.inputValue("#ctx-instrument").catch(() => ""),
    };
    await page.reload();
    await ready();
    assert.equal(page.url(), checklistUrl);
    assert.equal(await page.inputValue("#field-title"), before.title);
    assert.deepEqual(await shownAnswers(), before.answers);
    assert.deepEqual(await shownScores(page), before.scores);
    assert.equal(await page.inputValue("#ctx-instrument").catch(() => ""), before.instrument);
    const notes = await page.$$eval("textarea.sb-note", (ts) => ts.map((t) => t.value).filter(Boolean));
    assert.deepEqual(notes, ["Doelgroepenanalyse van maart <b>niet vet</b>"]);
    // A closed tab loses nothing either: open the checklist in a new tab, close the old one.
    const tab = await b.context.newPage();
    await page.close();
    page = tab;
    page.on("pageerror", (e) => b.errors.push(e.message));
    await page.goto(checklistUrl);
    await ready();
    assert.equal(await page.inputValue("#field-title"), before.title);
    assert.deepEqual(await shownAnswers(), before.answers);
  });

  test("hides questions that stop applying and keeps their answers", async () => {
    const proposal = JSON.parse(readFileSync(exportedFile, "utf8"));
    const field = questions.context.find((f) => f.id === "instrument");
    assert.ok(field, "the ruleset has an instrument field");
    // Find an instrument that excludes an answered question, using the CLI (not the app).
    let choice = null;
    let dropped = [];
    for (const option of field.options) {
      const file = join(ARTIFACTS, "context-probe.json");
      writeFileSync(file, JSON.stringify({ ...proposal, context: { ...proposal.context, instrument: option.id } }));
      const a = cliAssess(file);
      dropped = a.items.filter((i) => i.status === "excluded" && i.answer !== null).map((i) => i.id);
      if (dropped.length > 0) {
        choice = option.id;
        break;
      }
    }
    assert.ok(choice, "some instrument drops an answered question");
    const answersBefore = await shownAnswers();
    await page.selectOption("#ctx-instrument", choice);
    for (const id of dropped) {
      assert.equal(await page.locator(`.sb-question[data-item="${id}"]`).isHidden(), true, `${id} is hidden`);
    }
    await page.selectOption("#ctx-instrument", "investment");
    for (const id of dropped) {
      assert.equal(await page.locator(`.sb-question[data-item="${id}"]`).isVisible(), true, `${id} is back`);
    }
    assert.deepEqual(await shownAnswers(), answersBefore, "no answer was lost");
  });

  test("reports a broken or foreign import and keeps the current work", async () => {
    const count = await savedCount();
    const title = await page.inputValue("#field-title");
    await importFile("kapot.json", '{\n  "title": "Kapot",\n  "answers": {\n');
    const broken = await alertText("error");
    assert.match(broken, /kapot\.json/);
    assert.match(broken, /geen geldige JSON \(regel \d+, kolom \d+\)/);

    await importFile("package.json", JSON.stringify({ name: "iets-anders", version: "1.0.0" }));
    assert.match(await alertText("error"), /geen voorstel voor de sociale bril/);

    // A file with an answer this ruleset does not have: said in plain words, and nothing is
    // imported unless the officer asks for the rest.
    await importFile("onbekend.json", JSON.stringify({ title: "x", answers: { "bestaat.niet": "ja" } }));
    const invalid = await alertText("warning");
    assert.match(invalid, /bestaat\.niet/);
    assert.doesNotMatch(invalid, /\/answers\//, "no JSON pointer");
    await page.click("#messages [data-action=import-cancel]");
    assert.match(await alertText("info"), /niets geïmporteerd/);

    assert.equal(await savedCount(), count);
    assert.equal(page.url(), checklistUrl);
    assert.equal(await page.inputValue("#field-title"), title);
  });

  test("exports and re-imports the same proposal", async () => {
    const scores = await shownScores(page);
    const answers = await shownAnswers();
    const count = await savedCount();
    // With a byte order mark, as some Windows editors write it.
    await importFile("exported-proposal.json", `\uFEFF${readFileSync(exportedFile, "utf8")}`);
    // The title is taken: keep both, and the copy gets a number.
    await page.click("#messages [data-action=import-keep-both]");
    await page.waitForURL((u) => u.toString() !== checklistUrl);
    await ready();
    assert.match(await alertText("ok"), /geïmporteerd/);
    assert.equal(await savedCount(), count + 1);
    assert.equal(await page.inputValue("#field-title"), "Snelfietsroute Utrecht–Amersfoort (2)");
    assert.deepEqual(await shownAnswers(), answers);
    assert.deepEqual(await shownScores(page), scores);
    // Exporting again gives the same proposal, under its new title.
    const again = JSON.parse(readFileSync(await exportProposal("re-exported-proposal.json"), "utf8"));
    const original = JSON.parse(readFileSync(exportedFile, "utf8"));
    assert.deepEqual(again, { ...original, title: "Snelfietsroute Utrecht–Amersfoort (2)" });
  });

  test("says which notes an export leaves out, and keeps them", async () => {
    // A note on a question without an answer has no place in the proposal format.
    const id = await page.$eval(".sb-question:not([hidden]) input[type=radio]:checked", (r) =>
      r.closest(".sb-question")?.getAttribute("data-item"),
    );
    assert.ok(id, "an answered question is shown");
    const token = (await shownAnswers())[id];
    await page.click(`.sb-question[data-item="${id}"] [data-action=clear-answer]`);
    await page.fill(`textarea[id="q-${id}-note"]`, "Nog navragen bij het team");
    const file = await exportProposal("exported-without-note.json");
    const exported = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(exported.answers[id], undefined, "the unanswered item is not exported");
    const warning = await alertText("warning");
    assert.match(warning, /zonder één notitie/);
    const question = allItems.find((it) => it.id === id)?.question;
    assert.ok(question && warning.includes(question), "the warning names the question");
    // The note is still there after a reload; answering the question takes it into the export.
    await page.reload();
    await ready();
    assert.equal(await page.inputValue(`textarea[id="q-${id}-note"]`), "Nog navragen bij het team");
    await page.check(`.sb-question[data-item="${id}"] input[value="${token}"]`);
    const again = JSON.parse(readFileSync(await exportProposal("exported-with-note.json"), "utf8"));
    assert.deepEqual(again.answers[id], { answer: token, note: "Nog navragen bij het team" });
    await page.fill(`textarea[id="q-${id}-note"]`, "");
  });

  test("two tabs on the same checklist do not overwrite each other's work", async () => {
    const before = await shownAnswers();
    const [first, second] = Object.keys(before).filter((id) => before[id] !== "unknown");
    assert.ok(first && second, "two answered questions");
    const other = await b.context.newPage();
    other.on("pageerror", (e) => b.errors.push(e.message));
    await other.goto(page.url());
    await other.waitForSelector("body[data-ready=true]");
    const checked = (p, id) =>
      p.waitForFunction(
        (id) => document.querySelector(`.sb-question[data-item="${id}"] input[value="unknown"]`)?.checked === true,
        id,
      );
    // A change in this tab shows up in the other one, with a message there …
    await page.check(`.sb-question[data-item="${first}"] input[value="unknown"]`);
    await checked(other, first);
    assert.match(
      await other.locator("#messages .utrecht-alert[data-kind=info]").last().innerText(),
      /in een ander tabblad gewijzigd/,
    );
    // … and a change there keeps it, instead of writing the other tab's old state back.
    await other.check(`.sb-question[data-item="${second}"] input[value="unknown"]`);
    await checked(page, second);
    await other.close();
    await page.reload();
    await ready();
    const after = await shownAnswers();
    assert.equal(after[first], "unknown");
    assert.equal(after[second], "unknown");
    await page.check(`.sb-question[data-item="${first}"] input[value="${before[first]}"]`);
    await page.check(`.sb-question[data-item="${second}"] input[value="${before[second]}"]`);
    assert.deepEqual(await shownAnswers(), before);
  });

  test("exports the report as Markdown and HTML, and has a print stylesheet", async () => {
    for (const [action, ext] of [
      ["export-markdown", "md"],
      ["export-html", "html"],
    ]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-action=${action}]`)]);
      const file = join(ARTIFACTS, `report.${ext}`);
      await download.saveAs(file);
      const text = readFileSync(file, "utf8");
      assert.match(text, /Snelfietsroute Utrecht–Amersfoort/);
      assert.ok(!text.includes("<b>niet vet</b>"), "user text is escaped in the report");
    }
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".sb-toolbar").isHidden(), true);
    assert.equal(await page.locator("#results").isVisible(), true);
    await screenshot("checklist-print.png");
    await page.emulateMedia({ media: "screen" });
  });

  test("switches to English and back", async () => {
    await page.click("#lang-switch");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    const firstTheme = questionsEn.themes[0];
    assert.equal(await page.innerText(`#theme-${firstTheme.id}`), firstTheme.title);
    assert.equal(await page.innerText("#lang-switch"), "Nederlands");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "lang-switch");
    assert.ok(await page.locator("label", { hasText: "Don't know" }).first().isVisible());
    await page.reload();
    await ready();
    assert.equal(await page.getAttribute("html", "lang"), "en", "the choice is remembered");
    const a11y = await axe(page);
    assert.deepEqual(a11y, [], JSON.stringify(a11y, null, 2));
    await page.click("#lang-switch");
    assert.equal(await page.getAttribute("html", "lang"), "nl");
  });

  test("shows user and rule text as text, never as HTML", async () => {
    await page.fill("#field-title", '<img src="x" onerror="window.__pwned = 1">Fiets');
    assert.match(await page.innerText("h1"), /<img src="x"/);
    assert.equal(await page.locator("#view img").count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await page.fill("#field-title", "Snelfietsroute Utrecht–Amersfoort");
  });

  test("passes axe-core (WCAG 2.1 A and AA) without violations", async () => {
    const checklist = await axe(page);
    assert.deepEqual(checklist, [], JSON.stringify(checklist, null, 2));
    // Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing scrolls sideways.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 320px screen`);
    const narrow = await axe(page);
    assert.deepEqual(narrow, [], JSON.stringify(narrow, null, 2));
    if (size) await page.setViewportSize(size);
    await page.goto(b.url);
    await ready();
    const start = await axe(page);
    assert.deepEqual(start, [], JSON.stringify(start, null, 2));
  });

  test("manages saved assessments: open, duplicate, rename, delete", async () => {
    await page.goto(b.url);
    await ready();
    const rows = () => page.locator("#saved-assessments tbody tr");
    const n = await rows().count();
    assert.ok(n >= 2);
    await rows().first().locator("[data-action=duplicate]").click();
    assert.equal(await rows().count(), n + 1);
    assert.match(await page.innerText("#saved-assessments"), /\(kopie\)/);

    const copy = rows().filter({ hasText: "(kopie)" }).first();
    await copy.locator("[data-action=rename]").click();
    const input = copy.locator("input[type=text]");
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "INPUT");
    await input.fill("Hernoemd voorstel");
    await input.press("Enter");
    await page.waitForSelector("#saved-assessments >> text=Hernoemd voorstel");

    const renamed = rows().filter({ hasText: "Hernoemd voorstel" }).first();
    await renamed.locator("[data-action=delete]").click();
    await renamed.locator("[data-action=confirm-delete]").click();
    assert.match(await alertText("ok"), /Hernoemd voorstel/);
    assert.equal(await rows().count(), n);

    await rows().first().locator("a").click();
    await page.waitForSelector("#checklist-form");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "page-heading");
  });

  test("works with the keyboard alone", async () => {
    await page.goto(b.url);
    await ready();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "skip-link");
    const focusOn = async (selector, max = 60) => {
      for (let i = 0; i < max; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press("Tab");
      }
      assert.fail(`could not reach ${selector} with Tab`);
    };
    await focusOn("[data-action=new]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#checklist-form");
    await focusOn("#field-title");
    await page.keyboard.type("Met het toetsenbord");
    await focusOn(".sb-question:not([hidden]) input[type=radio]", 200);
    await page.keyboard.press("Space");
    const first = await page.evaluate(() => document.activeElement?.closest(".sb-question")?.getAttribute("data-item"));
    assert.ok(first);
    const answered = async () => (await shownAnswers())[first];
    const a1 = await answered();
    assert.ok(a1, "Space answers the question");
    await page.keyboard.press("ArrowRight");
    const a2 = await answered();
    assert.notEqual(a2, a1, "arrow keys change the answer");
    assert.ok((await shownScores(page)).overall.completeness > 0);
    // Focus is visible: the focused radio has an outline or box-shadow.
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== "none" || s.boxShadow !== "none";
    });
    assert.ok(ring, "the focus is visible");
  });

  test("sets damaged stored data aside with a message", async () => {
    await page.goto(b.url);
    await ready();
    const before = await page.locator("#saved-assessments tbody tr").count();
    await page.evaluate(() => localStorage.setItem("sociale-bril/v1/assessment/deadbeef", '{"format": 1, "id": "dead'));
    await page.reload();
    await ready();
    assert.match(await alertText("warning"), /beschadigd/);
    assert.equal(await page.locator("#saved-assessments tbody tr").count(), before);
    await page.waitForSelector("#set-aside li");
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("sociale-bril/v1/set-aside/"))
        .map((k) => localStorage.getItem(k)),
    );
    assert.deepEqual(kept, ['{"format": 1, "id": "dead']);
  });

  test("survives a full storage quota without losing the open assessment", async () => {
    await page.goto(checklistUrl);
    await ready();
    // Fill the origin's storage to the brim.
    const filled = await page.evaluate(() => {
      let n = 0;
      for (const size of [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]) {
        const chunk = "x".repeat(size);
        for (;;) {
          try {
            localStorage.setItem(`filler-${n}`, chunk);
            n += 1;
          } catch {
            break;
          }
        }
      }
      return n;
    });
    assert.ok(filled > 0);
    const title = "Snelfietsroute Utrecht–Amersfoort, versie na een volle opslag";
    await page.fill("#field-title", title);
    const storage = page.locator("#storage-status [data-kind=storage]");
    await storage.waitFor();
    assert.match(await storage.innerText(), /opslag van de browser is vol/);
    assert.equal(await page.inputValue("#field-title"), title, "the work stays on the page");
    assert.match(await page.innerText("h1"), /versie na een volle opslag/);
    // Free the space: the next change saves everything.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith("filler-")) localStorage.removeItem(k);
    });
    await page.fill("#field-title", `${title}.`);
    await storage.waitFor({ state: "detached" });
    assert.match(await alertText("ok"), /werkt weer/);
    await page.reload();
    await ready();
    assert.equal(await page.inputValue("#field-title"), `${title}.`);
  });

  test("made no request outside its own origin and logged no errors", async () => {
    // The policy allows no other origin, in the header and in the page.
    const response = await page.goto(b.url);
    await ready();
    const header = response?.headers()["content-security-policy"] ?? "";
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    for (const csp of [header, meta ?? ""]) {
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /https?:|\*/);
    }
    assert.deepEqual(b.external(), []);
    assert.ok(b.requests.some((u) => u.endsWith(".wasm")), "the module came from the own origin");
    assert.deepEqual(b.errors, []);
  });
});
