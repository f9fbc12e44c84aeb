// The checklist of one assessment: the proposal's context, the four theme sections with their
// questions, a contents list with the progress per theme, and the results below. Every change
// is saved at once and re-assessed by the engine; which questions show is decided by the
// engine's item status (`excluded`), never in JS.

import type {
  Assessment,
  ContextQuestion,
  ItemResult,
  Lang,
  Question,
  Questions,
  ReportFormat,
  Ruleset,
  ThemeSection,
} from "../../pkg/sociale_bril_wasm.js";
import { goTo, h, replace } from "./dom.js";
import type { ExportHost } from "./exporting.js";
import { exportProposal, fileName } from "./exporting.js";
import { formatNumber, strings } from "./i18n.js";
import { numberText, readNumber } from "./numbers.js";
import { renderPrintIntro } from "./print.js";
import { shownValue } from "./problems.js";
import { assessSaved, toProposal } from "./proposal.js";
import { labels, questionAnchor, renderResults } from "./results.js";
import type { FormValue, SavedAssessment, WriteResult } from "./storage.js";
import { save } from "./storage.js";

/** What the checklist needs from the app shell. */
export interface ChecklistHost extends ExportHost {
  rules: Ruleset;
  /** Reports the result of a save (shows or clears the storage message). */
  saved(result: WriteResult): void;
  /** Lets the user pick a proposal file and imports it as a new assessment. */
  importFile(): void;
  /** Announces a short text to screen readers (politely). */
  announce(text: string): void;
}

interface ItemView {
  wrapper: HTMLElement;
  radios: HTMLInputElement[];
  note: HTMLTextAreaElement;
  /** The note as text, for print (a form field prints as an empty box). */
  printedNote: HTMLElement;
  clear: HTMLButtonElement;
  advice: HTMLElement;
  adviceText: HTMLElement;
}

interface ThemeView {
  section: HTMLElement;
  progress: HTMLElement;
  hidden: HTMLElement;
  /** The theme's line in the contents list. */
  contents: HTMLElement;
}

/** Builds and runs the checklist view of one saved assessment. */
export class Checklist {
  readonly root: HTMLElement;
  private readonly items = new Map<string, ItemView>();
  private readonly themes = new Map<string, ThemeView>();
  private readonly results: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly contextProgress: HTMLElement;
  private readonly overall: HTMLElement;
  private readonly asideValues: HTMLElement;
  private readonly printIntro: HTMLElement;
  /** Shows the set-aside text of a number field again after it changes (by field id). */
  private readonly numberFields = new Map<string, () => void>();
  private lastAnnounced = "";
  /** The question the officer was last in, where "next open question" starts from. */
  private lastQuestion: string | null = null;
  private assessment: Assessment | null = null;

  constructor(
    private readonly host: ChecklistHost,
    private readonly saved: SavedAssessment,
  ) {
    const t = strings(host.lang);
    this.heading = h("h1", { class: "utrecht-heading-1", id: "page-heading", tabindex: "-1" }, this.titleText());
    this.results = h("section", { class: "sb-results", id: "results", "aria-labelledby": "results-heading" });
    this.contextProgress = h("span", { class: "sb-contents__progress" });
    this.overall = h("p", { class: "utrecht-paragraph sb-contents__overall", "data-field": "contents-overall" });
    this.asideValues = h("section", {
      class: "sb-aside-values",
      "data-role": "set-aside-values",
      "aria-labelledby": "aside-values-heading",
      hidden: true,
    });
    this.printIntro = h("div", { class: "sb-print-only sb-print-intro" });
    const form = h(
      "form",
      { class: "sb-form", id: "checklist-form", novalidate: true, "aria-labelledby": "page-heading" },
      this.contextSection(host.questions),
      h(
        "div",
        { class: "sb-explain" },
        h("p", { class: "utrecht-paragraph", id: "critical-explained" }, t.criticalExplained),
        h("p", { class: "utrecht-paragraph", id: "note-hint" }, t.noteHint),
      ),
      ...host.questions.themes.map((theme) => this.themeSection(theme)),
    );
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("focusin", (e) => {
      const item = (e.target as Element | null)?.closest(".sb-question")?.getAttribute("data-item");
      if (item) this.lastQuestion = item;
    });
    this.root = h(
      "div",
      { class: "sb-checklist" },
      h(
        "p",
        { class: "utrecht-paragraph sb-back no-print" },
        h("a", { class: "utrecht-link utrecht-link--html-a", href: "#/" }, `← ${t.backToList}`),
      ),
      this.heading,
      this.toolbar(),
      this.asideValues,
      this.printIntro,
      h("div", { class: "sb-checklist__body" }, this.contents(host.questions), h("div", { class: "sb-checklist__form" }, form)),
      this.results,
    );
    this.update(false);
  }

