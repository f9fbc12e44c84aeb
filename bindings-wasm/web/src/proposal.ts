// Between the saved assessment (what the form holds) and the proposal JSON the engine, the CLI
// and the Python package read. All checking of values against the rules is the engine's: the
// app only moves values the engine rejects aside, so that one stale value never blocks the rest.

import type {
  Assessment,
  CanonicalProposal,
  Proposal,
  ProposalIssue,
  Ruleset,
  SocialeBrilError,
} from "../../pkg/sociale_bril_wasm.js";
import { isSocialeBrilError, limits, proposalKeys } from "../../pkg/sociale_bril_wasm.js";
import type { FormValue, SavedAssessment } from "./storage.js";
import { newAssessment } from "./storage.js";

/** The proposal JSON of a saved assessment, as exported (same format as the CLI reads). */
export function toProposal(a: SavedAssessment): Proposal {
  const answers: Record<string, string | { answer: string; note: string }> = {};
  for (const [item, token] of Object.entries(a.answers)) {
    const note = a.notes[item]?.trim();
    answers[item] = note ? { answer: token, note: a.notes[item] ?? "" } : token;
  }
  const proposal: Proposal = {};
  if (a.proposalId !== undefined) proposal.id = a.proposalId;
  if (a.title.trim() !== "") proposal.title = a.title;
  proposal.context = { ...a.context };
  proposal.answers = answers;
  return proposal;
}

/**
 * The items that have a note but no answer, in question order of the saved notes: the proposal
 * format holds a note only with an answer, so `toProposal` leaves these notes out.
 */
export function notesWithoutAnswer(a: SavedAssessment): string[] {
  return Object.entries(a.notes)
    .filter(([item, note]) => note.trim() !== "" && a.answers[item] === undefined)
    .map(([item]) => item);
}

/** Decodes a JSON pointer segment (`~1` → `/`, `~0` → `~`). */
export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The result of `assessSaved`. */
export interface Assessed {
  assessment: Assessment;
  /** How many values were moved aside in this call (the caller saves the assessment). */
  movedAside: number;
}

/**
 * Assesses a saved assessment. A value the engine rejects (a context value or answer that no
 * longer fits the ruleset) is moved to `setAside` and the rest is assessed; nothing is lost.
 */
export function assessSaved(rules: Ruleset, a: SavedAssessment): Assessed {
  let movedAside = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return { assessment: rules.assess(toProposal(a)), movedAside };
    } catch (e) {
      if (!isSocialeBrilError(e) || e.kind !== "proposal") throw e;
      const aside = (a.setAside ??= { context: {}, answers: {} });
      const moved = takeOut(a, e.issues as ProposalIssue[], (r) => {
        aside[r.section][r.key] = r.value;
      });
      if (moved === 0) throw e;
      movedAside += moved;
    }
  }
  return { assessment: rules.assess({}), movedAside };
}

/** How many times an import takes values out and tries again (the engine reports 50 at a time). */
const IMPORT_ROUNDS = 25;

/** A value that does not fit the ruleset, taken out of a proposal or an assessment. */
export interface Rejected {
  section: "context" | "answers";
  /** The context field or item id. */
  key: string;
  /** The value as it was (an answer with its note, as in the file). */
  value: unknown;
  /** The engine's code for what is wrong (`context-type`, `unknown-item`, …). */
  code: string;
}

/**
 * Takes every context value and answer the engine's issues point at out of `doc` and hands
 * each to `onTaken`; returns how many. An issue anywhere else (the title, the shape of the
 * file) takes nothing out.
 */
function takeOut(
  doc: { context?: unknown; answers?: unknown },
  issues: ProposalIssue[],
  onTaken: (r: Rejected) => void,
): number {
  let taken = 0;
  for (const issue of issues) {
    const [section, key] = issue.pointer.split("/").slice(1).map(unescapePointer);
    if ((section !== "context" && section !== "answers") || key === undefined) continue;
    const map = doc[section];
    if (typeof map !== "object" || map === null || Array.isArray(map) || !Object.hasOwn(map, key)) continue;
    const values = map as Record<string, unknown>;
    onTaken({ section, key, value: values[key], code: issue.code });
    delete values[key];
    taken += 1;
  }
  return taken;
}

