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
function unescapePointer(segment: string): string {
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
      const moved = moveAside(a, e.issues as ProposalIssue[]);
      if (moved === 0) throw e;
      movedAside += moved;
    }
  }
  return { assessment: rules.assess({}), movedAside };
}

function moveAside(a: SavedAssessment, issues: ProposalIssue[]): number {
  let moved = 0;
  const aside = (a.setAside ??= { context: {}, answers: {} });
  for (const issue of issues) {
    const parts = issue.pointer.split("/").slice(1).map(unescapePointer);
    const [section, key] = parts;
    if (key === undefined) continue;
    if (section === "context" && key in a.context) {
      aside.context[key] = a.context[key];
      delete a.context[key];
      moved += 1;
    } else if (section === "answers" && key in a.answers) {
      aside.answers[key] = a.answers[key];
      delete a.answers[key];
      moved += 1;
    }
  }
  return moved;
}

/** Why an import failed, for the message. */
export type ImportFailure =
  | { kind: "too-big"; limit: number }
  | { kind: "not-json"; line?: number; column?: number }
  | { kind: "foreign" }
  | { kind: "invalid"; issues: ProposalIssue[] };

/** The result of reading an import file. */
export type ImportResult = { ok: true; assessment: SavedAssessment } | { ok: false; failure: ImportFailure };

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
  let canonical: CanonicalProposal;
  try {
    canonical = rules.normalizeProposal(text);
  } catch (e) {
    if (isSocialeBrilError(e) && e.kind === "proposal") {
      return { ok: false, failure: { kind: "invalid", issues: e.issues as ProposalIssue[] } };
    }
    throw e;
  }
  return { ok: true, assessment: fromCanonical(canonical) };
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
