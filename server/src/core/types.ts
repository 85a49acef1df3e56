// Shared value types of the analysis core: plain data, no behaviour, no LSP imports.

export type Tier = 'policy' | 'standard' | 'procedure';
export const TIERS: readonly Tier[] = ['policy', 'standard', 'procedure'];

/** An LSP-compatible position: 0-based line, UTF-16 code units. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** Half-open UTF-16 offsets into a document's text. */
export interface Span { start: number; end: number }

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const RULE_CODES = [
  'trace/missing-standard',
  'trace/missing-procedure',
  'trace/unresolved-reference',
  'trace/orphan',
  'trace/inferred-link',
  'trace/no-measures',
  'trace/confidential-leak',
  'trace/threat-unaddressed',
  'trace/suspect',
  'ref/unresolved',
  'ref/toc-mismatch',
  'structure/numbering',
  'guideline/missing-measure',
  'guideline/missing-chapter',
  'term/variant',
  'term/undefined',
  'term/unused',
  'term/conflict',
  'term/long-form',
  'term/before-definition',
  'config/invalid',
  'config/encoding',
  'config/unmatched',
  'document/limit',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const DEFAULT_SEVERITY: Record<RuleCode, Severity> = {
  'trace/missing-standard': 'warning',
  'trace/missing-procedure': 'warning',
  'trace/unresolved-reference': 'error',
  'trace/orphan': 'information',
  'trace/inferred-link': 'hint',
  'trace/no-measures': 'error',
  'trace/confidential-leak': 'warning',
  'trace/threat-unaddressed': 'information',
  'trace/suspect': 'warning',
  'ref/unresolved': 'error',
  'ref/toc-mismatch': 'warning',
  'structure/numbering': 'warning',
  'guideline/missing-measure': 'information',
  'guideline/missing-chapter': 'hint',
  'term/variant': 'warning',
  'term/undefined': 'warning',
  'term/unused': 'hint',
  'term/conflict': 'warning',
  'term/long-form': 'information',
  'term/before-definition': 'information',
  'config/invalid': 'error',
  'config/encoding': 'information',
  'config/unmatched': 'warning',
  'document/limit': 'warning',
};

export type Locale = 'ja' | 'en';

export interface Location { uri: string; range: Range }

export interface RelatedInfo extends Location { message: string }

/** A text edit, LSP-shaped, so quick fixes pass through the glue unchanged. */
export interface TextEdit { range: Range; newText: string }

/** What a quick fix needs, carried on the diagnostic like vscode-markdown-languageservice does. */
export interface FixData {
  title: string;
  edits: { uri: string; edits: TextEdit[] }[];
  /** Files to create (empty) before the edits run; the edits then write their text. */
  create?: { uri: string }[];
  /**
   * Mends every finding of its kind at once (all the set's variants, all a document's suspect
   * references), and comes with each of them: the editor offers it beside the finding's own fix. A
   * report gives each finding its own fix only: repeated with every finding, this edit would grow
   * as their square (10 MB set: 40 MB of SARIF).
   */
  all?: true;
}

/** A diagnostic as the core reports it; the glue maps it 1:1 to LSP. */
export interface Finding {
  uri: string;
  range: Range;
  severity: Severity;
  code: RuleCode;
  message: string;
  related: RelatedInfo[];
  fixes: FixData[];
  /** 'unnecessary' greys the range out in editors (an unused definition). */
  tags?: 'unnecessary'[];
}

/** Where each rule is documented: its section of the README, by a stable anchor. */
export const DOCS_URL = 'https://github.com/policy-trace/policy-trace/blob/main/README.md';
export function ruleDocsUrl(code: RuleCode): string {
  return `${DOCS_URL}#${code.replace('/', '-')}`;
}
