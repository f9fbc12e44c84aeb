// The app shell: starts the engine, draws the page frame (header with the language switch,
// messages, footer), routes between the start screen (#/) and a checklist (#/a/ID), and
// handles files (import, download).

import init, { Ruleset } from "../../pkg/sociale_bril_wasm.js";
import type { Lang, Questions } from "../../pkg/sociale_bril_wasm.js";
import { Checklist } from "./checklist.js";
import { goTo, h, replace } from "./dom.js";
import type { MessageAction } from "./dom.js";
import { formatDate, strings } from "./i18n.js";
import { describeIssue, describeRejected } from "./problems.js";
import { importProposal } from "./proposal.js";
import type { ImportFailure } from "./proposal.js";
import { startScreen } from "./start.js";
import type { SavedAssessment, WriteResult } from "./storage.js";
import { affectsAssessment, affectsAssessments, load, loadAll, loadLang, restore, save, saveLang } from "./storage.js";

type Kind = "ok" | "info" | "warning" | "error";

/** The same title, as an officer would see it (case and surrounding spaces aside). */
function sameTitle(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The id of the assessment the address opens (`#/a/ID`), if it opens one. */
function openAssessmentId(): string | undefined {
  return /^#\/a\/([0-9a-f]+)$/.exec(location.hash)?.[1];
}

class App {
  lang: Lang = loadLang();
  private readonly questionsCache = new Map<Lang, Questions>();
  private checklist: Checklist | null = null;
  private storageProblem: WriteResult | null = null;
  private routeCount = 0;
  /** Keep the messages on the next route (they belong to the view it leads to). */
  private keepMessages = false;

  private readonly main = document.getElementById("main") as HTMLElement;
  private readonly view = document.getElementById("view") as HTMLElement;
  private readonly messages = document.getElementById("messages") as HTMLElement;
  private readonly storageStatus = document.getElementById("storage-status") as HTMLElement;
  private readonly live = document.getElementById("live") as HTMLElement;
  private readonly fileInput = document.getElementById("import-file") as HTMLInputElement;

  constructor(readonly rules: Ruleset) {
    this.fileInput.addEventListener("change", () => void this.readImport());
    // Only addresses of views (#/, #/a/ID) route; links within the page are handled below.
    window.addEventListener("hashchange", () => {
      if (location.hash === "" || location.hash.startsWith("#/")) this.route();
    });
    document.addEventListener("click", (e) => this.inPageLink(e));
    window.addEventListener("storage", (e) => this.storageChanged(e));
    document.getElementById("lang-switch")?.addEventListener("click", () => this.switchLang());
  }

  get questions(): Questions {
    let q = this.questionsCache.get(this.lang);
    if (!q) {
      q = this.rules.questions(this.lang);
      this.questionsCache.set(this.lang, q);
    }
    return q;
  }

  /** Draws the texts of the page frame in the current language. */
  frame(): void {
    const t = strings(this.lang);
    document.documentElement.lang = this.lang;
    const set = (id: string, text: string): void => {
      const el = document.getElementById(id);
      if (el) replace(el, text);
    };
    set("skip-link", t.skipLink);
    set("app-name", t.appName);
    set("tagline", t.tagline);
    set("footer-text", t.footer);
    set("ruleset-version", t.rulesetVersion(this.rules.id, this.rules.version));
    set("ruleset-hash", t.rulesetHash(this.rules.hash));
    const sw = document.getElementById("lang-switch");
    if (sw) {
      replace(sw, t.switchLanguage);
      sw.setAttribute("lang", this.lang === "nl" ? "en" : "nl");
      sw.setAttribute("aria-label", t.switchLanguageLabel);
    }
  }

  private switchLang(): void {
    this.lang = this.lang === "nl" ? "en" : "nl";
    saveLang(this.lang);
    this.frame();
    this.showStorageProblem();
    this.route();
    document.getElementById("lang-switch")?.focus();
  }

  /**
   * A link to a place in the page (`#results-heading`, `#q-…`, the skip link) moves the focus
   * there and leaves the address alone: the address says which view is open, and changing it
   * would leave the assessment.
   */
  private inPageLink(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    const link = (e.target as Element | null)?.closest?.("a[href^='#']");
    const href = link?.getAttribute("href");
    if (!href || href === "#" || href.startsWith("#/")) return;
    e.preventDefault();
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (target) goTo(target);
  }

  // ---- messages ----

  /**
   * Shows a message (with `details` as a list, `extra` as a closing line and `actions` as
   * buttons) and returns it. A button removes its message and does its action; the focus then
   * goes to the page's heading unless the action put it somewhere.
   */
  notify(kind: Kind, text: string, details: string[] = [], actions: MessageAction[] = [], extra?: string): HTMLElement {
    const buttons = actions.map((a) => {
      const b = h(
        "button",
        { type: "button", class: `utrecht-button utrecht-button--${a.primary ? "primary" : "secondary"}-action`, "data-action": a.action },
        a.label,
      );
      b.addEventListener("click", () => {
        alert.remove();
        a.onClick();
        if (document.activeElement === null || document.activeElement === document.body) {
          document.getElementById("page-heading")?.focus();
        }
      });
      return b;
    });
    const message = h(
      "div",
      { class: "utrecht-alert__message", role: kind === "error" || kind === "warning" ? "alert" : "status" },
      h("p", { class: "utrecht-paragraph" }, text),
      details.length > 0
        ? h("ul", { class: "utrecht-unordered-list" }, ...details.map((d) => h("li", { class: "utrecht-unordered-list__item" }, d)))
        : null,
      extra ? h("p", { class: "utrecht-paragraph" }, extra) : null,
      buttons.length > 0 ? h("div", { class: "utrecht-button-group sb-message-actions" }, ...buttons) : null,
    );
    const alert = h(
      "div",
      { class: `utrecht-alert utrecht-alert--${kind}`, "data-kind": kind },
      h("div", { class: "utrecht-alert__content" }, message),
    );
    this.messages.appendChild(alert);
    return alert;
  }

  /** A message with a choice; the focus goes to its first button. */
  private ask(kind: Kind, text: string, details: string[], actions: MessageAction[], extra?: string): void {
    const alert = this.notify(kind, text, details, actions, extra);
    alert.scrollIntoView({ block: "nearest" });
    alert.querySelector("button")?.focus();
  }

  clearMessages(): void {
    this.messages.replaceChildren();
  }

  announce(text: string): void {
    replace(this.live, text);
  }

  /** Shows or clears the storage message after a write. */
  saved(result: WriteResult): void {
    const had = this.storageProblem !== null;
    this.storageProblem = result.ok ? null : result;
    if (had && result.ok) {
      this.showStorageProblem();
      this.notify("ok", strings(this.lang).savedAgain);
    } else if (!result.ok) {
      this.showStorageProblem();
    }
  }

  private showStorageProblem(): void {
    const problem = this.storageProblem;
    if (!problem || problem.ok) {
      this.storageStatus.replaceChildren();
      return;
    }
    const t = strings(this.lang);
    replace(
      this.storageStatus,
      h(
        "div",
        { class: "utrecht-alert utrecht-alert--error", "data-kind": "storage" },
        h(
          "div",
          { class: "utrecht-alert__content" },
          h(
            "div",
            { class: "utrecht-alert__message", role: "alert" },
            h("p", { class: "utrecht-paragraph" }, problem.reason === "quota" ? t.quotaFull : t.storageUnavailable),
          ),
        ),
      ),
    );
  }

  /**
   * Another tab changed the stored assessments. Every change in this tab is saved at once, so
   * the view holds nothing unsaved and is redrawn from storage: the next change here builds on
   * the other tab's work instead of overwriting it. When this tab could not save (its work lives
   * only on this page), it is not redrawn; a message says what happened.
   */
  private storageChanged(e: StorageEvent): void {
    if (!affectsAssessments(e.key)) return;
    const current = openAssessmentId();
    if (current !== undefined && !affectsAssessment(e.key, current)) return;
    // On the start screen, a rename or delete the user has open is not torn down; the list is
    // read again when it is done.
    if (current === undefined && this.view.querySelector(".sb-inline-form")) return;
    const t = strings(this.lang);
    if (this.storageProblem) {
      this.notifyOnce("warning", t.changedElsewhereNotShown);
      return;
    }
    const focused = document.activeElement?.id;
    const scroll = window.scrollY;
    this.keepMessages = true;
    this.route(false);
    if (current !== undefined) this.notifyOnce("info", t.changedElsewhere);
    window.scrollTo(0, scroll);
    if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
  }

  /** Shows a message unless the last one shown says the same. */
  private notifyOnce(kind: Kind, text: string): void {
    const last = this.messages.lastElementChild;
    if (last?.getAttribute("data-kind") === kind && last.textContent === text) return;
    this.notify(kind, text);
  }

  // ---- files ----

  download(name: string, type: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  importFile(): void {
    this.fileInput.value = "";
    this.fileInput.click();
  }

  private async readImport(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    const t = strings(this.lang);
    this.clearMessages();
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.notify("error", t.importFailed(file.name));
      return;
    }
    const result = importProposal(this.rules, text);
    if (!result.ok) {
      this.notify("error", t.importFailed(file.name), this.failureDetails(result.failure));
      return;
    }
    const { assessment, rejected } = result;
    if (rejected.length === 0) {
      this.placeImport(assessment, file.name);
      return;
    }
    // Nearly valid: say what does not fit, and offer to import the rest (the rest set aside).
    this.ask(
      "warning",
      t.importNearlyValid(file.name),
      rejected.map((r) => describeRejected(r, this.questions)),
      [
        { label: t.importValid, action: "import-valid", primary: true, onClick: () => this.placeImport(assessment, file.name) },
        { label: t.dontImport, action: "import-cancel", onClick: () => this.notify("info", t.importCancelled) },
      ],
      t.importValidOffer,
    );
  }

  /**
   * Saves an imported assessment; when one with the same title exists (a re-import of one's
   * own export, say), asks first whether to replace it or keep both.
   */
  private placeImport(a: SavedAssessment, file: string): void {
    const t = strings(this.lang);
    const all = loadAll().assessments;
    const same = a.title.trim() === "" ? [] : all.filter((x) => sameTitle(x.title, a.title));
    const existing = same.sort((x, y) => y.updated.localeCompare(x.updated))[0];
    if (!existing) {
      this.saveImport(a, file);
      return;
    }
    this.ask("warning", t.importDuplicate(existing.title.trim(), formatDate(existing.updated, this.lang)), [], [
      { label: t.importReplace, action: "import-replace", onClick: () => this.replaceWith(existing, a) },
      {
        label: t.importKeepBoth,
        action: "import-keep-both",
        primary: true,
        onClick: () => {
          const titles = new Set(all.map((x) => x.title.trim().toLocaleLowerCase()));
          let n = 2;
          while (titles.has(t.numbered(a.title.trim(), n).toLocaleLowerCase())) n += 1;
          a.title = t.numbered(a.title.trim(), n);
          this.saveImport(a, file);
        },
      },
      { label: t.cancel, action: "import-cancel", onClick: () => this.notify("info", t.importCancelled) },
    ]);
  }

  private saveImport(a: SavedAssessment, file: string): void {
    const t = strings(this.lang);
    const written = save(a);
    this.saved(written);
    if (!written.ok) {
      this.notify("error", t.importFailed(file));
      return;
    }
    const aside = Object.keys(a.setAside?.context ?? {}).length + Object.keys(a.setAside?.answers ?? {}).length;
    this.notify("ok", t.imported(a.title.trim() || t.untitled), aside > 0 ? [t.importedAside(aside)] : []);
    this.open(a.id, true);
  }

  /** Puts an import in the place of an existing assessment (same id); undo puts the old one back. */
  private replaceWith(existing: SavedAssessment, imported: SavedAssessment): void {
    const t = strings(this.lang);
    const before = JSON.stringify(existing);
    imported.id = existing.id;
    imported.created = existing.created;
    const written = save(imported);
    this.saved(written);
    if (!written.ok) return;
    const title = existing.title.trim() || t.untitled;
    this.notify("ok", t.replaced(title), [], [
      {
        label: t.undo,
        action: "undo",
        onClick: () => {
          this.saved(restore(existing.id, before));
          this.notify("ok", t.restored(title));
          this.open(existing.id, true);
        },
      },
    ]);
    this.open(existing.id, true);
  }

  private failureDetails(f: ImportFailure): string[] {
    const t = strings(this.lang);
    switch (f.kind) {
      case "too-big":
        return [t.importTooBig(Math.floor(f.limit / (1024 * 1024)))];
      case "not-json":
        return [t.importNotJson(f.line, f.column)];
      case "foreign":
        return [t.importForeign];
      case "invalid":
        return [...new Set(f.issues.slice(0, 8).map((i) => describeIssue(i, this.questions)))];
    }
  }

  // ---- routing ----

  open(id: string, keepMessages = false): void {
    this.keepMessages = keepMessages;
    const target = `#/a/${id}`;
    if (location.hash === target) this.route();
    else location.hash = target;
  }

  refresh(focus?: string): void {
    this.keepMessages = true;
    this.route();
    if (focus) document.getElementById(focus)?.focus();
  }

  /** Draws the view for the current address (and moves the focus to its heading, unless not). */
  route(moveFocus = true): void {
    this.routeCount += 1;
    if (this.keepMessages) this.keepMessages = false;
    else if (this.routeCount > 1) this.clearMessages();
    const t = strings(this.lang);
    const current = openAssessmentId();
    this.checklist = null;
    if (current !== undefined) {
      const saved = load(current);
      if (!saved) {
        replace(
          this.view,
          h("h1", { class: "utrecht-heading-1", id: "page-heading", tabindex: "-1" }, t.notFound),
          h("p", { class: "utrecht-paragraph" }, h("a", { class: "utrecht-link utrecht-link--html-a", href: "#/" }, t.backToList)),
        );
      } else {
        this.checklist = new Checklist(this, saved);
        replace(this.view, this.checklist.root);
        document.title = `${saved.title.trim() || t.untitled} – ${t.appName}`;
      }
    } else {
      const loaded = loadAll();
      if (loaded.newlySetAside > 0) this.notify("warning", t.setAsideFound(loaded.newlySetAside));
      replace(this.view, startScreen(this, loaded));
      document.title = `${t.startTitle} – ${t.appName}`;
    }
    if (moveFocus && this.routeCount > 1) document.getElementById("page-heading")?.focus();
  }

  ratingLabel(id: string): string {
    return this.questions.ratings.find((r) => r.id === id)?.label ?? id;
  }
}

async function start(): Promise<void> {
  const lang = loadLang();
  try {
    await init({ module_or_path: new URL("./sociale_bril_wasm_bg.wasm", import.meta.url) });
    const app = new App(Ruleset.default());
    app.frame();
    app.route();
    document.body.dataset.ready = "true";
  } catch (e) {
    const t = strings(lang);
    const view = document.getElementById("view");
    if (view) {
      replace(
        view,
        h(
          "div",
          { class: "utrecht-alert utrecht-alert--error" },
          h(
            "div",
            { class: "utrecht-alert__content" },
            h(
              "div",
              { class: "utrecht-alert__message", role: "alert" },
              h("p", { class: "utrecht-paragraph" }, t.startFailed),
              h("p", { class: "utrecht-paragraph" }, e instanceof Error ? e.message : String(e)),
            ),
          ),
        ),
      );
    }
    document.body.dataset.ready = "error";
  }
}

void start();
