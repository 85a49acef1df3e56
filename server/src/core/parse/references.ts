// Finds trace references in a line of text: 根拠 lines, 適用除外 (waiver) lines, and references
// written in running text (基本方針 6(4), 対策基準第4節, 基本方針「物理的セキュリティ」).

import { Memo } from '../memo';
import type { Span, Tier } from '../types';
import { foldView, type Line } from '../text/fold';
import { indexAtSource, spanOf, type TextView } from '../text/textView';
import { parseNumber } from './numbering';
import { looseTitleKey } from '../text/titles';

export type ReferenceKind = 'basis' | 'inline' | 'frontMatter' | 'waiver';

export interface Reference {
  kind: ReferenceKind;
  tier: Tier;
  by: 'id' | 'title';
  /** Comparable key: idKey() of the ID, or looseTitleKey() of the title. */
  key: string;
  /** The target as written, folded: 6(4), 第4節, 物理的セキュリティ. */
  target: string;
  /** The whole reference, tier word included when there is one. */
  span: Span;
  /** Only the ID or the title (inside 「」). */
  targetSpan: Span;
  /** For waivers: the stated reason. */
  reason?: string;
}

const N = '(?:[0-9]+|[〇一二三四五六七八九十百]+)';
const CIRCLED = '[\u2460-\u2473\u3251-\u325f]';
const KATA = '[アイウエオカキクケコサシスセソタチツテト]';
const POLICY_WORD = '(?:情報セキュリティ)?基本方針';
const STANDARD_WORD = '(?:情報セキュリティ)?対策基準';
const POLICY_ID = `第${N}条(?:第${N}号)?${CIRCLED}?|第?[0-9]+(?:\\([0-9]+\\))*${CIRCLED}?`;
const STANDARD_ID = `(?:第${N}章)?(?:第${N}節)?(?:第${N}款)?第${N}(?:章|節|款|条(?:の${N})?)(?:第${N}項)?(?:第${N}号)?|[0-9]+(?:[.\\-―][0-9]+)*(?:\\([0-9]+\\))*${CIRCLED}?${KATA}?`;
const TITLE = '「([^「」\\n]{1,80})」';

const INLINE = [
  new RegExp(`(${POLICY_WORD})\\s*(?:(${POLICY_ID})|${TITLE})`, 'gu'),
  new RegExp(`(${STANDARD_WORD})\\s*(?:(${STANDARD_ID})|${TITLE})`, 'gu'),
];
const TARGET: Record<'policy' | 'standard', RegExp> = {
  policy: new RegExp(`(${POLICY_WORD}|${STANDARD_WORD})?\\s*(?:(${POLICY_ID})|${TITLE})`, 'uy'),
  standard: new RegExp(`(${POLICY_WORD}|${STANDARD_WORD})?\\s*(?:(${STANDARD_ID})|${TITLE})`, 'uy'),
};
const BASIS_LINE = /^\s*(?:根拠|basis)\s*:\s*/iu;
const WAIVER_LINE = /^\s*(?:適用除外|waiver)\s*:\s*/iu;

/** A comparable form of an ID: 第6条第4号 and 6(4) are the same measure; 第12条第2項 is 12.2. */
const idKeys = new Memo<string>(100_000);

export function idKey(id: string): string {
  // 4.1.2 and 6(3)① are their own keys.
  return /[\s第\-―]/.test(id) ? idKeys.get(id, computeIdKey) : id;
}

const ARTICLE_NO = new RegExp(`第(${N})条`, 'gu');
const ITEM_NO = new RegExp(`第(${N})号`, 'gu');
const PARAGRAPH_NO = new RegExp(`第(${N})項`, 'gu');
const PART_NO = new RegExp(`第(${N})(章|節|款)`, 'gu');
const BARE_NO = new RegExp(`第(${N})(?![0-9〇一二三四五六七八九十百章節款条項号の])`, 'gu');

