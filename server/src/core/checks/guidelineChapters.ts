// guideline/missing-chapter: the standards that implement a model measure compared with the usual
// sub-sections of the model standards' chapter for it (物理的セキュリティ: サーバ等の管理, 管理区域の
// 管理, 通信回線…, 端末…). One finding per measure whose standards lack some, on the first standards
// chapter that implements it. A measure without standards is trace/missing-standard, not this.
// A hint by default: real standards arrange and name their sections freely, and titles are compared
// loosely, so this says where to look, not what is wrong.

import type { Finding } from '../types';
import { relatedMeasures, relinked, standardNodes, standardsLinks, type Link, type Measure, type NodeRef, type TraceIndex } from '../index/traceIndex';
import type { DocumentFacts } from '../facts';
import type { Section } from '../parse/structure';
import type { GuidelineProfile } from '../guideline/profile';
import { looseTitleKey, synonymTitleKey } from '../text/titles';
import { listOf } from '../messages';
import { checkedDocuments, finding, nodeName, nodeSpan, type CheckContext } from './context';

/** The part of a title that names its subject: 管理区域 of 管理区域（情報システム室等）の管理. */
function core(title: string): string {
  return looseTitleKey(title).replace(/(?:の)?(?:管理|取扱い|取扱|対策|実施|確認|設置)+$/u, '').replace(/等$/u, '');
}

interface TitleKeys { synonym: string; core: string }

function keysOf(title: string): TitleKeys {
  return { synonym: synonymTitleKey(title), core: core(title) };
}

function covers(a: TitleKeys, b: TitleKeys): boolean {
  if (a.synonym === b.synonym || a.synonym.includes(b.synonym)) return true;
  return a.core.length >= 2 && b.core.length >= 2 && (a.core.includes(b.core) || b.core.includes(a.core));
}

/**
 * Title keys by title: a set's 33,000 sections have some 1,000 titles, and a keystroke's new
 * version of a document has the titles its last one had. Started again when full.
 */
const titleKeys = new Map<string, TitleKeys>();
const TITLE_KEYS_LIMIT = 20_000;
function keysOfTitle(title: string): TitleKeys {
  let keys = titleKeys.get(title);
  if (!keys) {
    if (titleKeys.size >= TITLE_KEYS_LIMIT) titleKeys.clear();
    titleKeys.set(title, keys = keysOf(title));
  }
  return keys;
}

/**
 * The chapter a standards node lies in: an article that says `この章は、基本方針第6条第7号に基づき`
 * carries the link for its whole chapter. The outermost numbered section above it, below the title.
 */
function chapterOf(n: NodeRef): number {
  const { sections } = n.doc;
  let x = n.section;
  while (x >= 0 && sections[x].parent >= 0 && sections[sections[x].parent].label !== undefined) x = sections[x].parent;
  return x;
}

/** The sections of a chapter: the chapter and every section inside it (the whole document for -1). */
function sectionsUnder(doc: DocumentFacts, chapter: number): number[] {
  const { sections } = doc;
  if (chapter < 0) return sections.map((_, i) => i);
  const end = sections[chapter].span.end;
  const out = [chapter];
  for (let i = chapter + 1; i < sections.length && sections[i].span.start < end; i++) out.push(i);
  return out;
}

/** A model chapter's sections, each once, in the model's order, and their keys. */
interface ModelSections { titles: string[]; keys: TitleKeys[] }
const modelSections = new WeakMap<readonly string[], ModelSections>();
function sectionsOfModel(model: readonly string[]): ModelSections {
  let m = modelSections.get(model);
  if (!m) {
    const titles = model.filter((t, k) => model.indexOf(t) === k);
    modelSections.set(model, m = { titles, keys: titles.map(keysOf) });
  }
  return m;
}

/**
 * Which model sections a standards chapter has a section for (1 at the model section's place), by
 * model, document version and chapter: a keystroke compares again only the chapters of the
 * document it changed, not every chapter that implements the measure.
 */
