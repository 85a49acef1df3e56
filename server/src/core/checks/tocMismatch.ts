// ref/toc-mismatch: a 目次 entry with an article range (第2節　組織体制（第5条―第15条）) that the
// chapters and articles after it do not bear out: the chapter is missing, its articles run over
// another range, or its title reads otherwise.

import type { Finding, Span } from '../types';
import type { DocumentFacts } from '../facts';
import type { TraceIndex } from '../index/traceIndex';
import type { Section } from '../parse/structure';
import { NUMERAL, parseNumber } from '../parse/numbering';
import { proseSpan } from '../text/prose';
import { looseTitleKey } from '../text/titles';
import { checkedDocuments, finding, type CheckContext } from './context';

const D = NUMERAL;
const HEAD = new RegExp(`第(${D})(編|章|節|款)`, 'gu');
const RANGE = new RegExp(`[（(]\\s*第(${D})条(?:の(${D}))?(?:\\s*([―－ー−‐\\-~〜～・、]|から)\\s*第(${D})条(?:の(${D}))?(?:まで)?)?\\s*[）)]\\s*$`, 'u');
const HAS_HEAD = new RegExp(HEAD.source, 'u');
const RANK = ['編', '章', '節', '款'];

interface Entry {
  span: Span;
  /** The labels from the outermost: [第2章, 第1節]. */
  path: string[];
  title: string;
  from: string;
  to: string;
  /** (第1条・第2条): two articles, not a range. */
  pair: boolean;
}

const num = parseNumber;

const article = (n: string, branch: string | undefined): string => `第${num(n)}条${branch ? `の${num(branch)}` : ''}`;

/** The entries of a document's 目次 that give an article range, with the IDs of their chapters. */
export function tocEntries(doc: DocumentFacts): Entry[] {
  const out: Entry[] = [];
  // Furniture spans come in text order, and so do the blocks: one pass over both.
  let f = 0;
  const inFurniture = (offset: number): boolean => {
    while (f < doc.furniture.length && doc.furniture[f].end <= offset) f++;
    return f < doc.furniture.length && doc.furniture[f].start <= offset;
  };
  // The enclosing chapter of a 節 entry, as the 目次 has it.
  const open: string[] = [];
  for (let p = 0; p < doc.prose.length; p++) {
    const prose = doc.prose[p];
    const text = prose.text;
    // Most furniture is a caption or a table of document data, with no 第N章 in it.
    if (!inFurniture(prose.offset(0)) || !HAS_HEAD.test(text)) continue;
    const heads = [...text.matchAll(HEAD)];
    heads.forEach((h, k) => {
      const end = k + 1 < heads.length ? heads[k + 1].index : text.length;
      const piece = text.slice(h.index, end);
      const rank = RANK.indexOf(h[2]);
      open.length = rank;
      const label = `第${num(h[1])}${h[2]}`;
      open[rank] = label;
      const range = RANGE.exec(piece.trimEnd());
      if (!range) return;
      const path = open.filter(Boolean);
      const title = piece.slice(h[0].length, range.index).trim();
      const pair = range[3] === '・' || range[3] === '、';
      out.push({
        span: proseSpan(prose, h.index, h.index + piece.trimEnd().length), path, title,
        from: article(range[1], range[2]), to: range[4] ? article(range[4], range[5]) : article(range[1], range[2]), pair,
      });
    });
  }
  return out;
}

export function checkTocMismatch(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const entries = tocEntries(doc);
    if (!entries.length) continue;
    const byLabel = new Map<string, Section[]>();
    for (const s of doc.sections) {
      if (s.label === undefined || s.style === 'article') continue;
      const list = byLabel.get(s.label);
      if (list) list.push(s); else byLabel.set(s.label, [s]);
    }
    for (const e of entries) {
      const section = sectionAt(doc.sections, byLabel.get(e.path[e.path.length - 1]) ?? [], e.path);
      const shown = `${e.path[e.path.length - 1]}　${e.title}`;
      if (!section) {
        out.push(finding('ref/toc-mismatch', doc, e.span, ctx.msg('tocMissing', shown)));
        continue;
      }
      const articles = articlesUnder(doc.sections, section);
      const range = e.pair ? `${e.from}・${e.to}` : e.from === e.to ? e.from : `${e.from}―${e.to}`;
      const actual = !articles.length ? '' : articles.length === 1 ? articles[0] : articles.length === 2 ? `${articles[0]}・${articles[1]}` : `${articles[0]}―${articles[articles.length - 1]}`;
      const first = articles[0];
      const last = articles[articles.length - 1];
      if (first !== e.from || last !== e.to || (e.pair && articles.length !== 2)) {
        out.push(finding('ref/toc-mismatch', doc, e.span, actual
          ? ctx.msg('tocRange', shown, range, actual)
          : ctx.msg('tocNoArticles', shown, range)));
      } else if (e.title && section.title && looseTitleKey(e.title) !== looseTitleKey(section.title)) {
        out.push(finding('ref/toc-mismatch', doc, e.span, ctx.msg('tocTitle', e.title, section.title)));
      }
    }
  }
  return out;
}

/**
 * The chapter or section a 目次 entry names: its label, under sections with the labels before it
 * (第2章 › 第1節), however the document's IDs are composed (a file of parts numbers its 節 alone).
 */
function sectionAt(sections: Section[], labelled: Section[], path: string[]): Section | undefined {
  return labelled.find((s) => {
    let k = path.length - 2;
    for (let x = s.parent; x >= 0 && k >= 0; x = sections[x].parent) {
      if (sections[x].label === path[k]) k--;
    }
    return k < 0;
  });
}

/** The labels of the articles inside a section, in order: the sections after it that start before it ends. */
function articlesUnder(sections: Section[], top: Section): string[] {
  const out: string[] = [];
  for (let i = top.index + 1; i < sections.length && sections[i].span.start < top.span.end; i++) {
    const s = sections[i];
    if (s.style === 'article' && s.label) out.push(s.label);
  }
  return out;
}
