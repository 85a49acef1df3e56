// Converts between the core's plain values (Finding, FixData, Location, term answers) and LSP types.

import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentHighlightKind,
  MarkupKind,
  SemanticTokensBuilder,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentHighlight,
  type Location as LspLocation,
  type SemanticTokens,
  type SemanticTokensLegend,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  ruleDocsUrl, RULE_CODES,
  type FixData, type Finding, type Location, type RenameEdits, type RuleCode, type SemanticTokenType, type Severity,
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

/** What a diagnostic carries back to us in a codeAction request. */
export interface DiagnosticData { fixes: FixData[] }

export function toDiagnostic(f: Finding, toClient: UriMapper): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: toClient(r.uri), range: r.range }, message: r.message })),
    data: { fixes: f.fixes } satisfies DiagnosticData,
    ...(f.tags?.length ? { tags: f.tags.map(() => DiagnosticTag.Unnecessary) } : {}),
  };
}

export function toLocation(l: Location, toClient: UriMapper): LspLocation {
  return { uri: toClient(l.uri), range: l.range };
}

export function toHighlight(h: TermHighlight): DocumentHighlight {
  return { range: h.range, kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read };
}

export function toWorkspaceEdit(r: RenameEdits, toClient: UriMapper): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const file of r.edits) {
    const uri = toClient(file.uri);
    changes[uri] = [...(changes[uri] ?? []), ...file.edits];
  }
  return { changes };
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

/**
 * One quick fix per fix the diagnostic carries. The client hands the diagnostics back as it got
 * them, but they may come from anywhere (another server, an old session), so their shape is checked.
 */
export function toCodeActions(diagnostics: Diagnostic[], toClient: UriMapper): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !isRuleCode(d.code)) continue;
    const fixes = fixesOf(d.data);
    fixes.forEach((fix, i) => {
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: toFixEdit(fix, toClient), ...(i === 0 ? { isPreferred: true } : {}) });
    });
  }
  return out;
}

/**
 * Plain edits as `changes`; a fix that creates files needs `documentChanges`, where the creation
 * comes first and the text edits name no version (the file may not be open in the editor).
 */
function toFixEdit(fix: FixData, toClient: UriMapper): WorkspaceEdit {
  if (fix.create?.length) {
    return {
      documentChanges: [
        ...fix.create.map((c) => ({ kind: 'create' as const, uri: toClient(c.uri) })),
        ...fix.edits.map((file) => ({
          textDocument: { uri: toClient(file.uri), version: null },
          edits: file.edits.map((e) => ({ range: e.range, newText: e.newText })),
        })),
      ],
    };
  }
  const changes: Record<string, LspTextEdit[]> = {};
  for (const file of fix.edits) {
    const uri = toClient(file.uri);
    changes[uri] = [...(changes[uri] ?? []), ...file.edits.map((e) => ({ range: e.range, newText: e.newText }))];
  }
  return { changes };
}

function isRuleCode(code: unknown): code is RuleCode {
  return typeof code === 'string' && (RULE_CODES as readonly string[]).includes(code);
}

function fixesOf(data: unknown): FixData[] {
  const fixes = (data as Partial<DiagnosticData> | null | undefined)?.fixes;
  if (!Array.isArray(fixes)) return [];
  return fixes.filter((f): f is FixData =>
    typeof f?.title === 'string' && Array.isArray(f.edits)
    && f.edits.every((e: unknown) => typeof (e as { uri?: unknown })?.uri === 'string' && Array.isArray((e as { edits?: unknown }).edits))
    && (f.create === undefined || (Array.isArray(f.create) && f.create.every((c: unknown) => typeof (c as { uri?: unknown })?.uri === 'string'))));
}
