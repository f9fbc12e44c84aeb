// The results: overall and per-theme score, rating and completeness (a chart and the same
// numbers in a table), what the ratings mean, the open questions (as links), signals, and the
// ranked improvements (each a link to its question) with advice. Every score comes from the
// engine's assessment; the app only turns a gain into the theme's percentage points and picks
// a bar's colour by the band its score falls in.

import type { Assessment, GroupScore, Lang, Questions, RatingInfo, Score } from "../../pkg/sociale_bril_wasm.js";
import { h, svg, replace } from "./dom.js";
import { formatNumber, strings } from "./i18n.js";

/** How many improvements are listed before "show all". */
const TOP_IMPROVEMENTS = 5;

/** Lookups into the checklist structure of one language. */
export interface Labels {
  lang: Lang;
  rating: Map<string, string>;
  /** The rating bands (with a lowest percent), best first. */
  bands: RatingInfo[];
  /** Question texts by item id, in the order of the checklist. */
  question: Map<string, string>;
  answer: Map<string, Map<string, string>>;
  theme: Map<string, string>;
}

/** Builds the lookups for a language. */
export function labels(q: Questions): Labels {
  const answer = new Map<string, Map<string, string>>();
  const question = new Map<string, string>();
  for (const theme of q.themes) {
    for (const item of theme.items) {
      question.set(item.id, item.question);
      answer.set(item.id, new Map(item.options.map((o) => [o.id, o.label])));
    }
  }
  return {
    lang: q.lang,
    rating: new Map(q.ratings.map((r) => [r.id, r.label])),
    bands: q.ratings.filter((r) => r.min !== null).sort((a, b) => (b.min ?? 0) - (a.min ?? 0)),
    question,
    answer,
    theme: new Map(q.themes.map((t) => [t.id, t.title])),
  };
}

/** The id of the band a percentage falls in (the colour of its bar), or null. */
export function bandOf(percent: number | null, l: Labels): string | null {
  if (percent === null) return null;
  return l.bands.find((b) => percent >= (b.min ?? 0))?.id ?? null;
}

/** A gain in points as percentage points of its theme's score (one decimal, as shown). */
export function gainInTheme(gain: number, theme: GroupScore | undefined, lang: Lang): string {
  return theme && theme.max > 0 ? formatNumber((100 * gain) / theme.max, lang) : formatNumber(gain, lang, 2);
}

/** The anchor of a question in the checklist. */
export function questionAnchor(item: string): string {
  return `q-${item}`;
}

function ratingBadge(rating: string, l: Labels): HTMLElement {
  const tone: Record<string, string> = {
    strong: "success",
    on_track: "success",
    attention: "warning",
    weak: "danger",
  };
  const cls = tone[rating] ? ` utrecht-status-badge--${tone[rating]}` : " utrecht-status-badge--neutral";
  return h(
    "span",
    { class: `utrecht-status-badge${cls}`, "data-rating": rating },
    l.rating.get(rating) ?? rating,
  );
}

function percent(p: number | null, l: Labels): string {
  return strings(l.lang).percent(p);
}

function scoreCells(s: Score, l: Labels): HTMLElement[] {
  const t = strings(l.lang);
  return [
    h(
      "td",
      {
        class: "utrecht-table__cell utrecht-table__cell--numeric-data",
        "data-field": "percent",
        "data-value": s.percent ?? "",
        "data-label": t.score,
      },
      percent(s.percent, l),
    ),
    h("td", { class: "utrecht-table__cell", "data-field": "rating", "data-label": t.rating }, ratingBadge(s.rating, l)),
    h(
      "td",
      {
        class: "utrecht-table__cell utrecht-table__cell--numeric-data",
        "data-field": "completeness",
        "data-value": s.completeness ?? "",
        "data-label": t.completeness,
      },
      percent(s.completeness, l),
    ),
  ];
}

