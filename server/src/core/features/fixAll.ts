// The one edit that applies every safe fix of a document, for `source.fixAll` (fix on save).

import type { Finding, RuleCode, TextEdit } from '../types';

/**
 * The edits of every safe fix of one document, for `source.fixAll`: basis lines of inferred links,
 * the defined form of a variant here (not the set-wide fix), short forms. Never a file creation or a
 * guess (an unresolved reference's suggestions). Overlapping edits keep the first in reading order.
 */
export function fixAllEdits(findings: Finding[], uri: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    if (f.uri !== uri || !SAFE_FIXES.has(f.code)) continue;
    const fix = f.fixes[0];
    if (!fix || fix.create?.length || fix.edits.some((e) => e.uri !== uri)) continue;
    for (const file of fix.edits) edits.push(...file.edits);
  }
  const key = (p: TextEdit['range']['start']): number => p.line * 1e7 + p.character;
  edits.sort((a, b) => key(a.range.start) - key(b.range.start) || key(a.range.end) - key(b.range.end));
  const out: TextEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && (key(e.range.start) < key(last.range.end) || (key(e.range.start) === key(last.range.start) && key(last.range.start) === key(last.range.end)))) continue;
    out.push(e);
  }
  return out;
}

const SAFE_FIXES: ReadonlySet<RuleCode> = new Set(['trace/inferred-link', 'term/variant', 'term/long-form']);
