// The start screen: the saved assessments (new, open, duplicate, rename, delete) and any data
// that was set aside because it could not be read.

import type { Lang, Ruleset } from "../../pkg/sociale_bril_wasm.js";
import { h, replace } from "./dom.js";
import { formatDate, strings } from "./i18n.js";
import { assessSaved } from "./proposal.js";
import type { Loaded, SavedAssessment, SetAsideEntry, WriteResult } from "./storage.js";
import { duplicate, newAssessment, remove, removeSetAside, save } from "./storage.js";

/** What the start screen needs from the app shell. */
export interface StartHost {
  rules: Ruleset;
  lang: Lang;
  ratingLabel(id: string): string;
  saved(result: WriteResult): void;
  notify(kind: "ok" | "info" | "warning" | "error", text: string, details?: string[]): void;
  download(name: string, type: string, text: string): void;
  importFile(): void;
  /** Navigates to an assessment. */
  open(id: string): void;
  /** Renders the start screen again (after a change), then focuses `focus` if given. */
  refresh(focus?: string): void;
}

function button(text: string, onClick: () => void, appearance = "secondary-action", attrs = {}): HTMLButtonElement {
  const b = h("button", { type: "button", class: `utrecht-button utrecht-button--${appearance}`, ...attrs }, text);
  b.addEventListener("click", onClick);
  return b;
}

/** Builds the start screen. */
export function startScreen(host: StartHost, loaded: Loaded): HTMLElement {
  const t = strings(host.lang);
  const create = (): void => {
    const a = newAssessment();
    const result = save(a);
    host.saved(result);
    if (result.ok) host.open(a.id);
  };
  const content: HTMLElement[] = [
    h("h1", { class: "utrecht-heading-1", id: "page-heading", tabindex: "-1" }, t.startTitle),
    h("p", { class: "utrecht-paragraph utrecht-paragraph--lead" }, t.startIntro),
    h(
      "div",
      { class: "utrecht-button-group sb-toolbar" },
      button(t.newAssessment, create, "primary-action", { "data-action": "new" }),
      button(t.importProposal, () => host.importFile(), "secondary-action", { "data-action": "import" }),
    ),
  ];
  if (loaded.assessments.length === 0) {
    content.push(h("p", { class: "utrecht-paragraph", "data-role": "empty" }, t.noAssessments));
  } else {
    content.push(savedTable(host, loaded.assessments));
  }
  if (loaded.setAside.length > 0) content.push(setAsideSection(host, loaded.setAside));
  return h("div", { class: "sb-start" }, ...content);
}

function savedTable(host: StartHost, list: SavedAssessment[]): HTMLElement {
  const t = strings(host.lang);
  const th = (text: string) => h("th", { class: "utrecht-table__header-cell", scope: "col" }, text);
  const rows = list.map((a) => savedRow(host, a));
  // The container scrolls on narrow screens: it is a focusable, named region for keyboard users.
  return h(
    "div",
    { class: "utrecht-table-container", role: "region", tabindex: "0", "aria-labelledby": "saved-caption" },
    h(
      "table",
      { class: "utrecht-table utrecht-table--html-table", id: "saved-assessments" },
      h("caption", { class: "utrecht-table__caption", id: "saved-caption" }, t.savedTableCaption),
      h(
        "thead",
        { class: "utrecht-table__header" },
        h("tr", { class: "utrecht-table__row" }, th(t.colTitle), th(t.colUpdated), th(t.colScore), th(t.colActions)),
      ),
      h("tbody", { class: "utrecht-table__body" }, ...rows),
    ),
  );
}

function displayTitle(a: SavedAssessment, lang: Lang): string {
  return a.title.trim() || strings(lang).untitled;
}

