// Converts between the core's plain values (Finding, FixData, Location) and LSP types.

import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Location as LspLocation,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { ruleDocsUrl, RULE_CODES, type FixData, type Finding, type Location, type RuleCode, type Severity } from '../core/api';

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
  };
}

export function toLocation(l: Location, toClient: UriMapper): LspLocation {
  return { uri: toClient(l.uri), range: l.range };
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
      const changes: Record<string, LspTextEdit[]> = {};
      for (const file of fix.edits) {
        const uri = toClient(file.uri);
        changes[uri] = [...(changes[uri] ?? []), ...file.edits.map((e) => ({ range: e.range, newText: e.newText }))];
      }
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes }, ...(i === 0 ? { isPreferred: true } : {}) });
    });
  }
  return out;
}

function isRuleCode(code: unknown): code is RuleCode {
  return typeof code === 'string' && (RULE_CODES as readonly string[]).includes(code);
}

function fixesOf(data: unknown): FixData[] {
  const fixes = (data as Partial<DiagnosticData> | null | undefined)?.fixes;
  if (!Array.isArray(fixes)) return [];
  return fixes.filter((f): f is FixData =>
    typeof f?.title === 'string' && Array.isArray(f.edits)
    && f.edits.every((e: unknown) => typeof (e as { uri?: unknown })?.uri === 'string' && Array.isArray((e as { edits?: unknown }).edits)));
}
