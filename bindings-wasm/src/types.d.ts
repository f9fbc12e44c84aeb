// Types of the values that cross the JavaScript boundary. They mirror the core crate's
// serialized forms (schemas/*.schema.json); see docs/scoring.md for their meaning.

/** Language of texts: Dutch (the default) or English. */
export type Lang = "nl" | "en";
/** Format of a report. */
export type ReportFormat = "markdown" | "md" | "html" | "json" | "canonical" | "summary" | "row";

/** How numbers are written: `nl` (2.500,50), `en` (2,500.50), or `auto` (either; an ambiguous one such as 2.500 is refused). */
export type NumberStyle = "auto" | "nl" | "en";

/** The limits on input sizes the engine enforces (`limits()`). */
export interface Limits {
  max_proposal_bytes: number;
  max_proposal_text_bytes: number;
  max_proposal_depth: number;
  max_proposal_list_items: number;
  max_proposal_issues: number;
}
/** Which JSON Schema `schema()` returns. */
export type SchemaKind = "proposal" | "ruleset" | "assessment" | "questions";

/** An answer token: a canonical token or alias (`yes`, `ja`, `unknown`, `nvt` …), a number for
 * numeric tokens (`3` on the 1–5 level scale), or `true`/`false` for `yes`/`no`. */
export type AnswerToken = string | number | boolean;
/** An answer: a token, or a token with a note (toelichting). `null` is no answer. */
export type Answer = AnswerToken | { answer: AnswerToken; note?: string | null } | null;
/** A context value: text, number, boolean, one option id, or a list of option ids. `null` is unknown. */
export type ContextValue = string | number | boolean | string[] | null;

/** A proposal, in the same JSON form the CLI and the Python package accept. */
export interface Proposal {
  $schema?: string;
  id?: string | number | null;
  title?: string | null;
  context?: Record<string, ContextValue | undefined>;
  answers?: Record<string, Answer | undefined>;
}

/** A text in Dutch and English. */
export interface Text {
  nl: string;
  en: string;
}

/** The ruleset an assessment or checklist belongs to. */
export interface RulesetInfo {
  id: string;
  version: string;
  /** `sha256:` and the hex digest of the ruleset's canonical JSON. */
  hash: string;
}

/** Score, completeness and rating of a group of items (docs/scoring.md §4–6). */
export interface Score {
  points: number;
  max: number;
  /** `null` when nothing in the group applies. */
  percent: number | null;
  /** `null` when nothing in the group applies. */
  completeness: number | null;
  applicable: number;
  answered: number;
  unknown: number;
  unanswered: number;
  not_applicable: number;
  excluded: number;
  /** A rating band id, `incomplete` or `not_applicable`. */
  rating: string;
  critical_failures: string[];
}

/** The score of one theme, principle or domain. */
export interface GroupScore extends Score {
  id: string;
  title: Text;
}

/** The status of one item (docs/scoring.md §3). */
export type ItemStatus = "answered" | "unknown" | "unanswered" | "not_applicable" | "excluded";

/** A condition, its result, and the values it read. */
export interface Why {
  condition: string;
  result: "true" | "false" | "unknown";
  values: Record<string, unknown>;
}

/** The result for one item. */
export interface ItemResult {
  id: string;
  theme: string;
  status: ItemStatus;
  /** The canonical token given (kept for an excluded item too). */
  answer: string | null;
  note: string | null;
  weight: number;
  points: number;
  max: number;
  critical: boolean;
  critical_failure: boolean;
  advice: Text | null;
  applies: Why | null;
}

/** Severity of a signal. */
export type Severity = "info" | "warning" | "critical";

/** A signal that fired. */
export interface SignalResult {
  id: string;
  severity: Severity;
  message: Text;
  why: Why;
}

/** An item answered `unknown` or not answered. */
export interface KnowledgeGap {
  item: string;
  theme: string;
  status: "unknown" | "unanswered";
  weight: number;
  critical: boolean;
  question: Text;
}