const chapterCovers = new WeakMap<ModelSections, WeakMap<DocumentFacts, Map<number, Uint8Array>>>();
function coversOf(model: ModelSections, doc: DocumentFacts, chapter: number): Uint8Array {
  let byDoc = chapterCovers.get(model);
  if (!byDoc) chapterCovers.set(model, byDoc = new WeakMap());
  let byChapter = byDoc.get(doc);
  if (!byChapter) byDoc.set(doc, byChapter = new Map());
  let has = byChapter.get(chapter);
  if (!has) {
    has = new Uint8Array(model.titles.length);
    for (const i of sectionsUnder(doc, chapter)) {
      const keys = keysOfTitle(doc.sections[i].title);
      for (let k = 0; k < has.length; k++) if (!has[k] && covers(keys, model.keys[k])) has[k] = 1;
    }
    byChapter.set(chapter, has);
  }
  return has;
}

/** The model sections none of the standards' chapters has a section for; each chapter read once. */
function missingIn(standards: NodeRef[], sections: readonly string[]): string[] {
  const model = sectionsOfModel(sections);
  const found = new Uint8Array(model.titles.length);
  let left = found.length;
  const read = new Map<DocumentFacts, Set<number>>();
  for (const n of standards) {
    const chapter = chapterOf(n);
    let chapters = read.get(n.doc);
    if (!chapters) read.set(n.doc, chapters = new Set());
    if (chapters.has(chapter)) continue;
    chapters.add(chapter);
    const has = coversOf(model, n.doc, chapter);
    for (let k = 0; k < found.length; k++) {
      if (has[k] && !found[k]) {
        found[k] = 1;
        left--;
      }
    }
    if (!left) return [];
  }
  return model.titles.filter((_, k) => !found[k]);
}

interface Answer { uri: string; chapter: number; missing: string[] }

/**
 * The last answer of a check of the whole set, with what it was made from. While one document is
 * edited without touching its outline or its links to the model's measures (typing in a
 * paragraph), the answer holds: a keystroke then costs a comparison, not the set's links and every
 * chapter's titles again (10-15 ms of a keystroke in a 10 MB set).
 */
interface Memo {
  profile: GuidelineProfile;
  measures: Measure[];
  documents: DocumentFacts[];
  /** Per document (by position), its links to the model's measures by chapter, as `linksByChapter` gives them. */
  signatures: Map<number, string>[];
  /** Per chapter (by position), the standards' links to its measure, as standardsLinks gives them. */
  links: Link[][][];
  answers: (Answer | undefined)[];
}

const MEMO = 'guideline/missing-chapter';

/** How many times answers were made rather than all taken from the memo, and for how many chapters (for tests). */
export const chapterAnswers = { made: 0, chapters: 0 };

