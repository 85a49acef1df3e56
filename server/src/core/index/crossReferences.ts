// References from a document to its own articles and sections, as Japanese legal text writes them:
// 第9条, 第3条第2項第1号, 前条, 次条, 前項, 同項, 前各項, 前2条, 第1号から第3号まで, 上記3,
// 上記6、7及び8, 別表第1. Read from a document's facts (its visible text and sections), resolved
// against its own sections, and kept per facts object: an edit makes new facts.
//
// A 第N条 right after a name (地方公務員法第34条, 規則（平成14年訓令第10号）第1条, 基本方針第6条) is
// another instrument's article, or a trace reference that parse/references.ts reads; it is left
// alone. A document without articles is not asked about 前条 or 第N条, one without numbered
// sections not about 上記N, one without any 別表 heading not about 別表: there is nothing to check.

import type { Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { Section } from '../parse/structure';
import { parseNumber, circledValue, IROHA, ITEM_STYLES, NUMERAL } from '../parse/numbering';
import { idKey } from '../parse/references';
import { proseSpan } from '../text/prose';
import { sameItems } from '../sameItems';

export interface CrossReference {
  /** Where it is written. */
  span: Span;
  /** As written: 前条, 第3条第2項, 上記7. */
  written: string;
  /**
   * What it points at, as this document numbers it (第8条, 第3条第2項, 7), or undefined when the
   * place it is written in has no such neighbour (前条 in 第1条).
   */
  wanted: string | undefined;
  /** The sections it names (前各項: several), in document order; empty when it does not resolve. */
  targets: number[];
}

const memo = new WeakMap<DocumentFacts, CrossReference[]>();

export function crossReferences(doc: DocumentFacts): CrossReference[] {
  let refs = memo.get(doc);
  if (!refs) memo.set(doc, refs = read(doc));
  return refs;
}

const D = NUMERAL;
/** One reference to an article or its parts: the head, then the finer numbers written after it. */
const ARTICLE_REF = new RegExp(
  `(?:第(${D})条(?:の(${D}))?|(前|次|同)条|前(${D})条|(前|次|同)項|前各項|前(${D})項|第(${D})項|(前|次|同)号|前各号|第(${D})号)`
  + `(?:第(${D})項)?(?:第(${D})号)?`, 'gu');
const ABOVE_REF = new RegExp(`(?:上記|前記)((?:第?(?:${D})(?:[.．](?:${D}))*(?:[(（](?:${D})[)）]|[①-⑳])*(?:から|、|，|,|及び|又は|並びに|若しくは|と)?)+)`, 'gu');
const ABOVE_ITEM = new RegExp(`第?((?:${D})(?:[.．](?:${D}))*(?:[(（](?:${D})[)）]|[①-⑳])*)`, 'gu');
/** After a number, these make it a count (上記3名, 上記2か月), not a section. */
const COUNTER = /^(?:[年月日名人件回個台時分秒%％万千円点つ歳週期]|[かカヶケ箇ヵ]月)/u;
const TABLE_REF = new RegExp(`別表(?:第(${D}))?`, 'gu');
/** A name ends here: the number after it is that instrument's, not ours. */
const NAME_END = /[\p{sc=Han}\p{sc=Katakana}A-Za-zＡ-Ｚａ-ｚ0-9０-９ー]/u;
/** Kanji that join two references rather than end a name (第6条又は第7条). */
const JOINERS = new Set(['又', '及', '並', '若']);
const SELF_NAME = /(?:^|[^\p{sc=Han}])(?:この|本)(?:規程|訓令|規則|要綱|要領|基準|方針|対策基準|基本方針|手順|ポリシー)$/u;
const JOINING = /^(?:、|，|,|・|及び|又は|並びに|若しくは|から|乃至|ないし)$/u;
const OWN_NUMBER_END = new RegExp(`第(?:${D})条(?:の(?:${D}))?$`, 'u');
const PARAGRAPH_NUMBER_END = /(?:^|[\n。])[0-9０-９]{1,3}$/u;

const num = parseNumber;

function ascii(s: string): string {
  return s.replace(/[０-９．（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Per section, its own number: a section an edit takes over keeps its label (recycle.ts), and the
 * numbering rule and this file ask for each number several times a keystroke.
 */
const ownNumbers = new WeakMap<Section, number | undefined>();

/** The number a section's label carries at its own level: 第12条 → 12, (3) → 3, ウ → 3, 4.1 → 1. */
export function ownNumber(s: Section): number | undefined {
  if (ownNumbers.has(s)) return ownNumbers.get(s);
  const n = readOwnNumber(s.label);
  ownNumbers.set(s, n);
  return n;
}

function readOwnNumber(label: string | undefined): number | undefined {
  if (!label) return undefined;
  const law = /^第(.+?)(?:編|章|節|款|条)?(?:の.+)?$/u.exec(label);
  if (law) return num(law[1]);
  const circled = circledValue(label);
  if (circled !== undefined) return circled;
  const kana = IROHA.indexOf(label.replace(/[()（）]/g, ''));
  if (kana >= 0) return kana + 1;
  const digits = /([0-9]+|[〇一二三四五六七八九十百]+)\D*$/u.exec(ascii(label));
  return digits ? num(digits[1]) : undefined;
}

interface Place { article?: number; paragraph?: number; paragraphNo: number; itemNo?: number }

/**
 * What the references of a document are resolved against: read from its sections alone. The maps
 * are made when a reference first needs them: most documents cite nothing of their own.
 */
class Targets {
  readonly articles: number[];
  readonly hasNumbered: boolean;
  private keys?: Map<string, number>;
  private tableMap?: Map<string, number>;
  private sectionTree?: Tree;

  constructor(readonly sections: Section[]) {
    this.articles = sections.filter((s) => s.style === 'article').map((s) => s.index);
    this.hasNumbered = sections.some((s) => s.id !== undefined && s.style !== 'article');
  }

  get byKey(): Map<string, number> {
    if (this.keys) return this.keys;
    const byKey = new Map<string, number>();
    for (const s of this.sections) {
      if (s.id === undefined) continue;
      for (const id of [s.id, ...s.aliases]) {
        const key = idKey(ascii(id));
        if (!byKey.has(key)) byKey.set(key, s.index);
      }
    }
    return this.keys = byKey;
  }

  get tables(): Map<string, number> {
    if (this.tableMap) return this.tableMap;
    const tables = new Map<string, number>();
    for (const s of this.sections) {
      const m = /^別表\s*(?:第\s*([0-9０-９]+|[〇一二三四五六七八九十百]+))?/u.exec(`${s.label ?? ''}${s.title}`.replace(/^#+\s*/, ''));
      if (m && !tables.has(m[1] ? String(num(m[1])) : '')) tables.set(m[1] ? String(num(m[1])) : '', s.index);
    }
    return this.tableMap = tables;
  }

  get tree(): Tree {
    return this.sectionTree ??= new Tree(this.sections);
  }
}

/**
 * The last targets made for a document, by its first section: an edit that leaves every section as
 * it was (typing in a paragraph) gives the same Section objects (recycle.ts), and the targets hold
 * indexes into them, never offsets.
 */
const targetsMemo = new WeakMap<Section, Targets>();

function targetsOf(sections: Section[]): Targets {
  const last = sections.length ? targetsMemo.get(sections[0]) : undefined;
  if (last && sameItems(last.sections, sections)) return last;
  const made = new Targets([...sections]);
  if (sections.length) targetsMemo.set(sections[0], made);
  return made;
}

/** What a block must hold to cite an article, a section above or a table: one pass over its text, not six. */
const MAY_REFER = /[条項号]|上記|前記|別表/;
/**
 * Whether a block cites something of each kind: most blocks that MAY_REFER lets through only say
 * 事項 or 番号, and need none of a reference's bookkeeping.
 */
const HAS_ARTICLE_REF = new RegExp(ARTICLE_REF.source, 'u');
const HAS_ABOVE_REF = new RegExp(ABOVE_REF.source, 'u');
const HAS_TABLE_REF = new RegExp(TABLE_REF.source, 'u');

function read(doc: DocumentFacts): CrossReference[] {
  const targets = targetsOf(doc.sections);
  const { articles, hasNumbered } = targets;
  const out: CrossReference[] = [];
  const inFurniture = (offset: number): boolean => {
    const f = doc.furniture[lastAtOrBefore(doc.furniture.length, (k) => doc.furniture[k].start, offset)];
    return f !== undefined && offset < f.end;
  };
  for (const prose of doc.prose) {
    const text = prose.text;
    if (!MAY_REFER.test(text)) continue;
    const citesArticles = articles.length > 0 && HAS_ARTICLE_REF.test(text);
    const citesAbove = hasNumbered && HAS_ABOVE_REF.test(text);
    const citesTables = HAS_TABLE_REF.test(text) && targets.tables.size > 0;
    if (!citesArticles && !citesAbove && !citesTables) continue;
    const block: CrossReference[] = [];
    let lastTo = -1;
    // The last reference of the block that found its target: 同条 and 同項 point where it does.
    let resolved: CrossReference | undefined;
    const push = (from: number, to: number, wanted: string | undefined, targets: number[]): void => {
      const span = proseSpan(prose, from, to);
      if (inFurniture(span.start)) return;
      const ref = { span, written: text.slice(from, to), wanted, targets };
      block.push(ref);
      if (targets.length) resolved = ref;
      lastTo = to;
    };
    // The reference just before `at`, when only a joining word stands between (第3条第1項及び第2項, 第1号から第3号まで).
    const joined = (at: number): CrossReference | undefined =>
      block.length && at - lastTo <= 4 && JOINING.test(text.slice(lastTo, at)) ? block[block.length - 1] : undefined;

    // The global expressions are run with exec from lastIndex 0: matchAll makes a copy of the
    // expression for each block.
    if (citesArticles) {
      // Where the last article of another instrument ended: 規程第11条及び第12条 are both its.
      let foreignTo = -1;
      ARTICLE_REF.lastIndex = 0;
      for (let m; (m = ARTICLE_REF.exec(text));) {
        const at = m.index;
        const tree = targets.tree;
        if (m[1] !== undefined && opensSection(tree, prose.offset(at), m[0])) continue;
        const absolute = m[1] !== undefined || m[7] !== undefined || m[9] !== undefined;
        if (absolute && (namedBefore(text, at) || (foreignTo >= 0 && JOINING.test(text.slice(foreignTo, at))))) {
          foreignTo = at + m[0].length;
          continue;
        }
        const r = resolveArticle(m, placeOf(tree, prose.offset(at)), tree, articles, targets.byKey, resolved, joined(at));
        if (r) push(at, at + m[0].length, r.wanted, r.targets);
      }
    }
    if (citesAbove) {
      ABOVE_REF.lastIndex = 0;
      for (let m; (m = ABOVE_REF.exec(text));) {
        const base = m.index + 2;
        const items = m[1];
        ABOVE_ITEM.lastIndex = 0;
        for (let item; (item = ABOVE_ITEM.exec(items));) {
          const from = base + item.index;
          const to = from + item[0].length;
          if (COUNTER.test(text.slice(to))) continue;
          const wanted = ascii(item[1]).replace(/．/g, '.');
          const target = targets.byKey.get(idKey(wanted));
          push(item.index === 0 ? m.index : from, to, wanted, target === undefined ? [] : [target]);
        }
      }
    }
    if (citesTables) {
      TABLE_REF.lastIndex = 0;
      for (let m; (m = TABLE_REF.exec(text));) {
        if (opensSection(targets.tree, prose.offset(m.index), m[0])) continue;
        const key = m[1] ? String(num(m[1])) : '';
        const target = targets.tables.get(key);
        push(m.index, m.index + m[0].length, m[1] ? `別表第${key}` : '別表', target === undefined ? [] : [target]);
      }
    }
    block.sort((a, b) => a.span.start - b.span.start);
    for (const r of block) out.push(r);
  }
  return out;
}

/** The index of the last of `count` sorted keys that is at most `value`, or -1. */
function lastAtOrBefore(count: number, key: (k: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) <= value) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** A document's sections, asked where an offset lies and which child has a number, without a scan. */
class Tree {
  private readonly children = new Map<string, number>();

  constructor(readonly sections: Section[]) {
    for (const s of sections) {
      const n = ownNumber(s);
      if (n === undefined) continue;
      const key = `${s.parent}|${ITEM_STYLES.has(s.style) ? 'item' : s.style}|${n}`;
      if (!this.children.has(key)) this.children.set(key, s.index);
    }
  }

  /** The innermost section holding `offset`, or -1. Sections come in text order; the inner ones inside the outer. */
  at(offset: number): number {
    let x = lastAtOrBefore(this.sections.length, (k) => this.sections[k].span.start, offset);
    while (x >= 0 && this.sections[x].span.end <= offset) x = this.sections[x].parent;
    return x;
  }

  /** The child of `parent` numbered `n`: a paragraph (arabic) or an item. */
  child(parent: number, kind: 'arabic' | 'item', n: number): number | undefined {
    return this.children.get(`${parent}|${kind}|${n}`);
  }
}

/** The number that opens a section (第3条　…, 別表第1) is not a reference to it. */
function opensSection(tree: Tree, offset: number, written: string): boolean {
  const canonical = ascii(written).replace(/[0-9]+/g, (n) => String(Number(n)));
  for (let x = tree.at(offset); x >= 0; x = tree.sections[x].parent) {
    const s = tree.sections[x];
    const h = s.headingSpan;
    if (offset >= h.start && offset < h.end && (s.label === undefined ? s.title.startsWith('別表') : canonical.startsWith(ascii(s.label)))) return true;
  }
  return false;
}

/** Whether a name stands right before `at` (法第3条, 規則（平成14年訓令第10号）第1条), not this document's own. */
function namedBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\u3000')) i--;
  // A citation in parentheses between the name and the article belongs to the name.
  if (text[i] === ')' || text[i] === '）') {
    let depth = 0;
    for (; i >= 0; i--) {
      if (text[i] === ')' || text[i] === '）') depth++;
      else if ((text[i] === '(' || text[i] === '（') && --depth === 0) break;
    }
    if (i <= 0) return false;
    const inside = text.slice(i, at);
    if (!/年|第[0-9０-９〇一二三四五六七八九十百]+号|以下/u.test(inside)) return false;
    i--;
  }
  if (i < 0) return false;
  // 第9条　第6条、…: the article's own number, then the text.
  if (i < at - 1 && OWN_NUMBER_END.test(text.slice(Math.max(0, i - 12), i + 1))) return false;
  // 3　第3条第2項の…: a paragraph's number, then the text.
  if (i < at - 1 && PARAGRAPH_NUMBER_END.test(text.slice(Math.max(0, i - 4), i + 1))) return false;
  const c = text[i];
  if (!NAME_END.test(c) || JOINERS.has(c)) return false;
  // この規程第3条: the document names itself.
  return !SELF_NAME.test(text.slice(Math.max(0, i - 8), i + 1));
}

/** The article, paragraph and item a source offset lies in. */
function placeOf(tree: Tree, offset: number): Place {
  const { sections } = tree;
  const inner = tree.at(offset);
  const place: Place = { paragraphNo: 1 };
  for (let x = inner; x >= 0; x = sections[x].parent) {
    const s = sections[x];
    if (s.style === 'article') { place.article = x; break; }
  }
  if (place.article === undefined) return place;
  for (let x = inner; x >= 0 && x !== place.article; x = sections[x].parent) {
    const s: Section = sections[x];
    if (s.parent === place.article && s.style === 'arabic') { place.paragraph = x; place.paragraphNo = ownNumber(s) ?? 1; }
    if (ITEM_STYLES.has(s.style) && (s.parent === place.article || sections[s.parent]?.style === 'arabic')) place.itemNo = ownNumber(s);
  }
  return place;
}

function articleLabel(sections: Section[], i: number): string {
  return sections[i].label ?? sections[i].id ?? '';
}

/** The paragraph sections of an article by number; paragraph 1 is the article itself. */
function paragraphOf(tree: Tree, article: number, n: number): number | undefined {
  return n === 1 ? article : tree.child(article, 'arabic', n);
}

function itemOf(tree: Tree, parent: number, n: number): number | undefined {
  return tree.child(parent, 'item', n);
}

function resolveArticle(
  m: RegExpMatchArray, place: Place, tree: Tree, articles: number[], byKey: Map<string, number>, last: CrossReference | undefined, joinedTo: CrossReference | undefined,
): { wanted: string | undefined; targets: number[] } | undefined {
  const { sections } = tree;
  const [, absN, absBranch, relArticle, prevArticles, relParagraph, prevParagraphs, absParagraph, relItem, absItem, tailParagraph, tailItem] = m;
  const written = m[0];
  // The article the reference starts from, then its paragraph, then its item.
  let article: number | undefined;
  let articleName: string;
  let paragraph: number | undefined;
  let paragraphNo: number | undefined;
  const fine = (): { wanted: string | undefined; targets: number[] } => {
    // 第3条第2項第1号: the finer numbers written after the head.
    let name = articleName;
    let target = paragraph ?? article;
    if (tailParagraph !== undefined) {
      const n = num(tailParagraph);
      name += `第${n}項`;
      target = article !== undefined ? paragraphOf(tree, article, n) : undefined;
      paragraphNo = n;
    } else if (paragraphNo !== undefined && paragraphNo > 1) name += `第${paragraphNo}項`;
    if (tailItem !== undefined) {
      const n = num(tailItem);
      name += `第${n}号`;
      target = target !== undefined ? itemOf(tree, target, n) : undefined;
    }
    return { wanted: name, targets: target === undefined ? [] : [target] };
  };

  if (absN !== undefined) {
    const id = `第${num(absN)}条${absBranch !== undefined ? `の${num(absBranch)}` : ''}`;
    article = byKey.get(idKey(id));
    if (article !== undefined && sections[article].style !== 'article') article = undefined;
    articleName = id;
    return fine();
  }
  const here = place.article !== undefined ? articles.indexOf(place.article) : -1;
  if (relArticle !== undefined || prevArticles !== undefined) {
    if (relArticle === '同') {
      const a = last && articleAbove(sections, last.targets[0]);
      if (a === undefined) return undefined;
      article = a;
    } else {
      if (here < 0) return undefined;
      if (prevArticles !== undefined) {
        const n = num(prevArticles);
        const from = here - n;
        if (from < 0) return { wanted: undefined, targets: [] };
        return { wanted: `${articleLabel(sections, articles[from])}〜${articleLabel(sections, articles[here - 1])}`, targets: articles.slice(from, here) };
      }
      const k = relArticle === '前' ? here - 1 : here + 1;
      if (k < 0 || k >= articles.length) return { wanted: undefined, targets: [] };
      article = articles[k];
    }
    articleName = articleLabel(sections, article);
    return fine();
  }
  if (relParagraph !== undefined || prevParagraphs !== undefined || written.startsWith('前各項') || absParagraph !== undefined) {
    if (relParagraph === '同') {
      const t = last?.targets[0];
      const a = t !== undefined ? articleAbove(sections, t) : undefined;
      if (a === undefined || t === undefined) return undefined;
      article = a;
      paragraph = paragraphAbove(sections, t, a);
      paragraphNo = paragraph === a ? 1 : ownNumber(sections[paragraph]);
      articleName = articleLabel(sections, a);
      return fine();
    }
    // A bare 第2項 after 第3条 in one phrase (第3条第1項及び第2項) continues it.
    const joined = absParagraph !== undefined && joinedTo?.targets.length ? articleAbove(sections, joinedTo.targets[0]) : undefined;
    article = joined ?? place.article;
    if (article === undefined) return undefined;
    articleName = articleLabel(sections, article);
    const p = joined !== undefined ? 1 : place.paragraphNo;
    if (absParagraph !== undefined) {
      const n = num(absParagraph);
      paragraphNo = n;
      paragraph = paragraphOf(tree, article, n);
      if (paragraph === undefined) return { wanted: `${articleName}第${n}項`, targets: [] };
      return fine();
    }
    const count = prevParagraphs !== undefined ? num(prevParagraphs) : written.startsWith('前各項') ? p - 1 : 1;
    const first = relParagraph === '次' ? p + 1 : p - count;
    const lastNo = relParagraph === '次' ? p + 1 : p - 1;
    if (first < 1) return { wanted: undefined, targets: [] };
    const a = article;
    const targets = numbered(first, lastNo, (n) => paragraphOf(tree, a, n));
    if (typeof targets === 'number') return { wanted: `${articleName}第${targets}項`, targets: [] };
    if (targets.length > 1) return { wanted: `${articleName}第${first}項〜第${lastNo}項`, targets };
    paragraph = targets[0];
    paragraphNo = first;
    if (tailItem !== undefined) return fine();
    return { wanted: first === 1 ? `${articleName}第1項` : `${articleName}第${first}項`, targets };
  }
  // Items: 前号, 次号, 同号, 前各号, 第2号.
  const joined = absItem !== undefined && joinedTo?.targets.length ? joinedTo.targets[0] : undefined;
  const owner = joined !== undefined
    ? (ITEM_STYLES.has(sections[joined].style) ? sections[joined].parent : joined)
    : place.paragraph ?? place.article;
  if (owner === undefined || (joined === undefined && relItem === '同')) {
    if (relItem !== '同' || !last) return undefined;
    return { wanted: last.wanted, targets: last.targets };
  }
  const ownerName = sections[owner].id ?? '';
  if (absItem !== undefined) {
    const n = num(absItem);
    const t = itemOf(tree, owner, n);
    return { wanted: `${ownerName}第${n}号`, targets: t === undefined ? [] : [t] };
  }
  if (place.itemNo === undefined) return undefined;
  const here2 = place.itemNo;
  const first = relItem === '次' ? here2 + 1 : written.startsWith('前各号') ? 1 : here2 - 1;
  const lastNo = relItem === '次' ? here2 + 1 : here2 - 1;
  if (first < 1) return { wanted: undefined, targets: [] };
  const targets = numbered(first, lastNo, (n) => itemOf(tree, owner, n));
  if (typeof targets === 'number') return { wanted: `${ownerName}第${targets}号`, targets: [] };
  return { wanted: `${ownerName}第${first}号${lastNo > first ? `〜第${lastNo}号` : ''}`, targets };
}

/** The sections numbered first…last (前各項, 前2条), or the first number that has none. */
function numbered(first: number, last: number, get: (n: number) => number | undefined): number[] | number {
  const out: number[] = [];
  for (let n = first; n <= last; n++) {
    const t = get(n);
    if (t === undefined) return n;
    out.push(t);
  }
  return out;
}

function articleAbove(sections: Section[], i: number | undefined): number | undefined {
  for (let x = i ?? -1; x >= 0; x = sections[x].parent) if (sections[x].style === 'article') return x;
  return undefined;
}

function paragraphAbove(sections: Section[], i: number, article: number): number {
  for (let x = i; x >= 0 && x !== article; x = sections[x].parent) {
    if (sections[x].parent === article && sections[x].style === 'arabic') return x;
  }
  return article;
}
