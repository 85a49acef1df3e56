// Finds trace references in a line of text: 根拠 lines, 適用除外 (waiver) lines, and references
// written in running text (基本方針 6(4), 対策基準第4節, 基本方針「物理的セキュリティ」).

import { Memo } from '../memo';
import type { Span, Tier } from '../types';
import { foldView, type Line } from '../text/fold';
import { indexAtSource, spanOf, type TextView } from '../text/textView';
import { parseNumber } from './numbering';
import { looseTitleKey } from '../text/titles';
import { intern } from '../text/intern';

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
  /**
   * The innermost section it is written in, or -1 for the whole document: -1 as read here, set
   * when the document's facts are made (facts.ts). Made with the object, for a property added
   * later costs every reference a second allocation.
   */
  section: number;
  /** For waivers: the stated reason. */
  reason?: string;
  /**
   * Where to look when the target is not found under `tier` and `key`: 第16条第1項 is 第16条 when
   * the article has no numbered paragraphs; a short name for a file of several tiers (規程第14条)
   * may point into any of them.
   */
  otherwise?: { tier: Tier; key: string }[];
  /**
   * An article cited without a document's name (第6条第6号に規定する…) in a file of several tiers: it
   * means an article of this very file.
   */
  within?: true;
}

/**
 * Takes the place of `fresh` if it is this reference moved by an edit (the same in all but its
 * spans): copies its spans and says so (recycle.ts). An edit makes a copy of every reference of
 * the document; kept, the copies outlived a scavenge each (a 200 KB file: some 60 KB a keystroke).
 */
export function adoptReference(old: Reference, fresh: Reference): boolean {
  if (old.kind !== fresh.kind || old.tier !== fresh.tier || old.by !== fresh.by || old.key !== fresh.key || old.target !== fresh.target
    || old.section !== fresh.section || !sameOptional(old, fresh, 'reason') || !sameOptional(old, fresh, 'within')
    || !sameOtherwise(old.otherwise, fresh.otherwise)) return false;
  old.span.start = fresh.span.start;
  old.span.end = fresh.span.end;
  old.targetSpan.start = fresh.targetSpan.start;
  old.targetSpan.end = fresh.targetSpan.end;
  return true;
}

/** The same value, and both written or both absent (a fresh analysis leaves absent what it has not). */
function sameOptional(a: Reference, b: Reference, key: 'reason' | 'within'): boolean {
  return a[key] === b[key] && (key in a) === (key in b);
}

function sameOtherwise(a: Reference['otherwise'], b: Reference['otherwise']): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((o, i) => o.tier === b[i].tier && o.key === b[i].key);
}

/**
 * A name a document gives another document: `…情報セキュリティ対策基準（以下「基準」という。）`. Its
 * tier is the one the long name says, or none (…規程, …ポリシー: a file of several tiers).
 */
export interface DocumentAlias { name: string; tier: Tier | undefined }

const N = '(?:[0-9]+|[〇一二三四五六七八九十百]+)';
const CIRCLED = '[\u2460-\u2473\u3251-\u325f]';
const KATA = '[アイウエオカキクケコサシスセソタチツテト]';
const POLICY_WORD = '(?:情報セキュリティ)?基本方針';
const STANDARD_WORD = '(?:情報セキュリティ)?対策基準';
const POLICY_ID = `第${N}条(?:第${N}項)?(?:第${N}号)?${CIRCLED}?|第?[0-9]+(?:\\([0-9]+\\))*${CIRCLED}?`;
/** 第4 and 第9の2: the sections of a standards document numbered the old way (第1 総則, 第9 評価及び見直し). */
const DAI_ID = `第${N}(?:の${N})?(?![0-9〇一二三四五六七八九十百章節款条項号編の])`;
const STANDARD_ID = `(?:第${N}章)?(?:第${N}節)?(?:第${N}款)?第${N}(?:章|節|款|条(?:の${N})?)(?:第${N}項)?(?:第${N}号)?|${DAI_ID}|[0-9]+(?:[.\\-―][0-9]+)*(?:\\([0-9]+\\))*${CIRCLED}?${KATA}?`;
const TITLE = '「([^「」\\n]{1,80})」';
/** What may stand between a document's name and the article cited: （令和3年規程第7号。以下「対策基準」という。） */
const CITATION = '(?:\\([^()]{1,120}\\)\\s*)?';

