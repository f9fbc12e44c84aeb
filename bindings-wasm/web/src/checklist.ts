// The checklist of one assessment: the proposal's context, the four theme sections with their
// questions, and the live results. Every change is saved at once and re-assessed by the engine;
// which questions show is decided by the engine's item status (`excluded`), never in JS.

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
import { h, replace, uid } from "./dom.js";
import { formatNumber, strings } from "./i18n.js";
import { assessSaved, notesWithoutAnswer, toProposal } from "./proposal.js";
import { labels, renderResults } from "./results.js";
import type { FormValue, SavedAssessment, WriteResult } from "./storage.js";
import { save } from "./storage.js";

/** What the checklist needs from the app shell. */
export interface ChecklistHost {
  rules: Ruleset;
  lang: Lang;
  questions: Questions;
  /** Reports the result of a save (shows or clears the storage message). */
  saved(result: WriteResult): void;
  /** Shows a message. */
  notify(kind: "ok" | "info" | "warning" | "error", text: string, details?: string[]): void;
  /** Offers a file for download. */
  download(name: string, type: string, text: string): void;
  /** Lets the user pick a proposal file and imports it as a new assessment. */
  importFile(): void;
  /** Announces a short text to screen readers (politely). */
  announce(text: string): void;
}

interface ItemView {
  wrapper: HTMLElement;
  radios: HTMLInputElement[];
  note: HTMLTextAreaElement;
  clear: HTMLButtonElement;
  advice: HTMLElement;
  adviceText: HTMLElement;
}

interface ThemeView {
  progress: HTMLElement;
  hidden: HTMLElement;
}