function table(a: Assessment, l: Labels): HTMLElement {
  const t = strings(l.lang);
  const th = (text: string, numeric = false) =>
    h(
      "th",
      {
        class: `utrecht-table__header-cell${numeric ? " utrecht-table__header-cell--numeric-column" : ""}`,
        scope: "col",
      },
      text,
    );
  const row = (g: GroupScore) =>
    h(
      "tr",
      { class: "utrecht-table__row", "data-theme": g.id },
      h("th", { class: "utrecht-table__header-cell", scope: "row" }, l.theme.get(g.id) ?? g.title[l.lang]),
      ...scoreCells(g, l),
    );
  // On a narrow screen every row is laid out as a small block (styles.css), so nothing scrolls.
  return h(
    "table",
    { class: "utrecht-table utrecht-table--html-table sb-score-table sb-stacking-table", id: "score-table" },
    h("caption", { class: "utrecht-table__caption", id: "score-caption" }, t.tableCaption),
    h(
      "thead",
      { class: "utrecht-table__header" },
      h("tr", { class: "utrecht-table__row" }, th(t.theme), th(t.score, true), th(t.rating), th(t.completeness, true)),
    ),
    h("tbody", { class: "utrecht-table__body" }, ...a.themes.map(row)),
    h(
      "tfoot",
      { class: "utrecht-table__footer" },
      h(
        "tr",
        { class: "utrecht-table__row", "data-theme": "overall" },
        h("th", { class: "utrecht-table__header-cell", scope: "row" }, t.overall),
        ...scoreCells(a.overall, l),
      ),
    ),
  );
}

/** A horizontal bar chart of the theme scores (0–100 %), drawn as SVG; a bar's colour is its band's. */
function chart(a: Assessment, l: Labels): Element {
  const t = strings(l.lang);
  const rowHeight = 34;
  const width = 320;
  const height = a.themes.length * rowHeight + 8;
  const summary = a.themes
    .map((g) => `${l.theme.get(g.id) ?? g.id} ${g.percent === null ? t.noScore : percent(g.percent, l)}`)
    .join("; ");
  const root = svg(
    "svg",
    {
      class: "sb-chart no-print",
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": t.chartLabel(summary),
      focusable: "false",
    },
    svg("title", {}, t.chartTitle),
  );
  a.themes.forEach((g, i) => {
    const y = i * rowHeight + 4;
    const p = g.percent ?? 0;
    root.appendChild(
      svg(
        "g",
        { "data-theme": g.id, "aria-hidden": "true" },
        svg("text", { x: 0, y: y + 11, class: "sb-chart__label" }, l.theme.get(g.id) ?? g.id),
        svg("rect", { x: 0, y: y + 15, width: width - 60, height: 12, class: "sb-chart__track", rx: 2 }),
        svg("rect", {
          x: 0,
          y: y + 15,
          width: Math.max(0, Math.min(100, p)) * ((width - 60) / 100),
          height: 12,
          class: `sb-chart__bar sb-chart__bar--${bandOf(g.percent, l) ?? "none"}`,
          rx: 2,
        }),
        svg("text", { x: width - 54, y: y + 26, class: "sb-chart__value" }, g.percent === null ? "–" : percent(g.percent, l)),
      ),
    );
  });
  return root;
}

/** What each rating means, in words: the bands with their range, and "incomplete". */
function bands(l: Labels): HTMLElement {
  const t = strings(l.lang);
  const entries: HTMLElement[] = [];
  l.bands.forEach((band, i) => {
    const above = l.bands[i - 1]?.min ?? null;
    entries.push(
      h("dt", { class: "sb-bands__term" }, ratingBadge(band.id, l), " ", t.bandRange(band.min ?? 0, above)),
      h("dd", { class: "sb-bands__description" }, band.description),
    );
  });
  entries.push(
    h("dt", { class: "sb-bands__term" }, ratingBadge("incomplete", l)),
    h("dd", { class: "sb-bands__description" }, t.incompleteExplained),
  );
  return h(
    "div",
    { class: "sb-bands", "data-role": "rating-bands" },
    h("h3", { class: "utrecht-heading-3 utrecht-heading-3--distanced", id: "bands-heading" }, t.bandsTitle),
    h("dl", { class: "sb-bands__list", "aria-labelledby": "bands-heading" }, ...entries),
  );
}

/** The first item (in checklist order) with a status, for the links to open questions. */
function firstWith(a: Assessment, l: Labels, status: string): string | null {
  const statuses = new Map(a.items.map((i) => [i.id, i.status]));
  for (const id of l.question.keys()) if (statuses.get(id) === status) return id;
  return null;
}

