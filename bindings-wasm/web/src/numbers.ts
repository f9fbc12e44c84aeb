// Reading a number the officer typed in a form field (the budget, the duration). This is the
// one place the app turns such text into a number: it is meant to hand the text to the Dutch
// number reader of the core (issue 11) once the WebAssembly module exports it, and to keep its
// result type. Until then it reads only what cannot be misread — plain digits, with at most a
// decimal comma — and refuses the rest, so that "2.500.000" is never taken for 2.5.

/** Why a text was not read as a number. */
export type NumberProblem =
  /** Dots or commas that could be thousands separators or a decimal point ("2.500.000", "1,500"). */
  | "grouping"
  /** Not a number at all ("veel", "2,5,0"). */
  | "invalid";

/** A number read from text, or why it was refused. */
export type NumberRead = { ok: true; value: number } | { ok: false; problem: NumberProblem };

const PLAIN = /^[+-]?\d+(,\d+)?$/;

/**
 * Reads a number written the Dutch way: digits with an optional decimal comma. Refuses (never
 * misreads) a dot anywhere and a comma followed by exactly three digits, which may be a
 * thousands separator; the message then asks for the number without separators.
 */
export function readNumber(text: string): NumberRead {
  const s = text.trim();
  if (PLAIN.test(s)) {
    const [whole, fraction] = s.split(",");
    if (fraction !== undefined && fraction.length === 3) return { ok: false, problem: "grouping" };
    const value = Number(fraction === undefined ? whole : `${whole}.${fraction}`);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: "invalid" };
  }
  if (/^[+-]?[\d.,]+$/.test(s) && /\d/.test(s)) return { ok: false, problem: "grouping" };
  return { ok: false, problem: "invalid" };
}

/** A number as the field shows it, in the form `readNumber` reads back (no grouping, decimal comma). */
export function numberText(n: number): string {
  return String(n).replace(".", ",");
}
