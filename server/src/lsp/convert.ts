// Converts between the core's plain values (Finding, Location, term answers) and LSP types.

import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentHighlightKind,
  MarkupKind,
  SemanticTokensBuilder,
  type CompletionItem,
  type Diagnostic,
  type DocumentHighlight,
  type Location as LspLocation,
  type SemanticTokens,
  type SemanticTokensLegend,
} from 'vscode-languageserver';
import {
  ruleDocsUrl, RULE_CODES,
  type Finding, type Location, type RuleCode, type SemanticTokenType, type Severity,
  type TermCompletion, type TermHighlight, type TermToken,
} from '../core/api';

export const SOURCE = 'policy-trace';

/** Maps a URI as the core writes it to the form the client used for the same file. */
export type UriMapper = (uri: string) => string;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, toClient: UriMapper): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: toClient(r.uri), range: r.range }, message: r.message })),
    ...(f.tags?.length ? { tags: f.tags.map(() => DiagnosticTag.Unnecessary) } : {}),
  };
}

/**
 * Whether two lists of diagnostics, as toDiagnostic makes them, say the same: compared field by
 * field, not as JSON (a 200 KB document's 374 diagnostics made 150 KB of JSON at every keystroke,
 * only to be compared; the protocol then makes its own).
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!sameRange(x.range, y.range) || x.severity !== y.severity || x.code !== y.code || x.message !== y.message
      || x.source !== y.source || x.codeDescription?.href !== y.codeDescription?.href
      || (x.tags?.length ?? 0) !== (y.tags?.length ?? 0) || (x.tags ?? []).some((t, k) => t !== y.tags![k])) return false;
    const rx = x.relatedInformation ?? [];
    const ry = y.relatedInformation ?? [];
    if (rx.length !== ry.length) return false;
    for (let k = 0; k < rx.length; k++) {
      if (rx[k].message !== ry[k].message || rx[k].location.uri !== ry[k].location.uri || !sameRange(rx[k].location.range, ry[k].location.range)) return false;
    }
  }
  return true;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function toLocation(l: Location, toClient: UriMapper): LspLocation {
  return { uri: toClient(l.uri), range: l.range };
}

export function toHighlight(h: TermHighlight): DocumentHighlight {
  return { range: h.range, kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read };
}

export function toCompletionItem(c: TermCompletion): CompletionItem {
  return {
    label: c.label,
    kind: CompletionItemKind.Keyword,
    detail: c.detail,
    documentation: { kind: MarkupKind.PlainText, value: c.documentation },
    textEdit: { range: c.range, newText: c.label },
  };
}

/**
 * Standard token types and modifiers, so that every theme colours terms without a contribution of
 * ours: a term is a 'variable'; its definition adds 'declaration' (themes and "go to symbol"
 * treat it as where the name is introduced); a variant spelling adds 'deprecated', which VS Code
 * strikes through by default: the spelling works but should give way to the defined one.
 */
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: ['variable'], tokenModifiers: ['declaration', 'deprecated'] };

const TOKEN_MODIFIERS: Record<SemanticTokenType, number> = { definition: 1 << 0, use: 0, variant: 1 << 1 };

/** Tokens never span lines (the core splits them), so each is one 5-tuple. */
export function toSemanticTokens(tokens: TermToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const t of tokens) {
    builder.push(t.range.start.line, t.range.start.character, t.range.end.character - t.range.start.character, 0, TOKEN_MODIFIERS[t.type]);
  }
  return builder.build();
}

export function isRuleCode(code: unknown): code is RuleCode {
  return typeof code === 'string' && (RULE_CODES as readonly string[]).includes(code);
}
