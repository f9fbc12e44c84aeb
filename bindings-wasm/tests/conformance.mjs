// The conformance suite (tests/conformance) run through the WebAssembly module in Node: every
// case must give the expected canonical JSON, byte for byte, as in Rust and Python.
//
//   node --test tests/conformance.mjs        (after scripts/build.sh; scripts/test.sh runs it)
//
// Proposals go in as JavaScript objects (what a browser caller passes), or as text for the
// cases that give `proposal_text`; numbers through `parseNumber`, table rows through
// `Ruleset.proposalFromRow`.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import init, { Ruleset, isSocialeBrilError, parseNumber } from "../pkg/sociale_bril_wasm.js";

const here = dirname(fileURLToPath(import.meta.url));
const SUITE = resolve(here, "..", "..", "tests", "conformance");

await init({ module_or_path: readFileSync(join(here, "..", "pkg", "sociale_bril_wasm_bg.wasm")) });

/** JSON with object keys sorted, no whitespace (the canonical form, for error results). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `{"error": {"kind", "issues"}}`, each issue without its message and help. */
function errorResult(e) {
  assert.ok(isSocialeBrilError(e), `an error of the binding: ${e}`);
  const issues = e.issues.map(({ message: _m, help: _h, ...rest }) => rest);
  return canonical({ error: { kind: e.kind, issues } });
}

/** `{"value": x}`, or the error of a number that cannot be read. */
function runNumber(text, numbers) {
  try {
    return canonical({ value: parseNumber(text, numbers) });
  } catch (e) {
    return errorResult(e);
  }
}

/** `{"rows": [...]}`: each row read into a proposal (row n, from 0, is line n + 2), or its error. */
function runTable(rules, table) {
  const rows = [];
  for (const [n, cells] of table.rows.entries()) {
    try {
      rows.push(rules.proposalFromRow(table.columns, cells, n + 2, table.numbers));
    } catch (e) {
      if (e.code === "unknown-column") return errorResult(e);
      rows.push(JSON.parse(errorResult(e)));
    }
  }
  return canonical({ rows });
}

function runCase(c) {
  if (typeof c.number === "string") return runNumber(c.number, c.numbers);
  let rules;
  try {
    if (c.ruleset === "default") rules = Ruleset.default();
    else if (typeof c.ruleset === "string") rules = Ruleset.fromJson(readFileSync(join(SUITE, c.ruleset), "utf8"));
    else rules = Ruleset.fromJson(JSON.stringify(c.ruleset));
  } catch (e) {
    return errorResult(e);
  }
  try {
    if (c.table !== undefined) return runTable(rules, c.table);
    return rules.assessCanonical(typeof c.proposal_text === "string" ? c.proposal_text : c.proposal);
  } catch (e) {
    return errorResult(e);
  } finally {
    rules.free();
  }
}

const names = readdirSync(join(SUITE, "cases"))
  .filter((n) => n.endsWith(".json") && !n.endsWith(".expected.json"))
  .sort();

test("the suite has cases", () => assert.ok(names.length >= 50));

for (const name of names) {
  test(name.replace(/\.json$/, ""), () => {
    const c = JSON.parse(readFileSync(join(SUITE, "cases", name), "utf8"));
    const want = readFileSync(join(SUITE, "cases", name.replace(/\.json$/, ".expected.json")), "utf8");
    assert.equal(`${runCase(c)}\n`, want);
  });
}