/** A file name from a title. */
export function fileName(title: string, ext: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "sociale-bril"}.${ext}`;
}

/** Builds and runs the checklist view of one saved assessment. */
export class Checklist {
  readonly root: HTMLElement;
  private readonly items = new Map<string, ItemView>();
  private readonly themes = new Map<string, ThemeView>();
  private readonly results: HTMLElement;
  private readonly heading: HTMLElement;
  private lastAnnounced = "";
  private assessment: Assessment | null = null;

  constructor(
    private readonly host: ChecklistHost,
    private readonly saved: SavedAssessment,
  ) {
    const t = strings(host.lang);
    this.heading = h("h1", { class: "utrecht-heading-1", id: "page-heading", tabindex: "-1" }, this.titleText());
    this.results = h("section", { class: "sb-results", id: "results", "aria-labelledby": "results-heading" });
    const form = h(
      "form",
      { class: "sb-form", id: "checklist-form", novalidate: true, "aria-labelledby": "page-heading" },
      this.contextSection(host.questions),
      ...host.questions.themes.map((theme) => this.themeSection(theme)),
    );
    form.addEventListener("submit", (e) => e.preventDefault());
    this.root = h(
      "div",
      { class: "sb-checklist" },
      h(
        "div",
        { class: "sb-checklist__main" },
        h(
          "p",
          { class: "utrecht-paragraph sb-back no-print" },
          h("a", { class: "utrecht-link utrecht-link--html-a", href: "#/" }, `← ${t.backToList}`),
        ),
        this.heading,
        this.toolbar(),
        form,
      ),
      h("div", { class: "sb-checklist__aside" }, this.results),
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
      this.button(t.exportProposal, () => this.exportProposal(), "primary-action", { "data-action": "export-json" }),
      this.button(t.exportMarkdown, () => this.exportReport("markdown"), "secondary-action", {
        "data-action": "export-markdown",
      }),
      this.button(t.exportHtml, () => this.exportReport("html"), "secondary-action", { "data-action": "export-html" }),
      this.button(t.print, () => window.print(), "secondary-action", { "data-action": "print" }),
      this.button(t.importProposal, () => this.host.importFile(), "secondary-action", { "data-action": "import" }),
      h("a", { class: "utrecht-link utrecht-link--html-a sb-skip-results", href: "#results-heading" }, `${t.resultsTitle} ↓`),
    );
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

  private setContext(field: string, value: FormValue | null): void {
    if (value === null) delete this.saved.context[field];
    else this.saved.context[field] = value;
    this.update();
  }

  private description(id: string, text: string): HTMLElement | null {
    return text ? h("div", { class: "utrecht-form-field-description", id }, text) : null;
  }

  private contextField(field: ContextQuestion): HTMLElement {
    const t = strings(this.host.lang);
    const id = `ctx-${field.id}`;
    const helpId = `${id}-help`;
    const current = this.saved.context[field.id];
    const describedBy = field.help ? helpId : null;
    const fieldAttrs = { class: "utrecht-form-field utrecht-form-field--distanced", "data-field": field.id };

    if (field.type === "choice") {
      const select = h(
        "select",
        { class: "utrecht-select utrecht-select--html-select", id, name: id, "aria-describedby": describedBy },
        h("option", { value: "" }, t.choose),
        ...field.options.map((o) => h("option", { value: o.id, selected: current === o.id }, o.label)),
      );
      select.addEventListener("change", () => this.setContext(field.id, select.value || null));
      return h(
        "div",
        fieldAttrs,
        h("div", { class: "utrecht-form-field__label" }, h("label", { class: "utrecht-form-label", for: id }, field.label)),
        this.description(helpId, field.help),
        h("div", { class: "utrecht-form-field__input" }, select),
      );
    }

    if (field.type === "choices" || field.type === "boolean") {
      const legendId = `${id}-legend`;
      const options =
        field.type === "choices"
          ? field.options.map((o) => ({ id: o.id, label: o.label }))
          : [
              { id: "true", label: t.boolYes },
              { id: "false", label: t.boolNo },
              { id: "", label: t.boolUnknown },
            ];
      const selected = (optionId: string): boolean =>
        field.type === "choices"
          ? Array.isArray(current) && current.includes(optionId)
          : optionId === "" ? current === undefined : String(current) === optionId;
      const inputs: HTMLInputElement[] = [];
      const controls = options.map((o) => {
        const inputId = `${id}--${o.id || "unknown"}`;
        const input = h("input", {
          class: `utrecht-${field.type === "choices" ? "checkbox utrecht-checkbox--html-input" : "radio-button utrecht-radio-button--html-input"}`,
          type: field.type === "choices" ? "checkbox" : "radio",
          id: inputId,
          name: id,
          value: o.id,
          checked: selected(o.id),
        });
        inputs.push(input);
        return h(
          "div",
          { class: `utrecht-form-field utrecht-form-field--${field.type === "choices" ? "checkbox" : "radio"}` },
          h("div", { class: "utrecht-form-field__input" }, input),
          h(
            "div",
            { class: "utrecht-form-field__label" },
            h(
              "label",
              { class: `utrecht-form-label utrecht-form-label--${field.type === "choices" ? "checkbox" : "radio"}`, for: inputId },
              o.label,
            ),
          ),
        );
      });
      const onChange = (): void => {
        if (field.type === "choices") {
          const ids = inputs.filter((i) => i.checked).map((i) => i.value);
          this.setContext(field.id, ids.length > 0 ? ids : null);
        } else {
          const v = inputs.find((i) => i.checked)?.value ?? "";
          this.setContext(field.id, v === "" ? null : v === "true");
        }
      };
      for (const input of inputs) input.addEventListener("change", onChange);
      return h(
        "div",
        fieldAttrs,
        h(
          "fieldset",
          {
            class: "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset",
            "aria-describedby": describedBy,
          },
          h("legend", { class: "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend", id: legendId }, field.label),
          this.description(helpId, field.help),
          ...controls,
        ),
      );
    }

    // text and number
    const errorId = `${id}-error`;
    const error = h("div", { class: "utrecht-form-field-error-message", id: errorId, hidden: true });
    const unit = field.unit ? ` (${field.unit})` : "";
    const input = h("input", {
      class: `utrecht-textbox utrecht-textbox--html-input${field.type === "number" ? " utrecht-textbox--numeric" : ""}`,
      id,
      name: id,
      type: field.type === "number" ? "number" : "text",
      step: field.type === "number" ? "any" : null,
      min: field.min ?? null,
      max: field.max ?? null,
      inputmode: field.type === "number" ? "decimal" : null,
      autocomplete: "off",
      value: current === undefined ? "" : String(current),
      "aria-describedby": [describedBy, errorId].filter(Boolean).join(" "),
    });
    const wrapper = h(
      "div",
      fieldAttrs,
      h(
        "div",
        { class: "utrecht-form-field__label" },
        h("label", { class: "utrecht-form-label", for: id }, field.label + unit),
      ),
      this.description(helpId, field.help),
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
    input.addEventListener("input", () => {
      const raw = input.value.trim();
      if (field.type !== "number") {
        showError(null);
        this.setContext(field.id, raw === "" ? null : input.value);
        return;
      }
      if (raw === "" && !input.validity.badInput) {
        showError(null);
        this.setContext(field.id, null);
        return;
      }
      const n = input.valueAsNumber;
      if (!Number.isFinite(n)) {
        showError(t.numberInvalid);
        this.setContext(field.id, null);
      } else if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        showError(t.numberRange(field.min, field.max));
        this.setContext(field.id, null);
      } else {
        showError(null);
        this.setContext(field.id, n);
      }
    });
    return wrapper;
  }

  // ---- themes and questions ----

  private themeSection(theme: ThemeSection): HTMLElement {
    const headingId = `theme-${theme.id}`;
    const progress = h("p", { class: "utrecht-paragraph utrecht-paragraph--small sb-progress", "data-role": "progress" });
    const hidden = h("p", { class: "utrecht-paragraph utrecht-paragraph--small sb-hidden-note", hidden: true });
    this.themes.set(theme.id, { progress, hidden });
    return h(
      "section",
      { class: "sb-section sb-theme", "aria-labelledby": headingId, "data-theme": theme.id },
      h("h2", { class: "utrecht-heading-2 utrecht-heading-2--distanced", id: headingId }, theme.title),
      theme.description ? h("p", { class: "utrecht-paragraph" }, theme.description) : null,
      progress,
      ...theme.items.map((q) => this.question(q)),
      hidden,
    );
  }

  private question(q: Question): HTMLElement {
    const t = strings(this.host.lang);
    const base = `q-${q.id}`;
    const helpId = `${base}-help`;
    const legendId = `${base}-legend`;
    const current = this.saved.answers[q.id];
    const radios: HTMLInputElement[] = [];
    const options = q.options.map((o) => {
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
    });
    const noteId = `${base}-note`;
    const noteHintId = `${base}-note-hint`;
    const note = h(
      "textarea",
      {
        class: "utrecht-textarea utrecht-textarea--html-textarea sb-note",
        id: noteId,
        name: noteId,
        rows: 2,
        "aria-describedby": noteHintId,
      },
    );
    note.value = this.saved.notes[q.id] ?? "";
    note.addEventListener("input", () => {
      if (note.value === "") delete this.saved.notes[q.id];
      else this.saved.notes[q.id] = note.value;
      this.update();
    });
    const clear = this.button(t.clearAnswer, () => {
      delete this.saved.answers[q.id];
      for (const r of radios) r.checked = false;
      this.update();
      radios[0]?.focus();
    }, "subtle", { "data-action": "clear-answer", hidden: current === undefined, "aria-label": `${t.clearAnswer}: ${q.question}` });
    const adviceText = h("span", {});
    const advice = h(
      "div",
      { class: "sb-advice", hidden: true },
      h("p", { class: "utrecht-paragraph" }, h("strong", {}, `${t.adviceLabel}: `), adviceText),
    );
    const wrapper = h(
      "div",
      { class: "sb-question", "data-item": q.id },
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
          q.critical ? h("span", { class: "sb-critical-badge", title: t.criticalHelp }, ` (${t.critical})`) : null,
        ),
        q.help ? h("div", { class: "utrecht-form-field-description", id: helpId }, q.help) : null,
        h("div", { class: "sb-options" }, ...options),
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
        h("div", { class: "utrecht-form-field-description", id: noteHintId }, t.noteHint),
        h("div", { class: "utrecht-form-field__input" }, note),
      ),
      h("div", { class: "no-print" }, clear),
      advice,
    );
    this.items.set(q.id, { wrapper, radios, note, clear, advice, adviceText });
    return wrapper;
  }

  private setAnswer(item: string, token: string): void {
    this.saved.answers[item] = token;
    this.update();
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
      if (excluded) hiddenPerTheme.set(item.theme, (hiddenPerTheme.get(item.theme) ?? 0) + 1);
      view.clear.hidden = item.answer === null || excluded;
      this.showAdvice(view, item, lang);
    }
    for (const g of a.themes) {
      const view = this.themes.get(g.id);
      if (!view) continue;
      replace(view.progress, t.themeProgress(g.answered, g.applicable));
      const n = hiddenPerTheme.get(g.id) ?? 0;
      view.hidden.hidden = n === 0;
      replace(view.hidden, n === 0 ? "" : t.hiddenQuestions(n));
    }
    renderResults(this.results, a, labels(this.host.questions));
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

  // ---- export ----

  private exportProposal(): void {
    const text = `${JSON.stringify(toProposal(this.saved), null, 2)}\n`;
    this.host.download(fileName(this.saved.title, "json"), "application/json", text);
    const left = notesWithoutAnswer(this.saved);
    if (left.length > 0) {
      const questions = new Map<string, string>();
      for (const theme of this.host.questions.themes) for (const q of theme.items) questions.set(q.id, q.question);
      this.host.notify(
        "warning",
        strings(this.host.lang).notesNotExported(left.length),
        left.map((id) => questions.get(id) ?? id),
      );
    }
  }

  private exportReport(format: ReportFormat): void {
    const report = this.host.rules.report(toProposal(this.saved), format, this.host.lang);
    if (format === "markdown") {
      this.host.download(fileName(this.saved.title, "md"), "text/markdown", report);
    } else {
      this.host.download(fileName(this.saved.title, "html"), "text/html", report);
    }
  }
}