function computeIdKey(id: string): string {
  return id
    .replace(/\s+/g, '')
    .replace(ARTICLE_NO, (_, n) => String(parseNumber(n)))
    .replace(ITEM_NO, (_, n) => `(${parseNumber(n)})`)
    .replace(PARAGRAPH_NO, (_, n) => `.${parseNumber(n)}`)
    .replace(PART_NO, (_, n, k) => `第${parseNumber(n)}${k}`)
    // 第6 (a section of an old-style policy) is cited as 6: 基本方針６（３） means 第6(3).
    .replace(BARE_NO, (_, n) => String(parseNumber(n)))
    .replace(/[\-―]/g, '.');
}

function wordTier(word: string | undefined): Tier | undefined {
  if (!word) return undefined;
  return word.endsWith('基本方針') ? 'policy' : 'standard';
}

function make(kind: ReferenceKind, tier: Tier, view: TextView, from: number, to: number, id: string | undefined, title: string | undefined, idAt: number): Reference {
  const target = id ?? title ?? '';
  const targetFrom = id !== undefined ? idAt : idAt + 1; // inside 「」
  return {
    kind,
    tier,
    by: id !== undefined ? 'id' : 'title',
    key: id !== undefined ? idKey(id) : looseTitleKey(target),
    target,
    span: spanOf(view, from, to),
    targetSpan: spanOf(view, targetFrom, targetFrom + target.length),
  };
}

/**
 * Reads a 根拠 or 適用除外 line; undefined when the line is neither. `defaultTier` is the tier a
 * target without a tier word refers to: the tier above the document's own.
 */
export function scanDirectiveLine(line: Line, defaultTier: Tier | undefined): Reference[] | undefined {
  const view = line.folded;
  const text = view.text;
  const basis = BASIS_LINE.exec(text);
  if (basis) return scanList(view, basis[0].length, 'basis', defaultTier);
  const waiver = WAIVER_LINE.exec(text);
  if (!waiver) return undefined;
  const refs = scanList(view, waiver[0].length, 'waiver', 'policy', true);
  if (!refs.length) return [];
  const ref = refs[0];
  const after = indexAtSource(view, ref.span.end);
  ref.reason = after < 0 ? '' : text.slice(after).replace(/^[\s、,:]*(?:理由\s*:?\s*)?/u, '').trim();
  return [ref];
}

/** The targets of a front matter 根拠 value. */
export function scanBasisValue(value: TextView, defaultTier: Tier | undefined): Reference[] {
  return scanList(foldView(value), 0, 'frontMatter', defaultTier);
}

/** References written in running text: 基本方針 6(4), 対策基準第4節, 基本方針「物理的セキュリティ」. */
export function scanText(view: TextView): Reference[] {
  const folded = foldView(view);
  const text = folded.text;
  const out: Reference[] = [];
  for (const re of INLINE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const id = m[2];
      const idAt = m.index + m[0].length - (id !== undefined ? id.length : (m[3]?.length ?? 0) + 2);
      out.push(make('inline', wordTier(m[1])!, folded, m.index, m.index + m[0].length, id, m[3], idAt));
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function scanList(view: TextView, from: number, kind: ReferenceKind, defaultTier: Tier | undefined, single = false): Reference[] {
  const text = view.text;
  const out: Reference[] = [];
  let tier: Tier | undefined = defaultTier;
  let at = from;
  for (;;) {
    while (at < text.length && /[\s、,・;]/.test(text[at])) at++;
    if (at >= text.length) break;
    let matched: RegExpExecArray | null = null;
    for (const t of tier === 'standard' ? (['standard', 'policy'] as const) : (['policy', 'standard'] as const)) {
      const re = TARGET[t];
      re.lastIndex = at;
      const m = re.exec(text);
      if (m && (wordTier(m[1]) ?? tier ?? t) === t) { matched = m; break; }
    }
    if (!matched) break;
    const m = matched;
    const refTier = wordTier(m[1]) ?? tier ?? 'policy';
    tier = refTier;
    const id = m[2];
    const end = m.index + m[0].length;
    const idAt = end - (id !== undefined ? id.length : (m[3]?.length ?? 0) + 2);
    const start = m[1] ? m.index + m[0].indexOf(m[1]) : idAt;
    out.push(make(kind, refTier, view, start, end, id, m[3], idAt));
    at = end;
    if (single) break;
  }
  return out;
}
