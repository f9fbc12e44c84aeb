// What a printed assessment opens with (shown only in print): the proposal's details, and a
// short summary — the score, the key questions that fail, the signals and the three
// improvements that gain the most. The per-theme results and the answered questions with their
// notes follow (styles.css puts them in that order and leaves out everything else).

import type { Assessment, Lang, Questions } from "../../pkg/sociale_bril_wasm.js";
import { h, replace } from "./dom.js";
import { formatDate, formatNumber, strings } from "./i18n.js";
import { shownValue } from "./problems.js";
import { gainInTheme } from "./results.js";
import type { FormValue, SavedAssessment } from "./storage.js";

/** How many improvements the summary names. */
const TOP = 3;

/** A context value as text: option labels for choices, the unit after a number. */
function contextText(value: FormValue | null, fieldId: string, q: Questions): string {
  const field = q.context.find((f) => f.id === fieldId);
  const option = (id: string): string => field?.options.find((o) => o.id === id)?.label ?? id;
  if (typeof value === "string" && field?.type === "choice") return option(value);
  if (Array.isArray(value)) return value.map(option).join(", ");
  if (typeof value === "number") {
    if (field?.unit === "EUR") {
      return new Intl.NumberFormat(q.lang === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(value);
    }
    return `${formatNumber(value, q.lang, 2)}${field?.unit ? ` ${field.unit}` : ""}`;
  }
  return shownValue(value, q.lang);
}

function list(items: HTMLElement[], lang: Lang): HTMLElement {
  return items.length === 0
    ? h("p", { class: "utrecht-paragraph" }, strings(lang).printNone)
    : h("ul", { class: "utrecht-unordered-list" }, ...items);
}

/** Fills the print-only opening of an assessment. */
export function renderPrintIntro(container: HTMLElement, saved: SavedAssessment, a: Assessment, q: Questions): void {
  const t = strings(q.lang);
  const details: HTMLElement[] = [];
  for (const field of q.context) {
    if (!(field.id in saved.context)) continue;
    const value = saved.context[field.id] ?? null;
    details.push(h("dt", {}, field.label), h("dd", {}, contextText(value, field.id, q)));
  }
  const questions = new Map(q.themes.flatMap((theme) => theme.items).map((i) => [i.id, i]));
  const themes = new Map(a.themes.map((g) => [g.id, g]));
  const failures = a.items
    .filter((i) => i.critical_failure)
    .map((i) => h("li", { class: "utrecht-unordered-list__item" }, questions.get(i.id)?.question ?? i.id));
  const signals = a.signals.map((s) =>
    h("li", { class: "utrecht-unordered-list__item" }, `${t.severity[s.severity] ?? s.severity}: ${s.message[q.lang]}`),
  );
  const top = a.improvements.slice(0, TOP).map((imp) => {
    const item = questions.get(imp.item);
    const label = (token: string): string => item?.options.find((o) => o.id === token)?.label ?? token;
    return h(
      "li",
      { class: "utrecht-unordered-list__item" },
      h("strong", {}, item?.question ?? imp.item),
      " ",
      t.improvementLine(
        label(imp.from),
        label(imp.to),
        gainInTheme(imp.gain, themes.get(imp.theme), q.lang),
        q.themes.find((x) => x.id === imp.theme)?.title ?? imp.theme,
      ),
    );
  });
  replace(
    container,
    h(
      "section",
      { class: "sb-print-details", "data-role": "print-details", "aria-labelledby": "print-details-heading" },
      h("h2", { class: "utrecht-heading-2", id: "print-details-heading" }, t.contextTitle),
      h("dl", { class: "sb-print-dl" }, ...details),
      h(
        "p",
        { class: "utrecht-paragraph utrecht-paragraph--small" },
        `${t.printDate(formatDate(new Date().toISOString(), q.lang))} · ${t.rulesetVersion(a.ruleset.id, a.ruleset.version)}`,
      ),
    ),
    h(
      "section",
      { class: "sb-print-summary", "data-role": "print-summary", "aria-labelledby": "print-summary-heading" },
      h("h2", { class: "utrecht-heading-2", id: "print-summary-heading" }, t.printSummaryTitle),
      h(
        "p",
        { class: "utrecht-paragraph" },
        `${t.overall}: ${t.percent(a.overall.percent)} · ${q.ratings.find((r) => r.id === a.overall.rating)?.label ?? a.overall.rating}. `,
        t.printAnswered(a.overall.answered, a.overall.applicable, a.overall.unknown),
      ),
      h("h3", { class: "utrecht-heading-3" }, t.printCriticalTitle),
      list(failures, q.lang),
      h("h3", { class: "utrecht-heading-3" }, t.signalsTitle),
      list(signals, q.lang),
      h("h3", { class: "utrecht-heading-3" }, t.printTopTitle),
      list(top, q.lang),
    ),
  );
}