const INLINE = [
  new RegExp(`(${POLICY_WORD})\\s*${CITATION}(?:(${POLICY_ID})|${TITLE})`, 'gu'),
  new RegExp(`(${STANDARD_WORD})\\s*${CITATION}(?:(${STANDARD_ID})|${TITLE})`, 'gu'),
];
const ANY_ID = new RegExp(`\\s*${CITATION}(${STANDARD_ID}|${POLICY_ID})`, 'uy');
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
const DAI_NO = new RegExp(`第(${N})の(${N})(?![0-9〇一二三四五六七八九十百])`, 'gu');
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
    .replace(DAI_NO, (_, n, m) => `${parseNumber(n)}.${parseNumber(m)}`)
    // 第6 (a section of an old-style policy) is cited as 6: 基本方針６（３） means 第6(3).
    .replace(BARE_NO, (_, n) => String(parseNumber(n)))
    .replace(/[\-―]/g, '.');
}

function wordTier(word: string | undefined): Tier | undefined {
  if (!word) return undefined;
  return word.endsWith('基本方針') ? 'policy' : 'standard';
}

function make(kind: ReferenceKind, tier: Tier, view: TextView, from: number, to: number, id: string | undefined, title: string | undefined, idAt: number): Reference {
  const target = intern(id ?? title ?? '');
  const targetFrom = id !== undefined ? idAt : idAt + 1; // inside 「」
  const ref: Reference = {
    kind,
    tier,
    by: id !== undefined ? 'id' : 'title',
    key: id !== undefined ? idKey(id) : looseTitleKey(target),
    target,
    span: spanOf(view, from, to),
    targetSpan: spanOf(view, targetFrom, targetFrom + target.length),
    section: -1,
  };
  // The first paragraph of an article is seldom numbered: 第16条第1項 is then 第16条 itself.
  const first = id !== undefined ? FIRST_PARAGRAPH.exec(id) : null;
  if (first) ref.otherwise = [{ tier, key: idKey(first[1]) }];
  return ref;
}

const FIRST_PARAGRAPH = new RegExp(`^(第${N}条(?:の${N})?)第(?:1|一)項$`, 'u');

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

/**
 * References written in running text: 基本方針 6(4), 対策基準第4節, 基本方針「物理的セキュリティ」,
 * 対策基準（令和3年規程第7号。以下「対策基準」という。）第9条, and the short names the document gives
 * (`aliases`: 基準第19条, 規程第14条). `defaultTier` is the tier above the document's own;
 * `folded` is the view width-folded (foldView), when the caller has it already.
 */
