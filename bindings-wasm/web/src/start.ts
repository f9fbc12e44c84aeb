// The start screen: the saved assessments (new, open, duplicate, rename, delete with undo), any
// data that was set aside because it could not be read, and removing everything the app keeps
// in this browser (after offering to export first).

import type { Lang, Ruleset } from "../../pkg/sociale_bril_wasm.js";
import { h, replace } from "./dom.js";
import type { MessageAction } from "./dom.js";
import type { ExportHost } from "./exporting.js";
import { exportProposal } from "./exporting.js";
import { formatDate, strings } from "./i18n.js";
import { assessSaved } from "./proposal.js";
import type { Loaded, SavedAssessment, SetAsideEntry, WriteResult } from "./storage.js";
import {
  duplicate,
  newAssessment,
  remove,
  removeEverything,
  removeSetAside,
  restore,
  save,
  setAsideTime,
  titleInDamaged,
} from "./storage.js";

/** What the start screen needs from the app shell. */
export interface StartHost extends ExportHost {
  rules: Ruleset;
  ratingLabel(id: string): string;
  saved(result: WriteResult): void;
  notify(kind: "ok" | "info" | "warning" | "error", text: string, details?: string[], actions?: MessageAction[]): HTMLElement;
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

/** A delete button: the look of a secondary button in the danger colour. */
function dangerButton(text: string, onClick: () => void, attrs = {}): HTMLButtonElement {
  return button(text, onClick, "secondary-action utrecht-button--danger", attrs);
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
  if (loaded.assessments.length > 0 || loaded.setAside.length > 0) content.push(browserSection(host, loaded));
  return h("div", { class: "sb-start" }, ...content);
}

function savedTable(host: StartHost, list: SavedAssessment[]): HTMLElement {
  const t = strings(host.lang);
  const th = (text: string) => h("th", { class: "utrecht-table__header-cell", scope: "col" }, text);
  const rows = list.map((a) => savedRow(host, a));
  // On a narrow screen every row is laid out as a small block (styles.css), so nothing scrolls.
  return h(
    "table",
    { class: "utrecht-table utrecht-table--html-table sb-stacking-table sb-saved-table", id: "saved-assessments" },
    h("caption", { class: "utrecht-table__caption", id: "saved-caption" }, t.savedTableCaption),
    h(
      "thead",
      { class: "utrecht-table__header" },
      h("tr", { class: "utrecht-table__row" }, th(t.colTitle), th(t.colUpdated), th(t.colScore), th(t.colActions)),
    ),
    h("tbody", { class: "utrecht-table__body" }, ...rows),
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
    { class: "utrecht-table__cell sb-saved-table__title" },
    h("a", { class: "utrecht-link utrecht-link--html-a", href: `#/a/${a.id}`, id: `open-${a.id}` }, title),
  );
  const actions = h("td", { class: "utrecht-table__cell", "data-label": t.colActions });
  const row = h(
    "tr",
    { class: "utrecht-table__row", "data-id": a.id },
    titleCell,
    h("td", { class: "utrecht-table__cell", "data-label": t.colUpdated }, formatDate(a.updated, host.lang)),
    h("td", { class: "utrecht-table__cell", "data-label": t.colScore }, score),
    actions,
  );
  const showActions = (): void => {
    replace(
      actions,
      h(
        "div",
        { class: "utrecht-button-group sb-row-actions" },
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
        dangerButton(t.remove, () => showConfirm(), {
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
          button(t.confirmRemoveYes, () => deleteWithUndo(host, a.id, title), "primary-action utrecht-button--danger", {
            "data-action": "confirm-delete",
          }),
          cancel,
        ),
      ),
    );
    cancel.focus();
  };
  showActions();
  return row;
}

/** Deletes an assessment and offers to undo it: "Ongedaan maken" puts back exactly what was stored. */
function deleteWithUndo(host: StartHost, id: string, title: string): void {
  const t = strings(host.lang);
  const raw = remove(id);
  host.refresh();
  const message = host.notify(
    "ok",
    t.removed(title),
    [],
    raw === null
      ? []
      : [
          {
            label: t.undo,
            action: "undo",
            onClick: () => {
              const result = restore(id, raw);
              host.saved(result);
              if (result.ok) host.notify("ok", t.restored(title));
              host.refresh(`open-${id}`);
            },
          },
        ],
  );
  message.querySelector("button")?.focus();
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
      { class: "utrecht-unordered-list sb-set-aside" },
      ...entries.map((entry) => {
        const name = entry.key.split("/").pop() ?? entry.key;
        const when = setAsideTime(entry.key);
        const label = t.setAsideItem(titleInDamaged(entry.raw), when === null ? null : formatDate(when, host.lang));
        return h(
          "li",
          { class: "utrecht-unordered-list__item", "data-key": entry.key },
          h("span", {}, label),
          " ",
          h(
            "span",
            { class: "utrecht-button-group" },
            button(t.download, () => host.download(`${name}.txt`, "text/plain", entry.raw), "secondary-action", {
              "aria-label": `${t.download}: ${label}`,
            }),
            dangerButton(t.remove, () => {
              removeSetAside(entry.key);
              host.refresh("page-heading");
            }, { "aria-label": `${t.remove}: ${label}` }),
          ),
        );
      }),
    ),
  );
}