/** "20 questions not answered yet, 3 answered ‘Don't know’", each count a link to the first such question. */
function gaps(a: Assessment, l: Labels): HTMLElement {
  const t = strings(l.lang);
  const part = (text: string, item: string | null): Node =>
    item === null
      ? document.createTextNode(text)
      : h("a", { class: "utrecht-link utrecht-link--html-a", href: `#${questionAnchor(item)}` }, text);
  return h(
    "p",
    { class: "utrecht-paragraph", "data-field": "gaps" },
    part(t.gapsUnanswered(a.overall.unanswered), a.overall.unanswered > 0 ? firstWith(a, l, "unanswered") : null),
    ", ",
    part(t.gapsUnknown(a.overall.unknown), a.overall.unknown > 0 ? firstWith(a, l, "unknown") : null),
    ".",
  );
}

/** Renders the results into a container. */
export function renderResults(container: HTMLElement, a: Assessment, l: Labels): void {
  const t = strings(l.lang);
  const themes = new Map(a.themes.map((g) => [g.id, g]));
  const signals =
    a.signals.length === 0
      ? h("p", { class: "utrecht-paragraph" }, t.noSignals)
      : h(
          "ul",
          { class: "utrecht-unordered-list sb-signals" },
          ...a.signals.map((s) =>
            h(
              "li",
              { class: "utrecht-unordered-list__item", "data-signal": s.id, "data-severity": s.severity },
              h(
                "span",
                {
                  class: `utrecht-status-badge utrecht-status-badge--${s.severity === "critical" ? "danger" : s.severity === "warning" ? "warning" : "neutral"}`,
                },
                t.severity[s.severity] ?? s.severity,
              ),
              " ",
              s.message[l.lang],
            ),
          ),
        );
  const improvementItem = (imp: Assessment["improvements"][number]): HTMLElement => {
    const answers = l.answer.get(imp.item);
    return h(
      "li",
      { class: "utrecht-ordered-list__item", "data-item": imp.item, "data-rank": imp.rank, value: imp.rank },
      h(
        "a",
        { class: "utrecht-link utrecht-link--html-a sb-improvement__question", href: `#${questionAnchor(imp.item)}` },
        l.question.get(imp.item) ?? imp.item,
      ),
      imp.critical_failure ? h("span", { class: "sb-critical" }, ` (${t.criticalFailure})`) : null,
      h(
        "p",
        { class: "utrecht-paragraph utrecht-paragraph--small" },
        t.improvementLine(
          answers?.get(imp.from) ?? imp.from,
          answers?.get(imp.to) ?? imp.to,
          gainInTheme(imp.gain, themes.get(imp.theme), l.lang),
          l.theme.get(imp.theme) ?? imp.theme,
        ),
      ),
      h("p", { class: "utrecht-paragraph" }, imp.advice[l.lang]),
    );
  };
  const top = a.improvements.slice(0, TOP_IMPROVEMENTS);
  const rest = a.improvements.slice(TOP_IMPROVEMENTS);
  const improvements =
    a.improvements.length === 0
      ? h("p", { class: "utrecht-paragraph" }, t.noImprovements)
      : h(
          "div",
          {},
          h("ol", { class: "utrecht-ordered-list sb-improvements" }, ...top.map(improvementItem)),
          rest.length > 0
            ? h(
                "details",
                { class: "sb-more" },
                h("summary", {}, t.moreImprovements(rest.length)),
                h("ol", { class: "utrecht-ordered-list sb-improvements", start: TOP_IMPROVEMENTS + 1 }, ...rest.map(improvementItem)),
              )
            : null,
        );
  replace(
    container,
    h("h2", { class: "utrecht-heading-2", id: "results-heading", tabindex: "-1" }, t.resultsTitle),
    h(
      "div",
      { class: "sb-results__columns" },
      h(
        "div",
        { class: "sb-results__scores" },
        h(
          "p",
          { class: "utrecht-paragraph sb-overall", "data-field": "overall" },
          h("span", { class: "sb-overall__score" }, `${t.overall}: ${percent(a.overall.percent, l)}`),
          " ",
          ratingBadge(a.overall.rating, l),
        ),
        gaps(a, l),
        h("h3", { class: "utrecht-heading-3 utrecht-heading-3--distanced no-print" }, t.chartTitle),
        chart(a, l),
        table(a, l),
        bands(l),
      ),
      h(
        "div",
        { class: "sb-results__actions" },
        h("h3", { class: "utrecht-heading-3 utrecht-heading-3--distanced" }, t.signalsTitle),
        signals,
        h("h3", { class: "utrecht-heading-3 utrecht-heading-3--distanced" }, t.improvementsTitle),
        improvements,
      ),
    ),
  );
}
