// Saved assessments in the browser's localStorage, one key per assessment.
//
// - Every change is written at once (autosave); a write that fails (storage full, storage
//   disabled) is reported to the caller, which keeps the work in memory and says so.
// - A stored value that cannot be read is never dropped: it is moved to the "set aside"
//   namespace (or, if even that fails, left where it is and skipped), and listed for download.

import type { Lang } from "../../pkg/sociale_bril_wasm.js";

const PREFIX = "sociale-bril/v1/";
const ASSESSMENT = `${PREFIX}assessment/`;
const SET_ASIDE = `${PREFIX}set-aside/`;
const LANG_KEY = `${PREFIX}lang`;

/** A context value as the form keeps it. */
export type FormValue = string | number | boolean | string[];

/** One saved assessment: the proposal as the user entered it, plus notes and bookkeeping. */
export interface SavedAssessment {
  format: 1;
  id: string;
  created: string;
  updated: string;
  title: string;
  /** The proposal's own id, when an imported proposal had one (exported again). */
  proposalId?: string | number;
  /** Context values that are set, by field id; `null` is "Weet ik niet" chosen on purpose. */
  context: Record<string, FormValue | null>;
  /** Canonical answer tokens, by item id. */
  answers: Record<string, string>;
  /** Notes (toelichting), by item id; kept even without an answer. */
  notes: Record<string, string>;
  /** Values that do not fit the current ruleset (kept, not scored). */
  setAside?: { context: Record<string, unknown>; answers: Record<string, unknown> };
}

/** Why a write failed. */
export type WriteFailure = "quota" | "unavailable";

/** The result of a write. */
export type WriteResult = { ok: true } | { ok: false; reason: WriteFailure };

/** Data that could not be read, kept under its own key. */
export interface SetAsideEntry {
  key: string;
  raw: string;
}

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isQuota(e: unknown): boolean {
  return (
    e instanceof DOMException &&
    (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22)
  );
}

function write(key: string, value: string): WriteResult {
  const s = store();
  if (!s) return { ok: false, reason: "unavailable" };
  try {
    s.setItem(key, value);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: isQuota(e) ? "quota" : "unavailable" };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((x) => typeof x === "string");
}

function isFormValue(v: unknown): v is FormValue {
  return (
    typeof v === "string" ||
    typeof v === "boolean" ||
    (typeof v === "number" && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every((x) => typeof x === "string"))
  );
}

/** Checks the shape of a stored assessment. */
export function parseSaved(raw: string): SavedAssessment | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(v) || v.format !== 1) return null;
  const { id, created, updated, title, context, answers, notes, setAside, proposalId } = v;
  if (typeof id !== "string" || id === "") return null;
  if (typeof created !== "string" || typeof updated !== "string" || typeof title !== "string")
    return null;
  if (!isRecord(context) || !Object.values(context).every((x) => x === null || isFormValue(x))) return null;
  if (!isStringMap(answers) || !isStringMap(notes)) return null;
  if (proposalId !== undefined && typeof proposalId !== "string" && typeof proposalId !== "number")
    return null;
  if (setAside !== undefined && !(isRecord(setAside) && isRecord(setAside.context) && isRecord(setAside.answers)))
    return null;
  return v as unknown as SavedAssessment;
}

/** A new, empty assessment. */
export function newAssessment(title = ""): SavedAssessment {
  const now = new Date().toISOString();
  return { format: 1, id: newId(), created: now, updated: now, title, context: {}, answers: {}, notes: {} };
}

function newId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether a storage key (as a `storage` event reports it) can change what the app shows: an
 * assessment or set-aside data, or every key at once (`null`, storage cleared).
 */
export function affectsAssessments(key: string | null): boolean {
  return key === null || key.startsWith(ASSESSMENT) || key.startsWith(SET_ASIDE);
}

/** Whether a storage key (as a `storage` event reports it) can change the assessment `id`. */
export function affectsAssessment(key: string | null, id: string): boolean {
  return key === null || key === ASSESSMENT + id;
}

/** Saves an assessment (its `updated` time is set now). */
export function save(a: SavedAssessment): WriteResult {
  a.updated = new Date().toISOString();
  return write(ASSESSMENT + a.id, JSON.stringify(a));
}

