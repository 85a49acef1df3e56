// <!-- policy-trace-disable-next-line term/variant --> and <!-- policy-trace-disable … -->
// … <!-- policy-trace-enable --> : one-off exceptions, written where they apply.

import type { LineIndex } from '../text/lineIndex';
import type { Comment } from './markdown';

export interface Suppression {
  /** 0-based lines, inclusive. */
  fromLine: number;
  toLine: number;
  /** Rule codes; empty means every rule. */
  codes: string[];
}

const DIRECTIVE = /policy-trace-(disable-next-line|disable|enable)\b([^>]*?)(?:-->|$)/g;

export function findSuppressions(comments: Comment[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const open: { line: number; codes: string[] }[] = [];
  for (const c of comments) {
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(c.text); m; m = DIRECTIVE.exec(c.text)) {
      const codes = m[2].split(/[\s,]+/).filter((x) => /^[a-z]+\/[a-z-]+$/.test(x));
      const end = lines.position(c.span.end).line;
      if (m[1] === 'disable-next-line') out.push({ fromLine: end + 1, toLine: end + 1, codes });
      else if (m[1] === 'disable') open.push({ line: end, codes });
      else {
        const startLine = lines.position(c.span.start).line;
        for (const o of open.splice(0)) out.push({ fromLine: o.line, toLine: startLine, codes: o.codes });
      }
    }
  }
  for (const o of open) out.push({ fromLine: o.line, toLine: Number.MAX_SAFE_INTEGER, codes: o.codes });
  return out;
}

export function isSuppressed(suppressions: Suppression[], line: number, code: string): boolean {
  return suppressions.some((s) => line >= s.fromLine && line <= s.toLine && (s.codes.length === 0 || s.codes.includes(code)));
}