export function checkGuidelineChapters(index: TraceIndex, ctx: CheckContext): Finding[] {
  const profile = ctx.guideline;
  if (!profile?.chapters?.length) return [];
  const docs = new Set(checkedDocuments(index, ctx));
  const name = ctx.locale === 'en' ? profile.nameEn ?? profile.name : profile.name;
  const chapters = profile.chapters.flatMap((chapter) => {
    const model = profile.measures.find((m) => m.id === chapter.measure);
    const measure = model && index.measures.find((m) => !m.parent && synonymTitleKey(m.title) === synonymTitleKey(model.title));
    return measure ? [{ chapter, measure }] : [];
  });
  // The chapter (its position) of each measure node, by document and section: a keystroke reads
  // every link of the edited document here, and makes no key string for each.
  const related = new Map<string, Map<number, number>>();
  chapters.forEach(({ measure }, k) => {
    for (const { node } of relatedMeasures(measure)) {
      let sections = related.get(node.doc.uri);
      if (!sections) related.set(node.doc.uri, sections = new Map());
      sections.set(node.section, k);
    }
  });
  /** A document's links to the chapters' measures, by chapter (its position): how and from which section. */
  const linksByChapter = (doc: DocumentFacts): Map<number, string> => {
    const out = new Map<number, string>();
    for (const l of index.linksIn(doc)) {
      const k = related.get(l.to.doc.uri)?.get(l.to.section);
      if (k === undefined) continue;
      const link = `${l.via === 'explicit' ? 'e' : 'i'}${l.from.section}`;
      const was = out.get(k);
      out.set(k, was === undefined ? link : `${was} ${link}`);
    }
    return out;
  };
  const memo = index.memos.get(MEMO) as Memo | undefined;
  const stale = ctx.only && memo && memo.measures === index.measures ? staleChapters(memo, profile, index.documents, ctx.only, linksByChapter) : undefined;
  let answers = stale?.size === 0 ? memo!.answers : undefined;
  if (!answers) {
    // A keystroke that changed the edited document's links to some chapters' measures (a digit of
    // a 根拠 line) makes those chapters' answers again, not every chapter's.
    chapterAnswers.made++;
    chapterAnswers.chapters += stale ? stale.size : chapters.length;
    const kept = (k: number): boolean => stale !== undefined && !stale.has(k);
    // A stale chapter's links are the memo's, with the edited document's taken out and its new
    // ones put in: the set's other links are the same objects, and are not walked again.
    const all = stale ? undefined : standardsLinks(index, chapters.map((c) => c.measure));
    const position = stale && new Map(index.documents.map((d, i) => [d, i]));
    const docLinks = stale ? index.linksIn(ctx.only!) : [];
    const links = chapters.map(({ measure }, k) => (kept(k) ? memo!.links[k]
      : all ? all.get(measure)!
        : relatedMeasures(measure).map((m, j) => relinked(memo!.links[k][j], ctx.only!, docLinks, m.node, position!))));
    const answerOf = ({ chapter }: (typeof chapters)[number], k: number): Answer | undefined => {
      const list = standardNodes(links[k]);
      // Keystrokes ask for one document: the chapters whose first standards lie elsewhere are not read.
      if (!list.length || (ctx.only && !docs.has(list[0].doc))) return undefined;
      return { uri: list[0].doc.uri, chapter: chapterOf(list[0]), missing: missingIn(list, chapter.sections) };
    };
    answers = chapters.map((c, k) => (kept(k) ? memo!.answers[k] : answerOf(c, k)));
    if (!ctx.only && !ctx.once) index.memos.set(MEMO, { profile, measures: index.measures, documents: index.documents, signatures: index.documents.map(linksByChapter), links, answers } satisfies Memo);
  }
  const out: Finding[] = [];
  for (const a of answers) {
    // A few answers, looked up among the checked documents (one, at a keystroke).
    let doc: DocumentFacts | undefined;
    if (a) for (const d of docs) if (d.uri === a.uri) { doc = d; break; }
    if (!a || !doc || !a.missing.length) continue;
    const first = { doc, section: a.chapter };
    out.push(finding('guideline/missing-chapter', doc, nodeSpan(first),
      ctx.msg('guidelineChapter', nodeName(first), name, listOf(ctx.msg, a.missing.map((s) => `「${s}」`)))));
  }
  return out;
}

/**
 * The chapters (by position) whose answers in `memo` no longer hold for `documents`, or undefined
 * when none can be kept. Answers hold for the same documents but `edited`, whose outline
 * (sections, titles, numbers, nesting: all that chapterOf, sectionsUnder and the title keys read)
 * is the same; of its links to the model's measures, those that changed make their chapters'
 * answers stale. Not the section objects themselves: a section whose first sentence (its hover
 * summary) was typed in is a new one.
 */
function staleChapters(m: Memo, profile: GuidelineProfile, documents: DocumentFacts[], edited: DocumentFacts, linksByChapter: (doc: DocumentFacts) => Map<number, string>): Set<number> | undefined {
  if (m.profile !== profile || m.documents.length !== documents.length) return undefined;
  const stale = new Set<number>();
  for (let i = 0; i < documents.length; i++) {
    const was = m.documents[i];
    const now = documents[i];
    if (was === now) continue;
    if (now !== edited || was.uri !== now.uri || was.sections.length !== now.sections.length) return undefined;
    if (!now.sections.every((s, k) => sameOutline(s, was.sections[k]))) return undefined;
    const before = m.signatures[i];
    const after = linksByChapter(now);
    for (const k of new Set([...before.keys(), ...after.keys()])) if (before.get(k) !== after.get(k)) stale.add(k);
  }
  return stale;
}

function sameOutline(a: Section, b: Section): boolean {
  return a === b || (a.title === b.title && a.parent === b.parent && a.label === b.label);
}