  private titleText(): string {
    return this.saved.title.trim() || strings(this.host.lang).untitled;
  }

  private button(text: string, onClick: () => void, appearance = "secondary-action", attrs = {}): HTMLButtonElement {
    const b = h("button", { type: "button", class: `utrecht-button utrecht-button--${appearance}`, ...attrs }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  private toolbar(): HTMLElement {
    const t = strings(this.host.lang);
    return h(
      "div",
      { class: "utrecht-button-group sb-toolbar no-print", role: "group", "aria-label": t.toolbarLabel },
      this.button(t.exportProposal, () => exportProposal(this.host, this.saved), "secondary-action", {
        "data-action": "export-json",
      }),
      this.button(t.exportMarkdown, () => this.exportReport("markdown"), "secondary-action", {
        "data-action": "export-markdown",
      }),
      this.button(t.exportHtml, () => this.exportReport("html"), "secondary-action", { "data-action": "export-html" }),
      this.button(t.print, () => window.print(), "secondary-action", { "data-action": "print" }),
      this.button(t.importAsNew, () => this.host.importFile(), "secondary-action", { "data-action": "import" }),
      h("a", { class: "utrecht-link utrecht-link--html-a sb-skip-results", href: "#results-heading" }, `${t.resultsTitle} ↓`),
    );
  }

  /** The contents list: the context, every theme with its progress, the results; and "next open question". */
  private contents(q: Questions): HTMLElement {
    const t = strings(this.host.lang);
    const link = (href: string, attrs: Record<string, string>, title: string, progress: HTMLElement | null): HTMLElement =>
      h(
        "li",
        { class: "sb-contents__item" },
        h("a", { class: "utrecht-link utrecht-link--html-a sb-contents__link", href, ...attrs }, h("span", { class: "sb-contents__title" }, title), progress),
      );
    const themeLinks = q.themes.map((theme) => {
      const progress = h("span", { class: "sb-contents__progress" });
      const view = this.themes.get(theme.id);
      if (view) view.contents = progress;
      return link(`#theme-${theme.id}`, { "data-theme": theme.id }, theme.title, progress);
    });
    return h(
      "nav",
      { class: "sb-contents no-print", "data-role": "contents", "aria-labelledby": "contents-heading" },
      h("h2", { class: "utrecht-heading-3 sb-contents__heading", id: "contents-heading" }, t.contentsTitle),
      this.overall,
      h(
        "ol",
        { class: "sb-contents__list" },
        link("#context-heading", { "data-section": "context" }, t.contextTitle, this.contextProgress),
        ...themeLinks,
        link("#results-heading", { "data-section": "results" }, t.resultsTitle, null),
      ),
      this.button(t.nextUnanswered, () => this.nextUnanswered(), "primary-action", { "data-action": "next-unanswered" }),
    );
  }

  /** Moves to the first open question after the one the officer was last in (from the top again at the end). */
  private nextUnanswered(): void {
    const order = [...this.items.keys()];
    const open = order.filter((id) => {
      const view = this.items.get(id);
      return view !== undefined && !view.wrapper.hidden && !view.radios.some((r) => r.checked);
    });
    if (open.length === 0) {
      const t = strings(this.host.lang);
      this.host.notify("info", t.allAnswered);
      this.host.announce(t.allAnswered);
      return;
    }
    const after = this.lastQuestion === null ? -1 : order.indexOf(this.lastQuestion);
    const next = open.find((id) => order.indexOf(id) > after) ?? open[0];
    const view = next === undefined ? undefined : this.items.get(next);
    if (view) goTo(view.wrapper);
  }

  // ---- context ----

  private contextSection(q: Questions): HTMLElement {
    const t = strings(this.host.lang);
    const titleId = "field-title";
    const title = h("input", {
      class: "utrecht-textbox utrecht-textbox--html-input",
      id: titleId,
      name: "title",
      type: "text",
      autocomplete: "off",
      value: this.saved.title,
    });
    title.addEventListener("input", () => {
      this.saved.title = title.value;
      replace(this.heading, this.titleText());
      document.title = `${this.titleText()} – ${t.appName}`;
      this.update();
    });
    return h(
      "section",
      { class: "sb-section", "aria-labelledby": "context-heading", "data-section": "context" },
      h("h2", { class: "utrecht-heading-2 utrecht-heading-2--distanced", id: "context-heading" }, t.contextTitle),
      h("p", { class: "utrecht-paragraph" }, t.contextIntro),
      h(
        "div",
        { class: "utrecht-form-field utrecht-form-field--text utrecht-form-field--distanced" },
        h(
          "div",
          { class: "utrecht-form-field__label" },
          h("label", { class: "utrecht-form-label", for: titleId }, t.titleLabel),
        ),
        h("div", { class: "utrecht-form-field__input" }, title),
      ),
      ...q.context.map((field) => this.contextField(field)),
    );
  }

  private setContext(field: string, value: FormValue | null | undefined): void {
    if (value === undefined) delete this.saved.context[field];
    else this.saved.context[field] = value;
    this.update();
  }

  private description(id: string, text: string): HTMLElement | null {
    return text ? h("div", { class: "utrecht-form-field-description", id }, text) : null;
  }

  private contextField(field: ContextQuestion): HTMLElement {
    const id = `ctx-${field.id}`;
    const helpId = `${id}-help`;
    const describedBy = field.help ? helpId : null;
    const fieldAttrs = { class: "utrecht-form-field utrecht-form-field--distanced", "data-field": field.id };

    if (field.type === "choice") {
      const t = strings(this.host.lang);
      const current = this.saved.context[field.id];
      const select = h(
        "select",
        { class: "utrecht-select utrecht-select--html-select", id, name: id, "aria-describedby": describedBy },
        h("option", { value: "" }, t.choose),
        ...field.options.map((o) => h("option", { value: o.id, selected: current === o.id }, o.label)),
      );
      select.addEventListener("change", () => this.setContext(field.id, select.value || undefined));
      return h(
        "div",
        fieldAttrs,
        h("div", { class: "utrecht-form-field__label" }, h("label", { class: "utrecht-form-label", for: id }, field.label)),
        this.description(helpId, field.help),
        h("div", { class: "utrecht-form-field__input" }, select),
      );
    }
    if (field.type === "choices" || field.type === "boolean") return this.optionsField(field, fieldAttrs, describedBy);
    return this.textField(field, fieldAttrs, describedBy);
  }

  /**
   * Check boxes (several choices) or yes/no/don't know. Nothing is selected until the officer
   * chooses (government forms never pre-select); "Weet ik niet" chosen on purpose is kept as
   * `null` (unknown), and "Wissen" makes a yes/no field unanswered again.
   */
  private optionsField(field: ContextQuestion, fieldAttrs: Record<string, string>, describedBy: string | null): HTMLElement {
    const t = strings(this.host.lang);
    const id = `ctx-${field.id}`;
    const current = this.saved.context[field.id];
    const boolean = field.type === "boolean";
    const options = boolean
      ? [
          { id: "true", label: t.boolYes },
          { id: "false", label: t.boolNo },
          { id: "unknown", label: t.boolUnknown },
        ]
      : field.options.map((o) => ({ id: o.id, label: o.label }));
    const selected = (optionId: string): boolean => {
      if (!boolean) return Array.isArray(current) && current.includes(optionId);
      if (optionId === "unknown") return current === null;
      return current !== undefined && String(current) === optionId;
    };
    const kind = boolean ? "radio" : "checkbox";
    const inputs: HTMLInputElement[] = [];
    const controls = options.map((o) => {
      const inputId = `${id}--${o.id}`;
      const input = h("input", {
        class: boolean ? "utrecht-radio-button utrecht-radio-button--html-input" : "utrecht-checkbox utrecht-checkbox--html-input",
        type: kind,
        id: inputId,
        name: id,
        value: o.id,
        checked: selected(o.id),
      });
      inputs.push(input);
      return h(
        "div",
        { class: `utrecht-form-field utrecht-form-field--${kind}` },
        h("div", { class: "utrecht-form-field__input" }, input),
        h(
          "div",
          { class: "utrecht-form-field__label" },
          h("label", { class: `utrecht-form-label utrecht-form-label--${kind}`, for: inputId }, o.label),
        ),
      );
    });
    const clear = boolean
      ? this.button(
          t.clearField,
          () => {
            for (const i of inputs) i.checked = false;
            clear?.setAttribute("hidden", "");
            this.setContext(field.id, undefined);
            inputs[0]?.focus();
          },
          "subtle",
          { "data-action": "clear-field", hidden: current === undefined, "aria-label": `${t.clearField}: ${field.label}` },
        )
      : null;
    const onChange = (): void => {
      if (!boolean) {
        const ids = inputs.filter((i) => i.checked).map((i) => i.value);
        this.setContext(field.id, ids.length > 0 ? ids : undefined);
        return;
      }
      const v = inputs.find((i) => i.checked)?.value;
      clear?.toggleAttribute("hidden", v === undefined);
      this.setContext(field.id, v === undefined ? undefined : v === "unknown" ? null : v === "true");
    };
    for (const input of inputs) input.addEventListener("change", onChange);
    return h(
      "div",
      fieldAttrs,
      h(
        "fieldset",
        { class: "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset", "aria-describedby": describedBy },
        h("legend", { class: "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend" }, field.label),
        this.description(`${id}-help`, field.help),
        boolean
          ? // As with the questions: "Weet ik niet" on a line of its own, below yes and no.
            h(
              "div",
              { class: "sb-options" },
              h("div", { class: "sb-options__scale" }, ...controls.slice(0, 2)),
              h("div", { class: "sb-options__other" }, ...controls.slice(2)),
            )
          : h("div", { class: "sb-choices" }, ...controls),
        clear ? h("div", { class: "no-print" }, clear) : null,
      ),
    );
  }

  /**
   * A text or number field. A number is read by `readNumber` (the interface language's way,
   * refusing what it cannot be sure of); text it refuses is not used, but kept in the assessment's set-aside
   * values and shown in the field with a message, so nothing typed is lost.
   */
  private textField(field: ContextQuestion, fieldAttrs: Record<string, string>, describedBy: string | null): HTMLElement {
    const t = strings(this.host.lang);
    const id = `ctx-${field.id}`;
    const number = field.type === "number";
    const errorId = `${id}-error`;
    const error = h("div", { class: "utrecht-form-field-error-message", id: errorId, hidden: true });
    const unit = field.unit ? ` (${field.unit})` : "";
    const current = this.saved.context[field.id];
    const kept = this.saved.setAside?.context[field.id];
    const shown = current !== undefined && current !== null ? (typeof current === "number" ? numberText(current, this.host.lang) : String(current)) : typeof kept === "string" ? kept : "";
    const input = h("input", {
      class: `utrecht-textbox utrecht-textbox--html-input${number ? " utrecht-textbox--numeric" : ""}`,
      id,
      name: id,
      type: "text",
      inputmode: number ? "decimal" : null,
      autocomplete: "off",
      value: shown,
      "aria-describedby": [describedBy, errorId].filter(Boolean).join(" "),
    });
    const wrapper = h(
      "div",
      fieldAttrs,
      h("div", { class: "utrecht-form-field__label" }, h("label", { class: "utrecht-form-label", for: id }, field.label + unit)),
      this.description(`${id}-help`, field.help),
      error,
      h("div", { class: "utrecht-form-field__input" }, input),
    );
    const showError = (text: string | null): void => {
      error.hidden = text === null;
      replace(error, text ?? "");
      wrapper.classList.toggle("utrecht-form-field--invalid", text !== null);
      input.classList.toggle("utrecht-textbox--invalid", text !== null);
      if (text === null) input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
    };
    /** What is wrong with the text as a number, or the number. */
    const check = (raw: string): { value: number } | { problem: string } => {
      const read = readNumber(raw, this.host.lang);
      if (!read.ok) return { problem: read.problem === "grouping" ? t.numberGrouping : t.numberInvalid };
      const n = read.value;
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return { problem: t.numberRange(field.min, field.max) };
      }
      return { value: n };
    };
    const keepAside = (raw: string | null): void => {
      if (raw === null) {
        if (this.saved.setAside) delete this.saved.setAside.context[field.id];
      } else {
        (this.saved.setAside ??= { context: {}, answers: {} }).context[field.id] = raw;
      }
    };
    const read = (final: boolean): void => {
      const raw = input.value.trim();
      if (!number) {
        this.setContext(field.id, raw === "" ? undefined : input.value);
        return;
      }
      if (raw === "") {
        showError(null);
        keepAside(null);
        this.setContext(field.id, undefined);
        return;
      }
      const result = check(raw);
      if ("value" in result) {
        showError(null);
        keepAside(null);
        this.setContext(field.id, result.value);
      } else {
        // Refused, never misread: the number is unknown until it can be read.
        if (final) showError(result.problem);
        keepAside(raw);
        this.setContext(field.id, undefined);
      }
    };
    input.addEventListener("input", () => read(false));
    input.addEventListener("change", () => read(true));
    if (number && current === undefined && typeof kept === "string" && kept.trim() !== "") {
      const result = check(kept);
      if ("problem" in result) showError(result.problem);
    }
    this.numberFields.set(field.id, () => {
      if (document.activeElement !== input && this.saved.context[field.id] === undefined && this.saved.setAside?.context[field.id] === undefined) {
        input.value = "";
        showError(null);
      }
    });
    return wrapper;
  }

  // ---- themes and questions ----

  private themeSection(theme: ThemeSection): HTMLElement {
    const headingId = `theme-${theme.id}`;
    const progress = h("p", { class: "utrecht-paragraph utrecht-paragraph--small sb-progress", "data-role": "progress" });
    const hidden = h("p", { class: "utrecht-paragraph utrecht-paragraph--small sb-hidden-note", hidden: true });
    const section = h(
      "section",
      { class: "sb-section sb-theme", "aria-labelledby": headingId, "data-theme": theme.id },
      h("h2", { class: "utrecht-heading-2 utrecht-heading-2--distanced", id: headingId }, theme.title),
      theme.description ? h("p", { class: "utrecht-paragraph sb-theme__description" }, theme.description) : null,
      progress,
      ...theme.items.map((q) => this.question(q)),
      hidden,
    );
    this.themes.set(theme.id, { section, progress, hidden, contents: h("span", {}) });
    return section;
  }

  private question(q: Question): HTMLElement {
    const t = strings(this.host.lang);
    const base = questionAnchor(q.id);
    const helpId = `${base}-help`;
    const legendId = `${base}-legend`;
    const current = this.saved.answers[q.id];
    const radios: HTMLInputElement[] = [];
    const option = (o: { id: string; label: string }): HTMLElement => {
      const inputId = `${base}--${o.id}`;
      const input = h("input", {
        class: "utrecht-radio-button utrecht-radio-button--html-input",
        type: "radio",
        id: inputId,
        name: base,
        value: o.id,
        checked: current === o.id,
      });
      input.addEventListener("change", () => {
        if (input.checked) this.setAnswer(q.id, o.id);
      });
      radios.push(input);
      return h(
        "div",
        { class: "utrecht-form-field utrecht-form-field--radio", "data-option": o.id },
        h("div", { class: "utrecht-form-field__input" }, input),
        h(
          "div",
          { class: "utrecht-form-field__label" },
          h("label", { class: "utrecht-form-label utrecht-form-label--radio", for: inputId }, o.label),
        ),
      );
    };
    // The scale on its own line(s); "Weet ik niet" and "Niet van toepassing" below it.
    const special = new Set(["unknown", "not_applicable"]);
    const scale = q.options.filter((o) => !special.has(o.id)).map(option);
    const other = q.options.filter((o) => special.has(o.id)).map(option);
    const noteId = `${base}-note`;
    const note = h("textarea", {
      class: "utrecht-textarea utrecht-textarea--html-textarea sb-note",
      id: noteId,
      name: noteId,
      rows: 2,
      // The hint is said once, above the questions.
      "aria-describedby": "note-hint",
    });
    note.value = this.saved.notes[q.id] ?? "";
    const printedNote = h("p", { class: "utrecht-paragraph sb-print-only sb-note-print" }, note.value);
    note.addEventListener("input", () => {
      if (note.value === "") delete this.saved.notes[q.id];
      else this.saved.notes[q.id] = note.value;
      replace(printedNote, note.value);
      this.update();
    });
    const clear = this.button(
      t.clearAnswer,
      () => {
        delete this.saved.answers[q.id];
        for (const r of radios) r.checked = false;
        this.update();
        radios[0]?.focus();
      },
      "subtle",
      { "data-action": "clear-answer", hidden: current === undefined, "aria-label": `${t.clearAnswer}: ${q.question}` },
    );
    const adviceText = h("span", {});
    const advice = h(
      "div",
      { class: "sb-advice", hidden: true },
      h("p", { class: "utrecht-paragraph" }, h("strong", {}, `${t.adviceLabel}: `), adviceText),
    );
    const wrapper = h(
      "div",
      { class: "sb-question", id: base, "data-item": q.id, "data-state": current === undefined ? "unanswered" : "answered" },
      h(
        "fieldset",
        {
          class: "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset",
          "aria-describedby": q.help ? helpId : null,
        },
        h(
          "legend",
          { class: "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend sb-question__legend", id: legendId },
          q.question,
          q.critical
            ? h(
                "span",
                { class: "sb-critical-badge" },
                " (",
                h("a", { class: "utrecht-link utrecht-link--html-a", href: "#critical-explained" }, t.critical),
                ")",
              )
            : null,
        ),
        q.help ? h("div", { class: "utrecht-form-field-description", id: helpId }, q.help) : null,
        h(
          "div",
          { class: "sb-options" },
          h("div", { class: "sb-options__scale" }, ...scale),
          other.length > 0 ? h("div", { class: "sb-options__other" }, ...other) : null,
        ),
      ),
      h(
        "div",
        { class: "utrecht-form-field utrecht-form-field--textarea sb-note-field" },
        h(
          "div",
          { class: "utrecht-form-field__label" },
          h(
            "label",
            { class: "utrecht-form-label", for: noteId },
            t.noteLabel,
            // Every question has a note field: name the question for screen readers.
            h("span", { class: "sb-visually-hidden" }, `: ${q.question}`),
          ),
        ),
        h("div", { class: "utrecht-form-field__input" }, note),
      ),
      printedNote,
      h("div", { class: "no-print" }, clear),
      advice,
    );
    this.items.set(q.id, { wrapper, radios, note, printedNote, clear, advice, adviceText });
    return wrapper;
  }

  private setAnswer(item: string, token: string): void {
    this.saved.answers[item] = token;
    this.update();
  }

  // ---- values set aside ----

  /** Lists the values that do not fit the ruleset (kept, not scored), each with "Weggooien". */
  private renderAsideValues(): void {
    const t = strings(this.host.lang);
    const q = this.host.questions;
    const aside = this.saved.setAside;
    const entries: HTMLElement[] = [];
    const entry = (section: "context" | "answers", key: string, value: unknown, label: string): void => {
      const note = typeof value === "object" && value !== null && typeof (value as { note?: unknown }).note === "string" ? (value as { note: string }).note : null;
      const discard = this.button(
        t.discard,
        () => {
          if (this.saved.setAside) delete this.saved.setAside[section][key];
          this.update();
          this.numberFields.get(key)?.();
          (this.asideValues.querySelector("button") ?? this.heading).focus();
        },
        "subtle",
        { "data-action": "discard-aside", "aria-label": `${t.discard}: ${label}` },
      );
      entries.push(
        h(
          "li",
          { class: "utrecht-unordered-list__item", "data-section": section, "data-key": key },
          `${label}: ${shownValue(value, this.host.lang)}`,
          note ? h("span", { class: "sb-aside-values__note" }, ` — ${t.noteOf(note)}`) : null,
          " ",
          discard,
        ),
      );
    };
    for (const [key, value] of Object.entries(aside?.context ?? {})) {
      entry("context", key, value, q.context.find((f) => f.id === key)?.label ?? key);
    }
    const questions = new Map(q.themes.flatMap((theme) => theme.items).map((i) => [i.id, i.question]));
    for (const [key, value] of Object.entries(aside?.answers ?? {})) {
      const question = questions.get(key);
      entry("answers", key, value, question ? `${question} (${key})` : key);
    }
    this.asideValues.hidden = entries.length === 0;
    if (entries.length === 0) {
      this.asideValues.replaceChildren();
      return;
    }
    replace(
      this.asideValues,
      h("h2", { class: "utrecht-heading-3", id: "aside-values-heading" }, t.setAsideValuesTitle),
      h("p", { class: "utrecht-paragraph" }, t.setAsideValuesIntro),
      h("ul", { class: "utrecht-unordered-list" }, ...entries),
    );
  }

  // ---- updates ----

  /** Saves (unless `persist` is false), re-assesses and updates visibility and results. */
  update(persist = true): void {
    if (persist) this.host.saved(save(this.saved));
    const { assessment, movedAside } = assessSaved(this.host.rules, this.saved);
    if (movedAside > 0) {
      this.host.saved(save(this.saved));
      this.host.notify("warning", strings(this.host.lang).setAsideAnswers(movedAside));
    }
    this.assessment = assessment;
    this.apply(assessment);
  }

  private apply(a: Assessment): void {
    const t = strings(this.host.lang);
    const lang = this.host.lang;
    const hiddenPerTheme = new Map<string, number>();
    for (const item of a.items) {
      const view = this.items.get(item.id);
      if (!view) continue;
      const excluded = item.status === "excluded";
      view.wrapper.hidden = excluded;
      view.wrapper.setAttribute("data-state", item.status);
      if (excluded) hiddenPerTheme.set(item.theme, (hiddenPerTheme.get(item.theme) ?? 0) + 1);
      view.clear.hidden = item.answer === null || excluded;
      view.printedNote.hidden = view.note.value.trim() === "";
      this.showAdvice(view, item, lang);
    }
    for (const g of a.themes) {
      const view = this.themes.get(g.id);
      if (!view) continue;
      replace(view.progress, t.themeProgress(g.answered, g.applicable));
      replace(view.contents, `${t.themeProgressShort(g.answered, g.applicable)} · ${t.percent(g.percent)}`);
      view.section.setAttribute("data-answered", String(g.answered + g.unknown + g.not_applicable));
      const n = hiddenPerTheme.get(g.id) ?? 0;
      view.hidden.hidden = n === 0;
      replace(view.hidden, n === 0 ? "" : t.hiddenQuestions(n));
    }
    const fields = this.host.questions.context;
    replace(this.contextProgress, t.contextProgress(fields.filter((f) => f.id in this.saved.context).length, fields.length));
    replace(this.overall, `${t.overall}: ${t.percent(a.overall.percent)} · ${this.host.questions.ratings.find((r) => r.id === a.overall.rating)?.label ?? a.overall.rating}`);
    renderResults(this.results, a, labels(this.host.questions));
    renderPrintIntro(this.printIntro, this.saved, a, this.host.questions);
    this.renderAsideValues();
    const summary = t.scoreUpdated(
      t.percent(a.overall.percent),
      a.overall.completeness === null ? "–" : `${formatNumber(a.overall.completeness, lang)}%`,
    );
    if (summary !== this.lastAnnounced) {
      this.lastAnnounced = summary;
      this.host.announce(summary);
    }
  }

  private showAdvice(view: ItemView, item: ItemResult, lang: Lang): void {
    const show = item.advice !== null && (item.status === "answered" || item.status === "unknown");
    view.advice.hidden = !show;
    replace(view.adviceText, show && item.advice ? item.advice[lang] : "");
  }

  /** The current assessment (for tests and the benchmark page). */
  current(): Assessment | null {
    return this.assessment;
  }

  // ---- reports ----

  private exportReport(format: ReportFormat): void {
    const t = strings(this.host.lang);
    const report = this.host.rules.report(toProposal(this.saved), format, this.host.lang);
    const name = fileName(this.saved.title, format === "markdown" ? "md" : "html");
    this.host.download(name, format === "markdown" ? "text/markdown" : "text/html", report);
    this.host.notify("ok", t.reportExported(name));
  }
}
