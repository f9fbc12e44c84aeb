// A tiny element builder. All text goes in through `textContent` (never innerHTML), so user
// text and rule text are always shown as text.

/** A button in a message (undo, or a choice the message asks for). */
export interface MessageAction {
  label: string;
  /** The button's `data-action`. */
  action: string;
  onClick: () => void;
  primary?: boolean;
}

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes and children. `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an SVG element. */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
}

/** Appends children; strings and numbers become text nodes. */
export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of an element. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let counter = 0;
/** A fresh id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * Brings an element into view and moves the focus there, for links within the page (contents,
 * results, improvements). A question gets the focus on its chosen answer, or its first one.
 */
export function goTo(el: HTMLElement): void {
  let target: HTMLElement = el;
  if (el.classList.contains("sb-question")) {
    target = el.querySelector<HTMLInputElement>("input[type=radio]:checked") ?? el.querySelector("input") ?? el;
  }
  if (target === el && !el.matches("a[href], button, input, select, textarea, [tabindex]")) {
    el.setAttribute("tabindex", "-1");
  }
  el.scrollIntoView({ block: el.classList.contains("sb-question") ? "center" : "start" });
  target.focus({ preventScroll: true });
}