/** Why an import failed, for the message. */
export type ImportFailure =
  | { kind: "too-big"; limit: number }
  | { kind: "not-json"; line?: number; column?: number }
  | { kind: "foreign" }
  | { kind: "invalid"; issues: ProposalIssue[] };

/**
 * The result of reading an import file: a new assessment with everything that fits, and what
 * did not fit (kept in the assessment's `setAside`, listed for the message).
 */
export type ImportResult =
  | { ok: true; assessment: SavedAssessment; rejected: Rejected[] }
  | { ok: false; failure: ImportFailure };

/** Reads a proposal file into a new saved assessment; never touches the current work. */
export function importProposal(rules: Ruleset, raw: string): ImportResult {
  // The engine's own limit, in UTF-8 bytes as the engine counts them.
  const limit = limits().max_proposal_bytes;
  if (new TextEncoder().encode(raw).length > limit) return { ok: false, failure: { kind: "too-big", limit } };
  // Editors on Windows may start a UTF-8 file with a byte order mark; it is not part of the JSON.
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Let the engine locate the syntax error (line and column).
    const located = engineError(() => rules.normalizeProposal(text));
    const loc = located?.location;
    return { ok: false, failure: { kind: "not-json", line: loc?.line, column: loc?.column } };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, failure: { kind: "foreign" } };
  }
  const keys = Object.keys(parsed);
  const known = proposalKeys();
  if (!keys.some((k) => known.includes(k)) || keys.some((k) => !known.includes(k))) {
    return { ok: false, failure: { kind: "foreign" } };
  }
  // What does not fit is taken out, one round of the engine's issues at a time, until the rest
  // reads; the first round reads the text itself, so that a key given twice is reported too.
  const doc = parsed as { context?: unknown; answers?: unknown };
  const rejected: Rejected[] = [];
  let input = text;
  for (let round = 0; round < IMPORT_ROUNDS; round++) {
    try {
      const canonical = rules.normalizeProposal(input);
      const assessment = fromCanonical(canonical);
      keepUnknowns(assessment, doc.context);
      keepRejected(assessment, rejected);
      return { ok: true, assessment, rejected };
    } catch (e) {
      if (!isSocialeBrilError(e) || e.kind !== "proposal") throw e;
      const issues = e.issues as ProposalIssue[];
      if (takeOut(doc, issues, (r) => rejected.push(r)) === 0) {
        return { ok: false, failure: { kind: "invalid", issues } };
      }
      input = JSON.stringify(doc);
    }
  }
  return { ok: false, failure: { kind: "invalid", issues: [] } };
}

/** Context fields the file sets to `null` ("Weet ik niet" chosen) stay so in the assessment. */
function keepUnknowns(a: SavedAssessment, context: unknown): void {
  if (typeof context !== "object" || context === null || Array.isArray(context)) return;
  for (const [field, value] of Object.entries(context)) {
    if (value === null && !(field in a.context)) a.context[field] = null;
  }
}

/**
 * Keeps what did not fit in the new assessment's `setAside`, as it was in the file. The note
 * of an answer to a question the ruleset has also goes to that question, where it is seen.
 */
function keepRejected(a: SavedAssessment, rejected: Rejected[]): void {
  if (rejected.length === 0) return;
  const aside = (a.setAside ??= { context: {}, answers: {} });
  for (const r of rejected) {
    aside[r.section][r.key] = r.value;
    if (r.section === "answers" && r.code !== "unknown-item" && isNoted(r.value)) {
      a.notes[r.key] = r.value.note;
    }
  }
}

function isNoted(v: unknown): v is { note: string } {
  return typeof v === "object" && v !== null && typeof (v as { note?: unknown }).note === "string";
}

function engineError(f: () => unknown): SocialeBrilError | null {
  try {
    f();
    return null;
  } catch (e) {
    return isSocialeBrilError(e) ? e : null;
  }
}

/** A new saved assessment holding a canonical proposal. */
export function fromCanonical(p: CanonicalProposal): SavedAssessment {
  const a = newAssessment(p.title ?? "");
  if (p.id !== undefined) a.proposalId = p.id;
  for (const [field, value] of Object.entries(p.context)) {
    a.context[field] = value as FormValue;
  }
  for (const [item, answer] of Object.entries(p.answers)) {
    if (typeof answer === "string") {
      a.answers[item] = answer;
    } else {
      a.answers[item] = answer.answer;
      a.notes[item] = answer.note;
    }
  }
  return a;
}
