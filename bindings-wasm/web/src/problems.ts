// What does not fit in a proposal, said in plain words in the interface language: the field or
// question by its label, the value as it was in the file, and what would fit. The engine's own
// messages are for developers (English, JSON pointers); the app shows these instead.

import type { Lang, ProposalIssue, Questions } from "../../pkg/sociale_bril_wasm.js";
import { formatNumber, strings } from "./i18n.js";
import type { Rejected } from "./proposal.js";
import { unescapePointer } from "./proposal.js";

/** A value from a file or a form, as text. */
export function shownValue(v: unknown, lang: Lang): string {
  const t = strings(lang);
  if (v === undefined) return "";
  if (v === null) return t.boolUnknown;
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v, lang, 2);
  if (typeof v === "boolean") return v ? t.boolYes : t.boolNo;
  if (Array.isArray(v)) return v.map((x) => shownValue(x, lang)).join(", ");
  if (typeof v === "object" && "answer" in v) return shownValue((v as { answer: unknown }).answer, lang);
  return JSON.stringify(v);
}

/** One thing that does not fit, as a sentence. */
export function describeRejected(r: Pick<Rejected, "section" | "key" | "value" | "code">, q: Questions): string {
  const t = strings(q.lang);
  const value = shownValue(r.value, q.lang);
  if (r.section === "context") {
    const field = q.context.find((f) => f.id === r.key);
    if (!field || r.code === "unknown-field") return t.problemUnknownField(r.key);
    switch (r.code) {
      case "context-type":
        return t.problemType(field.label, value, t.expected[field.type] ?? field.type);
      case "unknown-option":
        return t.problemOption(field.label, value);
      case "out-of-range":
        return t.problemRange(field.label, value, t.numberRange(field.min, field.max));
      case "duplicate-key":
        return t.problemTwice(field.label);
      default:
        return t.problemOther(field.label);
    }
  }
  const question = q.themes.flatMap((theme) => theme.items).find((i) => i.id === r.key);
  if (!question || r.code === "unknown-item") return t.problemUnknownItem(r.key, value);
  switch (r.code) {
    case "unknown-token":
      return t.problemToken(question.question, value);
    case "duplicate-key":
      return t.problemTwice(question.question);
    default:
      return t.problemOther(question.question);
  }
}

/** A problem the import could not set aside (the title, the shape of the file), as a sentence. */
export function describeIssue(issue: ProposalIssue, q: Questions): string {
  const t = strings(q.lang);
  const [section, key] = issue.pointer.split("/").slice(1).map(unescapePointer);
  if ((section === "context" || section === "answers") && key !== undefined) {
    return describeRejected({ section, key, value: undefined, code: issue.code }, q);
  }
  if (issue.code === "too-many-issues") return t.problemTooMany;
  if (section === "title") return t.problemTitle;
  return t.problemShape;
}
