// guideline/missing-chapter: the standards that implement a model measure compared with the usual
// sub-sections of the model standards' chapter for it (物理的セキュリティ: サーバ等の管理, 管理区域の
// 管理, 通信回線…, 端末…). One finding per measure whose standards lack some, on the first standards
// chapter that implements it. A measure without standards is trace/missing-standard, not this.
// A hint by default: real standards arrange and name their sections freely, and titles are compared
// loosely, so this says where to look, not what is wrong.

import type { Finding } from '../types';
import type { NodeRef, TraceIndex } from '../index/traceIndex';
import { looseTitleKey, synonymTitleKey } from '../text/titles';
import { listOf } from '../messages';
import { checkedDocuments, finding, nodeName, nodeSpan, type CheckContext } from './context';

/** The part of a title that names its subject: 管理区域 of 管理区域（情報システム室等）の管理. */
function core(title: string): string {
  return looseTitleKey(title).replace(/(?:の)?(?:管理|取扱い|取扱|対策|実施|確認|設置)+$/u, '').replace(/等$/u, '');
}

function covers(title: string, model: string): boolean {
  const a = synonymTitleKey(title);
  const b = synonymTitleKey(model);
  if (a === b || a.includes(b)) return true;
  const ca = core(title);
  const cb = core(model);
  return ca.length >= 2 && cb.length >= 2 && (ca.includes(cb) || cb.includes(ca));
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

/** The titles of a node's chapter and of every section inside it. */
function titlesUnder(n: NodeRef): string[] {
  const { sections } = n.doc;
  const chapter = chapterOf(n);
  if (chapter < 0) return sections.map((s) => s.title);
  const top = sections[chapter];
  const out = [top.title];
  for (let i = chapter + 1; i < sections.length && sections[i].span.start < top.span.end; i++) out.push(sections[i].title);
  return out;
}

export function checkGuidelineChapters(index: TraceIndex, ctx: CheckContext): Finding[] {
  const profile = ctx.guideline;
  if (!profile?.chapters?.length) return [];
  const docs = new Set(checkedDocuments(index, ctx));
  const name = ctx.locale === 'en' ? profile.nameEn ?? profile.name : profile.name;
  const out: Finding[] = [];
  for (const chapter of profile.chapters) {
    const model = profile.measures.find((m) => m.id === chapter.measure);
    if (!model) continue;
    const measure = index.measures.find((m) => !m.parent && synonymTitleKey(m.title) === synonymTitleKey(model.title));
    const standards = measure ? index.coverage.get(measure)?.standards ?? [] : [];
    if (!standards.length || !docs.has(standards[0].doc)) continue;
    const titles = standards.flatMap(titlesUnder);
    const missing = chapter.sections.filter((s) => !titles.some((t) => covers(t, s)));
    if (!missing.length) continue;
    const first = { doc: standards[0].doc, section: chapterOf(standards[0]) };
    out.push(finding('guideline/missing-chapter', first.doc, nodeSpan(first),
      ctx.msg('guidelineChapter', nodeName(first), name, listOf(ctx.msg, missing.map((s) => `「${s}」`)))));
  }
  return out;
}
