// prh dictionaries (prh.yml), which Japanese teams already keep for 表記ゆれ, read as extra variant
// rules: each rule's patterns are spellings to replace with its `expected` form.

import { parseDocument, isMap, isSeq, isScalar } from 'yaml';
import type { Span } from '../types';
import type { Prose } from '../text/prose';
import { proseSpan } from '../text/prose';

export interface PrhRule {
  expected: string;
  patterns: (string | RegExp)[];
}

/** A problem of a dictionary: YAML's own sentence, or one of ours (`untrusted`: a regular expression refused). */
export interface PrhProblem { span: Span; message: string; untrusted?: true }

/** Reads a prh.yml; broken YAML or a rule without `expected` is a problem at its spot. */
/**
 * `regex: false` (an untrusted workspace): `/…/` patterns are not compiled: a workspace we do not
 * trust gets to run no pattern of its own, and each one is a problem at its spot.
 */
export function parsePrh(text: string, options: { regex: boolean } = { regex: true }): { rules: PrhRule[]; problems: PrhProblem[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    return { rules: [], problems: [{ span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, message: e.message.split('\n')[0] }] };
  }
  const rules: PrhRule[] = [];
  const problems: PrhProblem[] = [];
  const root = doc.contents;
  const list = isMap(root) ? root.get('rules', true) : undefined;
  if (!isSeq(list)) return { rules, problems };
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const expected = item.get('expected');
    if (typeof expected !== 'string' || !expected) {
      const r = (item as { range?: [number, number, number] }).range;
      problems.push({ span: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }, message: 'expected' });
      continue;
    }
    const raw = item.get('patterns', true) ?? item.get('pattern', true);
    const values = isSeq(raw) ? raw.items : raw !== undefined ? [raw] : [];
    const patterns = values.flatMap((v) => {
      if (!isScalar(v) || typeof v.value !== 'string') return [];
      if (!options.regex && REGEX.test(v.value)) {
        const r = v.range;
        problems.push({ span: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }, message: v.value, untrusted: true });
        return [];
      }
      return [toPattern(v.value)];
    });
    if (!patterns.length && values.length) continue;
    // prh without a pattern matches the expected form in other widths and cases.
    rules.push({ expected, patterns: patterns.length ? patterns : [new RegExp(escape(expected), 'giu')] });
  }
  return { rules, problems };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const REGEX = /^\/(.+)\/([a-z]*)$/s;

function toPattern(value: string): string | RegExp {
  const m = REGEX.exec(value);
  if (!m) return value;
  try {
    return new RegExp(m[1], m[2].includes('g') ? m[2] : m[2] + 'g');
  } catch {
    return value;
  }
}

export interface PrhUse { rule: PrhRule; written: string; span: Span }

/** Every place a rule's pattern matches with something other than the expected form. */
export function findPrhUses(prose: Prose[], rules: PrhRule[]): PrhUse[] {
  const out: PrhUse[] = [];
  for (const p of prose) {
    for (const rule of rules) {
      for (const pattern of rule.patterns) {
        if (typeof pattern === 'string') {
          for (let i = p.text.indexOf(pattern); i >= 0; i = p.text.indexOf(pattern, i + pattern.length)) {
            // サーバ → サーバー: the pattern inside the expected form is the expected form.
            if (rule.expected.length > pattern.length && rule.expected.startsWith(pattern) && p.text.startsWith(rule.expected, i)) continue;
            out.push({ rule, written: pattern, span: proseSpan(p, i, i + pattern.length) });
          }
        } else {
          pattern.lastIndex = 0;
          for (let m = pattern.exec(p.text); m; m = pattern.exec(p.text)) {
            if (m[0].length === 0) { pattern.lastIndex++; continue; }
            if (m[0] !== rule.expected) out.push({ rule, written: m[0], span: proseSpan(p, m.index, m.index + m[0].length) });
          }
        }
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