export function scanText(view: TextView, aliases: DocumentAlias[] = [], defaultTier?: Tier, bare = false, folded = foldView(view)): Reference[] {
  const text = folded.text;
  const out: Reference[] = [];
  for (const re of INLINE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const id = m[2];
      const idAt = m.index + m[0].length - (id !== undefined ? id.length : (m[3]?.length ?? 0) + 2);
      const first = make('inline', wordTier(m[1])!, folded, m.index, m.index + m[0].length, id, m[3], idAt);
      out.push(first);
      if (id !== undefined) out.push(...listed(folded, m.index + m[0].length, first.tier, id));
    }
  }
  for (const alias of aliases) {
    for (let at = text.indexOf(alias.name); at >= 0; at = text.indexOf(alias.name, at + alias.name.length)) {
      ANY_ID.lastIndex = at + alias.name.length;
      const m = ANY_ID.exec(text);
      if (!m) continue;
      const id = m[1];
      const end = m.index + m[0].length;
      // The article may already be read through the tier word at the end of the full name.
      if (out.some((r) => overlaps(folded, r, end - 1))) continue;
      const tier = alias.tier ?? defaultTier ?? 'standard';
      const ref = make('inline', tier, folded, at, end, id, undefined, end - id.length);
      // A file of several tiers: the article may be in any of them.
      if (!alias.tier) ref.otherwise = [...ref.otherwise ?? [], ...(['standard', 'policy'] as const).filter((t) => t !== tier).map((t) => ({ tier: t, key: ref.key }))];
      out.push(ref);
    }
  }
  if (bare) {
    BARE.lastIndex = 0;
    for (let m = BARE.exec(text); m; m = BARE.exec(text)) {
      const at = m.index + m[0].length - m[1].length;
      if (out.some((r) => overlaps(folded, r, at))) continue;
      const ref = make('inline', 'policy', folded, at, at + m[1].length, m[1], undefined, at);
      ref.within = true;
      out.push(ref);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** 第6条第6号 with nothing naming a document or a law before it (地方公務員法第29条 is another law's). */
const BARE = new RegExp(`(?:^|(?<=[\\sぁ-ん、。,.「」()]))(第${N}条(?:の${N})?(?:第${N}項)?(?:第${N}号)?)`, 'gu');

const LISTED = new RegExp(`\\s*(?:及び|並びに|又は|若しくは|から|と|[、,・])\\s*(${STANDARD_ID}|${POLICY_ID})`, 'uy');
const ARTICLE_HEAD = new RegExp(`^(?:第${N}章)?(?:第${N}節)?第${N}条(?:の${N})?`, 'u');

/**
 * The IDs listed after a cited one, which share its document: 対策基準第20条及び第31条,
 * 基本方針第6条第1号、第2号及び第4号 (第2号 of 第6条).
 */
function listed(view: TextView, from: number, tier: Tier, firstId: string): Reference[] {
  const out: Reference[] = [];
  const text = view.text;
  LISTED.lastIndex = from;
  for (let m = LISTED.exec(text); m; m = LISTED.exec(text)) {
    const written = m[1];
    const head = /^第[^条]*[項号]$/u.test(written) ? ARTICLE_HEAD.exec(firstId)?.[0] ?? '' : '';
    const end = m.index + m[0].length;
    const ref = make('inline', tier, view, end - written.length, end, head + written, undefined, end - written.length);
    // Written without its article; the key and the target carry it, the span covers what is written.
    ref.target = written;
    ref.targetSpan = spanOf(view, end - written.length, end);
    out.push(ref);
  }
  return out;
}

function overlaps(view: TextView, r: Reference, index: number): boolean {
  const start = indexAtSource(view, r.span.start);
  const end = indexAtSource(view, r.span.end - 1);
  return start >= 0 && end >= 0 && index >= start && index <= end;
}

const ALIAS = /([^\s、。「」()]{0,40}?(基本方針|対策基準|ポリシー|規程|規則|訓令|要綱|基準))\s*\((?:[^()]*?。)?以下、?「([^「」]{1,12})」(?:という|といいます|と称する)。?\)/gu;

/**
 * The short names a document gives the policy's documents: `…対策基準（…以下「基準」という。）`,
 * `…情報セキュリティ規程（平成16年訓令第4号。以下「規程」という。）`. Tier words themselves need none.
 */
export function findAliases(linesByBlock: readonly (readonly Line[])[]): DocumentAlias[] {
  const out: DocumentAlias[] = [];
  for (const ofBlock of linesByBlock) for (const { folded } of ofBlock) {
    const line = folded.text;
    if (!line.includes('以下')) continue;
    ALIAS.lastIndex = 0;
    for (let m = ALIAS.exec(line); m; m = ALIAS.exec(line)) {
      const tier = m[2] === '基本方針' ? 'policy' : m[2] === '対策基準' || m[2] === '基準' ? 'standard' : undefined;
      // The short name, and the full name it stands for: both are followed by the article cited.
      for (const name of [m[3], m[1]]) {
        if (name.length < 2 || /^(?:情報セキュリティ)?(?:基本方針|対策基準)$/u.test(name) || out.some((a) => a.name === name)) continue;
        out.push({ name, tier });
      }
    }
  }
  return out;
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