function savedRow(host: StartHost, a: SavedAssessment): HTMLElement {
  const t = strings(host.lang);
  const title = displayTitle(a, host.lang);
  let score = "–";
  try {
    const { assessment } = assessSaved(host.rules, JSON.parse(JSON.stringify(a)) as SavedAssessment);
    score = `${t.percent(assessment.overall.percent)} · ${host.ratingLabel(assessment.overall.rating)}`;
  } catch {
    // A record the engine cannot read at all is still listed; opening it says what is wrong.
  }
  const titleCell = h(
    "td",
    { class: "utrecht-table__cell" },
    h("a", { class: "utrecht-link utrecht-link--html-a", href: `#/a/${a.id}`, id: `open-${a.id}` }, title),
  );
  const actions = h("td", { class: "utrecht-table__cell" });
  const row = h(
    "tr",
    { class: "utrecht-table__row", "data-id": a.id },
    titleCell,
    h("td", { class: "utrecht-table__cell" }, formatDate(a.updated, host.lang)),
    h("td", { class: "utrecht-table__cell" }, score),
    actions,
  );
  const showActions = (): void => {
    replace(
      actions,
      h(
        "div",
        { class: "utrecht-button-group" },
        button(t.duplicate, () => {
          const copy = duplicate(a, t.copyOf(title));
          const result = save(copy);
          host.saved(result);
          if (result.ok) {
            host.notify("ok", t.duplicated(title));
            host.refresh(`open-${copy.id}`);
          }
        }, "secondary-action", { "data-action": "duplicate", "aria-label": `${t.duplicate}: ${title}` }),
        button(t.rename, () => showRename(), "secondary-action", {
          "data-action": "rename",
          "aria-label": `${t.rename}: ${title}`,
        }),
        button(t.remove, () => showConfirm(), "secondary-action", {
          "data-action": "delete",
          "aria-label": `${t.remove}: ${title}`,
        }),
      ),
    );
  };
  const showRename = (): void => {
    const inputId = `rename-${a.id}`;
    const input = h("input", {
      class: "utrecht-textbox utrecht-textbox--html-input",
      id: inputId,
      type: "text",
      value: a.title,
      autocomplete: "off",
    });
    const commit = (): void => {
      a.title = input.value.trim();
      const result = save(a);
      host.saved(result);
      if (result.ok) {
        host.notify("ok", t.renamed(displayTitle(a, host.lang)));
        host.refresh(`open-${a.id}`);
      }
    };
    const form = h(
      "form",
      { class: "sb-inline-form", "data-role": "rename" },
      h(
        "div",
        { class: "utrecht-form-field" },
        h("div", { class: "utrecht-form-field__label" }, h("label", { class: "utrecht-form-label", for: inputId }, t.newTitleLabel(title))),
        h("div", { class: "utrecht-form-field__input" }, input),
      ),
      h(
        "div",
        { class: "utrecht-button-group" },
        h("button", { type: "submit", class: "utrecht-button utrecht-button--primary-action" }, t.save),
        button(t.cancel, () => {
          showActions();
          document.getElementById(`open-${a.id}`)?.focus();
        }),
      ),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      commit();
    });
    form.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        showActions();
        document.getElementById(`open-${a.id}`)?.focus();
      }
    });
    replace(actions, form);
    input.focus();
    input.select();
  };
  const showConfirm = (): void => {
    const cancel = button(t.cancel, () => {
      showActions();
      document.getElementById(`open-${a.id}`)?.focus();
    });
    replace(
      actions,
      h(
        "div",
        { class: "sb-confirm", role: "group", "aria-label": t.confirmRemove(title) },
        h("p", { class: "utrecht-paragraph" }, t.confirmRemove(title)),
        h(
          "div",
          { class: "utrecht-button-group" },
          button(t.confirmRemoveYes, () => {
            remove(a.id);
            host.notify("ok", t.removed(title));
            host.refresh();
          }, "primary-action", { "data-action": "confirm-delete" }),
          cancel,
        ),
      ),
    );
    cancel.focus();
  };
  showActions();
  return row;
}

function setAsideSection(host: StartHost, entries: SetAsideEntry[]): HTMLElement {
  const t = strings(host.lang);
  return h(
    "section",
    { class: "sb-section", "aria-labelledby": "set-aside-heading", id: "set-aside" },
    h("h2", { class: "utrecht-heading-2", id: "set-aside-heading" }, t.setAsideTitle),
    h("p", { class: "utrecht-paragraph" }, t.setAsideIntro),
    h(
      "ul",
      { class: "utrecht-unordered-list" },
      ...entries.map((entry) => {
        const name = entry.key.split("/").pop() ?? entry.key;
        return h(
          "li",
          { class: "utrecht-unordered-list__item", "data-key": entry.key },
          h("span", { class: "sb-code" }, t.setAsideItem(name)),
          " ",
          h(
            "span",
            { class: "utrecht-button-group" },
            button(t.download, () => host.download(`${name}.txt`, "text/plain", entry.raw), "secondary-action", {
              "aria-label": `${t.download}: ${name}`,
            }),
            button(t.remove, () => {
              removeSetAside(entry.key);
              host.refresh("page-heading");
            }, "secondary-action", { "aria-label": `${t.remove}: ${name}` }),
          ),
        );
      }),
    ),
  );
}
