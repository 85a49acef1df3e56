// guideline/missing-chapter: the standards that implement a model measure compared with the usual
// sub-sections of the model standards' chapter for it (物理的セキュリティ: サーバ等の管理, 管理区域の
// 管理, 通信回線…, 端末…). One finding per measure whose standards lack some, on the first standards
// chapter that implements it. A measure without standards is trace/missing-standard, not this.
// A hint by default: real standards arrange and name their sections freely, and titles are compared
// loosely, so this says where to look, not what is wrong.

import type { Finding } from '../types';
import { standardsOf, type NodeRef, type TraceIndex } from '../index/traceIndex';
import type { DocumentFacts } from '../facts';
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

/** Each section's title keys, made once per document version: a keystroke elsewhere reuses them. */
const sectionKeys = new WeakMap<DocumentFacts, TitleKeys[]>();
function keysOfSections(doc: DocumentFacts): TitleKeys[] {
  let keys = sectionKeys.get(doc);
  if (!keys) sectionKeys.set(doc, keys = doc.sections.map((s) => keysOf(s.title)));
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

/** The model sections none of the standards' chapters has a section for; each chapter read once. */
function missingIn(standards: NodeRef[], model: string[]): string[] {
  const left = new Map(model.map((m) => [m, keysOf(m)]));
  const read = new Set<string>();
  for (const n of standards) {
    const chapter = chapterOf(n);
    const key = `${n.doc.uri}#${chapter}`;
    if (read.has(key)) continue;
    read.add(key);
    const keys = keysOfSections(n.doc);
    for (const i of sectionsUnder(n.doc, chapter)) {
      for (const [m, mk] of left) if (covers(keys[i], mk)) left.delete(m);
      if (!left.size) return [];
    }
  }
  return [...left.keys()];
}

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
  const standards = standardsOf(index, chapters.map((c) => c.measure));
  const out: Finding[] = [];
  for (const { chapter, measure } of chapters) {
    const list = standards.get(measure)!;
    if (!list.length || !docs.has(list[0].doc)) continue;
    const missing = missingIn(list, chapter.sections);
    if (!missing.length) continue;
    const first = { doc: list[0].doc, section: chapterOf(list[0]) };
    out.push(finding('guideline/missing-chapter', first.doc, nodeSpan(first),
      ctx.msg('guidelineChapter', nodeName(first), name, listOf(ctx.msg, missing.map((s) => `「${s}」`)))));
  }
  return out;
}
