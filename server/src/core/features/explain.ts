// Why a link was or was not made: for a measure, the standards sections linked to it and how, or
// the titles that came closest; for a standards section linked to nothing, the measures that came
// closest. Titles are compared by their keys (text/titles.ts), so those are what is shown.

import type { Messages } from '../messages';
import { distance, nodeKey, type Link, type Measure, type NodeRef, type TraceIndex } from '../index/traceIndex';
import { exactTitleKey, looseTitleKey, synonymTitleKey } from '../text/titles';
import { tierAt, tierOf } from '../parse/parts';
import { nodeName } from '../checks/context';

export interface TitleKeys { exact: string; loose: string; synonym: string }

export type LinkReason = 'explicit' | 'exact' | 'loose' | 'synonym' | 'joined';

export interface Candidate { node: NodeRef; name: string; key: string; distance: number }

export interface MeasureExplanation {
  measure: Measure;
  keys: TitleKeys;
  links: { node: NodeRef; name: string; reason: LinkReason; cited?: string }[];
  /** When nothing links to it: the standards titles closest to its own. */
  closest: Candidate[];
}

export interface SectionExplanation { node: NodeRef; name: string; keys: TitleKeys; closest: Candidate[] }

const CLOSEST = 3;

export function titleKeys(title: string): TitleKeys {
  return { exact: exactTitleKey(title), loose: looseTitleKey(title), synonym: synonymTitleKey(title) };
}

export function explainMeasure(index: TraceIndex, m: Measure): MeasureExplanation {
  const keys = titleKeys(m.title);
  const links = (index.linksTo.get(nodeKey(m.node)) ?? [])
    .filter((l) => tierOf(l.from) === 'standard')
    .map((l) => ({ node: l.from, name: `${l.from.doc.path} ${nodeName(l.from)}`, reason: reasonOf(l, keys), cited: l.ref?.target }));
  const closest = links.length ? [] : nearest(keys.loose, chapters(index).map((node) => ({ node, title: titleOf(node) })));
  return { measure: m, keys, links, closest };
}

/** A standards section linked to nothing above it, and the measures whose titles came closest. */
export function explainSection(index: TraceIndex, node: NodeRef): SectionExplanation {
  const title = titleOf(node);
  const keys = titleKeys(title);
  const measures = index.measures.filter((m) => !m.parent && m.title).map((m) => ({ node: m.node, title: m.title, id: m.id }));
  return { node, name: `${node.doc.path} ${nodeName(node)}`, keys, closest: nearest(keys.loose, measures) };
}

/** The outermost sections of every standards part: where a measure's chapter would be. */
function chapters(index: TraceIndex): NodeRef[] {
  const out: NodeRef[] = [];
  for (const doc of index.documents) {
    for (const s of doc.sections) {
      if (tierAt(doc, s.index) !== 'standard' || !s.title || isTitleHeading(s)) continue;
      const parent = s.parent >= 0 ? doc.sections[s.parent] : undefined;
      // Top level, or right under a part heading or the document's title heading.
      if (!parent || doc.parts.some((p) => p.section === parent.index) || (parent.headingDepth === 1 && parent.parent < 0)) {
        out.push({ doc, section: s.index });
      }
    }
  }
  return out;
}

/** `# 北町情報セキュリティ対策基準`: the document's name, not a chapter. */
function isTitleHeading(s: { id?: string; headingDepth: number; parent: number }): boolean {
  return !s.id && s.headingDepth === 1 && s.parent < 0;
}

function nearest(key: string, candidates: { node: NodeRef; title: string; id?: string }[]): Candidate[] {
  return candidates
    .map((c) => {
      const k = looseTitleKey(c.title);
      return { node: c.node, name: c.id ? `${c.id} ${c.title}` : `${c.node.doc.path} ${nodeName(c.node)}`, key: k, distance: distance(key, k) };
    })
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, CLOSEST);
}

function titleOf(n: NodeRef): string {
  return n.section >= 0 ? n.doc.sections[n.section].title : n.doc.title;
}

function reasonOf(l: Link, measureKeys: TitleKeys): LinkReason {
  if (l.via === 'explicit') return 'explicit';
  if (l.via === 'exact-title') return 'exact';
  const keys = titleKeys(titleOf(l.from));
  if (keys.loose === measureKeys.loose) return 'loose';
  if (keys.synonym === measureKeys.synonym) return 'synonym';
  return 'joined';
}

/** The explanation as lines of text (the CLI's --explain, and hovers as a list). */
export function measureExplanationLines(e: MeasureExplanation, msg: Messages): string[] {
  const lines = [msg('explainMeasure', e.measure.id, e.measure.title || e.measure.summary, keyText(e.keys))];
  for (const l of e.links) lines.push(`  ${msg('explainLinked', l.name, reasonText(l.reason, l.cited, l.node, msg))}`);
  if (!e.links.length) {
    lines.push(`  ${msg('explainNoStandard')}`);
    lines.push(`  ${msg('explainClosest', candidatesText(e.closest, msg))}`);
  }
  return lines;
}

export function sectionExplanationLines(e: SectionExplanation, msg: Messages): string[] {
  return [msg('explainOrphan', e.name, keyText(e.keys)), `  ${msg('explainClosestMeasures', candidatesText(e.closest, msg))}`];
}

function keyText(k: TitleKeys): string {
  return [...new Set([k.exact, k.loose, k.synonym])].join(' / ');
}

function reasonText(reason: LinkReason, cited: string | undefined, node: NodeRef, msg: Messages): string {
  switch (reason) {
    case 'explicit': return msg('explainViaExplicit', cited ?? '');
    case 'exact': return msg('explainViaExact');
    case 'loose': return msg('explainViaLoose', looseTitleKey(titleOf(node)));
    case 'synonym': return msg('explainViaSynonym', synonymTitleKey(titleOf(node)));
    case 'joined': return msg('explainViaJoined');
  }
}

function candidatesText(c: Candidate[], msg: Messages): string {
  return c.length ? c.map((x) => msg('explainCandidate', x.name, x.key, x.distance)).join(msg('listSeparator')) : msg('explainNone');
}
