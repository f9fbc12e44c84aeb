// A usage file for the binding's TypeScript declarations (pkg/sociale_bril_wasm.d.ts):
// `tsc --noEmit --strict` must accept every line here and reject the lines marked as expected
// errors. It is type-checked, never run.
import init, { Ruleset, isSocialeBrilError, limits, parseNumber, proposalKeys, schema } from "../pkg/sociale_bril_wasm.js";
import type {
  Assessment,
  CanonicalProposal,
  ContextQuestion,
  GroupScore,
  ItemStatus,
  Lang,
  Proposal,
  ProposalIssue,
  Questions,
  RuleIssue,
  SocialeBrilError,
} from "../pkg/sociale_bril_wasm.js";

export async function usage(): Promise<void> {
  await init();
  const rules: Ruleset = Ruleset.default();
  const id: string = rules.id;
  const version: string = rules.version;
  const hash: string = rules.hash;
  const again: Ruleset = Ruleset.fromJson(rules.toJson());
  const ids: string[] = rules.itemIds();

  const proposal: Proposal = {
    title: "Snelfietsroute",
    context: { instrument: "investment", citizens_affected: true, budget: 24_000_000, target_groups: ["everyone"] },
    answers: {
      "inclusie.fysieke-toegankelijkheid": { answer: "deels", note: "Hellingen" },
      "inclusie.doelgroepen-in-beeld": "ja",
      "inclusie.doenvermogen": 3,
      "sociaal-dna.monitoring": null,
    },
  };
  const a: Assessment = rules.assess(proposal);
  const fromText: Assessment = rules.assess(JSON.stringify(proposal));
  const theme: GroupScore | undefined = a.themes[0];
  const percent: number | null = theme?.percent ?? null;
  const rating: string = a.overall.rating;
  const status: ItemStatus | undefined = a.items[0]?.status;
  const excluded: boolean = a.items.some((i) => i.status === "excluded" && i.answer !== null);
  const advice: string | undefined = a.improvements[0]?.advice.nl;
  const gain: number | undefined = a.improvements[0]?.gain;
  const severity: "info" | "warning" | "critical" | undefined = a.signals[0]?.severity;
  const canonical: string = rules.assessCanonical(proposal);
  const normal: CanonicalProposal = rules.normalizeProposal(proposal);
  const token: string | { answer: string; note: string } | undefined = normal.answers["x"];

  const lang: Lang = "en";
  const q: Questions = rules.questions(lang);
  const nl: Questions = rules.questions();
  const field: ContextQuestion | undefined = q.context[0];
  const kind: "text" | "number" | "boolean" | "choice" | "choices" | undefined = field?.type;
  const labels: string[] = nl.themes.flatMap((t) => t.items.flatMap((i) => i.options.map((o) => o.label)));
  const appliesIf: string | null | undefined = nl.themes[0]?.items[0]?.applies_if;

  const md: string = rules.report(proposal, "markdown");
  const row: string = rules.report(proposal, "row");
  const budget: number = parseNumber("2.500,50", "nl");
  const auto: number = parseNumber("2500");
  const maxBytes: number = limits().max_proposal_bytes;
  const keys: string[] = proposalKeys();
  const fromRow: Proposal = rules.proposalFromRow(["id", "budget"], ["a", "2.500,50"], 2, "auto");
  const html: string = rules.report(proposal, "html", "en");
  const generic: object = schema("assessment");
  const specific: object = rules.schema("proposal");
  const genericProposal: object = rules.schema("proposal", true);
  const proposalSchema: object = rules.proposalSchema();

  // @ts-expect-error: reports come in the core's output formats only
  rules.report(proposal, "pdf");
  // @ts-expect-error: numbers are written the Dutch or the English way
  parseNumber("2,5", "fr");
  // @ts-expect-error: the languages are nl and en
  rules.questions("de");
  // @ts-expect-error: no such schema
  schema("everything");
  // @ts-expect-error: a proposal's answers are tokens or {answer, note}
  rules.assess({ answers: { "inclusie.doelgroepen-in-beeld": { note: "no answer" } } });
  // @ts-expect-error: read-only
  rules.id = "other";

  try {
    rules.assess({ answers: { "no.such-item": "ja" } });
  } catch (e: unknown) {
    if (isSocialeBrilError(e)) {
      const err: SocialeBrilError = e;
      const message: string = err.message;
      const k: "ruleset" | "proposal" | "argument" = err.kind;
      const code: string = err.code;
      const path: string = err.path;
      const line: number | undefined = err.location?.line;
      const file: string | undefined = err.location?.file;
      const issues: Array<RuleIssue | ProposalIssue> = err.issues;
      const isError: Error = err;
      void [message, k, code, path, line, file, issues, isError];
    }
  }

  again.free();
  rules.free();
  void [id, version, hash, ids, fromText, percent, rating, status, excluded, advice, gain, severity];
  void [canonical, token, nl, kind, labels, appliesIf, md, html, generic, specific, genericProposal, proposalSchema];
}