/**
 * "Remove everything this app keeps in this browser" (for a shared computer): first a panel
 * that says what goes and offers an export of every assessment, then the removal.
 */
function browserSection(host: StartHost, loaded: Loaded): HTMLElement {
  const t = strings(host.lang);
  const panel = h("div", { class: "sb-remove-all", id: "remove-all-panel", hidden: true });
  const open = dangerButton(t.removeAll, () => showPanel(), { "data-action": "remove-all", "aria-expanded": "false", "aria-controls": "remove-all-panel" });
  const close = (): void => {
    panel.hidden = true;
    panel.replaceChildren();
    open.setAttribute("aria-expanded", "false");
    open.focus();
  };
  const showPanel = (): void => {
    open.setAttribute("aria-expanded", "true");
    panel.hidden = false;
    const cancel = button(t.cancel, close, "secondary-action", { "data-action": "cancel-remove-all" });
    replace(
      panel,
      h("p", { class: "utrecht-paragraph", id: "remove-all-what" }, t.removeAllWhat(loaded.assessments.length, loaded.setAside.length)),
      loaded.assessments.length > 0 ? h("p", { class: "utrecht-paragraph" }, t.removeAllExportFirst) : null,
      loaded.assessments.length > 0
        ? h(
            "ul",
            { class: "utrecht-unordered-list sb-export-list" },
            ...loaded.assessments.map((a) =>
              h(
                "li",
                { class: "utrecht-unordered-list__item" },
                button(t.exportOne(displayTitle(a, host.lang)), () => exportProposal(host, a), "secondary-action", {
                  "data-action": "export-before-remove",
                }),
              ),
            ),
          )
        : null,
      h(
        "div",
        { class: "utrecht-button-group" },
        button(
          t.confirmRemoveAll,
          () => {
            removeEverything();
            host.refresh("page-heading");
            host.notify("ok", t.removedAll);
          },
          "primary-action utrecht-button--danger",
          { "data-action": "confirm-remove-all", "aria-describedby": "remove-all-what" },
        ),
        cancel,
      ),
    );
    panel.querySelector("button")?.focus();
  };
  return h(
    "section",
    { class: "sb-section sb-browser", "aria-labelledby": "browser-heading" },
    h("h2", { class: "utrecht-heading-2", id: "browser-heading" }, t.browserTitle),
    h("p", { class: "utrecht-paragraph" }, t.browserIntro),
    open,
    panel,
  );
}
