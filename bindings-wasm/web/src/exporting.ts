// Exporting an assessment as a proposal file, from the checklist and from the start screen
// (before removing everything): the download, the confirmation, and the notes the proposal
// format cannot hold.

import type { Lang, Questions } from "../../pkg/sociale_bril_wasm.js";
import { strings } from "./i18n.js";
import { notesWithoutAnswer, toProposal } from "./proposal.js";
import type { SavedAssessment } from "./storage.js";

/** What an export needs from the app shell. */
export interface ExportHost {
  lang: Lang;
  questions: Questions;
  /** Offers a file for download. */
  download(name: string, type: string, text: string): void;
  /** Shows a message. */
  notify(kind: "ok" | "info" | "warning" | "error", text: string, details?: string[]): HTMLElement;
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

/**
 * Downloads an assessment as a proposal (the CLI's format) and says so; an export that leaves
 * out notes of unanswered questions names those questions (the notes stay in the browser).
 */
export function exportProposal(host: ExportHost, saved: SavedAssessment): void {
  const t = strings(host.lang);
  const name = fileName(saved.title, "json");
  host.download(name, "application/json", `${JSON.stringify(toProposal(saved), null, 2)}\n`);
  host.notify("ok", t.exported(name));
  const left = notesWithoutAnswer(saved);
  if (left.length > 0) {
    const questions = new Map<string, string>();
    for (const theme of host.questions.themes) for (const q of theme.items) questions.set(q.id, q.question);
    host.notify(
      "warning",
      t.notesNotExported(left.length),
      left.map((id) => questions.get(id) ?? id),
    );
  }
}