/** A ranked improvement. */
export interface Improvement {
  rank: number;
  item: string;
  theme: string;
  from: string;
  to: string;
  gain: number;
  critical_failure: boolean;
  advice: Text;
}

/** A scored checklist. */
export interface Assessment {
  ruleset: RulesetInfo;
  proposal: { id: string | number | null; title: string | null };
  overall: Score;
  themes: GroupScore[];
  principles: GroupScore[];
  domains: GroupScore[];
  items: ItemResult[];
  signals: SignalResult[];
  knowledge_gaps: KnowledgeGap[];
  improvements: Improvement[];
}

/** The type of a context field. */
export type FieldType = "text" | "number" | "boolean" | "choice" | "choices";

/** An option: a context option id or an answer token, and its label. */
export interface OptionInfo {
  id: string;
  label: string;
}

/** A context field as a form field. */
export interface ContextQuestion {
  id: string;
  type: FieldType;
  label: string;
  help: string;
  options: OptionInfo[];
  min?: number;
  max?: number;
  unit?: string;
}

/** A cited source. */
export interface SourceInfo {
  id: string;
  title: string;
  passage: string | null;
  file: string | null;
  url: string | null;
}

/** One checklist question. */
export interface Question {
  id: string;
  question: string;
  help: string;
  advice: string;
  scale: string;
  /** The scale's options, then `unknown` and `not_applicable`. */
  options: OptionInfo[];
  weight: number;
  critical: boolean;
  /** The condition under which the item applies, as written; `null` when always. */
  applies_if: string | null;
  principles: string[];
  domains: string[];
  sources: SourceInfo[];
}

/** A theme and its questions. */
export interface ThemeSection {
  id: string;
  title: string;
  description: string;
  items: Question[];
}

/** A principle or domain. */
export interface GroupInfo {
  id: string;
  title: string;
  description: string;
}

/** A rating: the bands from best to worst, then `incomplete` and `not_applicable`. */
export interface RatingInfo {
  id: string;
  label: string;
  description: string;
  /** Lowest percent of a band; `null` for `incomplete` and `not_applicable`. */
  min: number | null;
}

/** The checklist structure, in one language. */
export interface Questions {
  ruleset: RulesetInfo;
  lang: Lang;
  title: string;
  description: string;
  context: ContextQuestion[];
  themes: ThemeSection[];
  principles: GroupInfo[];
  domains: GroupInfo[];
  ratings: RatingInfo[];
}

/** A proposal in canonical form, as `normalizeProposal` returns it. */
export interface CanonicalProposal {
  id?: string | number;
  title?: string;
  context: Record<string, string | number | boolean | string[]>;
  answers: Record<string, string | { answer: string; note: string }>;
}

/** Where a problem is: a file (rulesets only), line and column when known, and a JSON pointer. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  path: string;
}

/** One problem in a ruleset. */
export interface RuleIssue {
  code: string;
  message: string;
  help?: string;
  location: { file: string; line?: number; column?: number; path: string };
  rule?: string;
}

/** One problem in a proposal. */
export interface ProposalIssue {
  code: string;
  message: string;
  help?: string;
  pointer: string;
  line?: number;
  column?: number;
  item?: string;
}

/** Every error the binding throws is an `Error` with these properties. */
export interface SocialeBrilError extends Error {
  name: "RulesetError" | "ProposalError" | "ArgumentError";
  kind: "ruleset" | "proposal" | "argument";
  /** Code of the first problem, e.g. `unknown-item`. */
  code: string;
  /** JSON pointer of the first problem (`""` for the whole document). */
  path: string;
  location: ErrorLocation | null;
  issues: Array<RuleIssue | ProposalIssue>;
}

/** Whether a thrown value is an error of this binding. */
export function isSocialeBrilError(e: unknown): e is SocialeBrilError;
