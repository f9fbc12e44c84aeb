// Reading a number the officer typed in a form field (the budget, the duration). This is the
// one place the app turns such text into a number, and it hands the text to the core's number
// reader (`parseNumber`, core/src/table/number.rs), the same one the CLI's CSV reader and the
// Python package use: in the Dutch interface "2.500.000" is 2500000 and "2500,50" is 2500.5; in
// the English one "2,500,000.50". What cannot be read is refused, never guessed.

import { isSocialeBrilError, parseNumber } from "../../pkg/sociale_bril_wasm.js";
import type { Lang } from "../../pkg/sociale_bril_wasm.js";

/** Why a text was not read as a number. */
export type NumberProblem =
  /** Separators that read differently the Dutch and the English way. */
  | "grouping"
  /** Not a number at all ("veel", "2,5,0"). */
  | "invalid";

/** A number read from text, or why it was refused. */
export type NumberRead = { ok: true; value: number } | { ok: false; problem: NumberProblem };

/** Reads a number written the way of the interface language (Dutch: `2.500.000,50`). */
export function readNumber(text: string, lang: Lang): NumberRead {
  try {
    return { ok: true, value: parseNumber(text, lang) };
  } catch (e) {
    const code = isSocialeBrilError(e) ? e.code : undefined;
    return { ok: false, problem: code === "ambiguous-number" ? "grouping" : "invalid" };
  }
}

/** A number as the field shows it, in the form `readNumber` reads back (no grouping). */
export function numberText(n: number, lang: Lang): string {
  const s = String(n);
  return lang === "nl" ? s.replace(".", ",") : s;
}