/** A copy of an assessment under a new id. */
export function duplicate(a: SavedAssessment, title: string): SavedAssessment {
  const copy = JSON.parse(JSON.stringify(a)) as SavedAssessment;
  const now = new Date().toISOString();
  copy.id = newId();
  copy.created = now;
  copy.updated = now;
  copy.title = title;
  return copy;
}

/**
 * Deletes an assessment and returns what was stored, so that the delete can be undone with
 * `restore` (null when there was nothing).
 */
export function remove(id: string): string | null {
  const s = store();
  const raw = s?.getItem(ASSESSMENT + id) ?? null;
  s?.removeItem(ASSESSMENT + id);
  return raw;
}

/** Puts back an assessment exactly as `remove` returned it (undo). */
export function restore(id: string, raw: string): WriteResult {
  return write(ASSESSMENT + id, raw);
}

/** Removes everything the app keeps in this browser: assessments, set-aside data, the language. */
export function removeEverything(): void {
  const s = store();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) s.removeItem(key);
}

/**
 * The title of the assessment in data that could not be read, when it can still be found: from
 * the JSON if it parses, else from a `"title": "…"` in the text (a record cut off later on).
 */
export function titleInDamaged(raw: string): string | null {
  try {
    const v: unknown = JSON.parse(raw);
    if (isRecord(v) && typeof v.title === "string" && v.title.trim() !== "") return v.title.trim();
  } catch {
    // Not JSON (cut off, for example): look for the title in the text.
  }
  const m = /"title"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(raw);
  if (!m?.[1]) return null;
  try {
    const title: unknown = JSON.parse(m[1]);
    return typeof title === "string" && title.trim() !== "" ? title.trim() : null;
  } catch {
    return null;
  }
}

/** When data was set aside, from its key (`…/set-aside/<ISO time>-<id>`), if the key says. */
export function setAsideTime(key: string): string | null {
  const m = /\/set-aside\/(\d{4}-\d\d-\d\dT[\d:.]+Z)-/.exec(key);
  return m?.[1] ?? null;
}

/** Deletes data that was set aside. */
export function removeSetAside(key: string): void {
  if (key.startsWith(PREFIX)) store()?.removeItem(key);
}

/** What `loadAll` found. */
export interface Loaded {
  assessments: SavedAssessment[];
  setAside: SetAsideEntry[];
  /** How many damaged entries this call found and set aside. */
  newlySetAside: number;
}

/** Reads every saved assessment; damaged ones are set aside (moved, never dropped). */
export function loadAll(): Loaded {
  const s = store();
  const result: Loaded = { assessments: [], setAside: [], newlySetAside: 0 };
  if (!s) return result;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key !== null) keys.push(key);
  }
  for (const key of keys) {
    const raw = s.getItem(key);
    if (raw === null) continue;
    if (key.startsWith(SET_ASIDE)) {
      result.setAside.push({ key, raw });
    } else if (key.startsWith(ASSESSMENT)) {
      const a = parseSaved(raw);
      if (a && ASSESSMENT + a.id === key) {
        result.assessments.push(a);
      } else {
        result.newlySetAside += 1;
        const aside = `${SET_ASIDE}${new Date().toISOString()}-${key.slice(ASSESSMENT.length)}`;
        if (write(aside, raw).ok) {
          s.removeItem(key);
          result.setAside.push({ key: aside, raw });
        } else {
          // No room to move it: leave it where it is, but never use or drop it.
          result.setAside.push({ key, raw });
        }
      }
    }
  }
  // Newest first by creation, so that renaming, opening or working on one does not move it.
  result.assessments.sort((a, b) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id));
  result.setAside.sort((a, b) => a.key.localeCompare(b.key));
  return result;
}

/** Reads one assessment (null when missing or damaged). */
export function load(id: string): SavedAssessment | null {
  const raw = store()?.getItem(ASSESSMENT + id);
  return raw ? parseSaved(raw) : null;
}

/** The language the user chose last time (Dutch when none). */
export function loadLang(): Lang {
  try {
    return store()?.getItem(LANG_KEY) === "en" ? "en" : "nl";
  } catch {
    return "nl";
  }
}

/** Remembers the language. A failure is harmless (the default is Dutch). */
export function saveLang(lang: Lang): void {
  write(LANG_KEY, lang);
}
