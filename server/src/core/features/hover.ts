// Hover: the trace chain around what is under the cursor, as Markdown.
// On a measure: measure → standards sections → procedures, with counts, waivers and gaps.
// On a standards section or procedure: what it implements upstream and what implements it.
// On a reference: the target's title and first sentence.

import type { DocumentFacts } from '../facts';
import type { Messages } from '../messages';
import type { Range } from '../types';
import { effectiveLinks, nodeKey, contains, type Measure, type NodeRef, type TraceIndex } from '../index/traceIndex';
import { nodeName, nodeSpan } from '../checks/context';
import { locate } from './locate';
import { escapeMarkdown, markdownLink } from './links';
import { explainMeasure, explainSection, measureExplanationLines, sectionExplanationLines } from './explain';
import { tierOf } from '../parse/parts';

export interface HoverResult { markdown: string; range: Range }

export function hover(index: TraceIndex, doc: DocumentFacts, offset: number, msg: Messages): HoverResult | undefined {
  const at = locate(index, doc, offset);
  if (!at) return undefined;
  switch (at.kind) {
    case 'reference': {
      const { ref, targets } = at.resolved;
      if (!targets.length) return undefined;
      const parts = targets.map((t) => {
        const s = t.section >= 0 ? t.doc.sections[t.section] : undefined;
        const head = `**${markdownLink(`${tierLabel(t, msg)} ${nodeName(t)}`, t)}**`;
        return s?.summary ? `${head}\n\n${escapeMarkdown(s.summary)}` : head;
      });
      return { markdown: parts.join('\n\n---\n\n'), range: doc.lines.range(ref.span) };
    }
    case 'crossReference': {
      const { ref } = at;
      if (!ref.targets.length) return undefined;
      const parts = ref.targets.map((section) => {
        const s = doc.sections[section];
        const head = `**${markdownLink(`${s.id ?? s.label ?? ''} ${s.title}`.trim(), { doc, section })}**`;
        return s.summary && s.summary !== s.title ? `${head}\n\n${escapeMarkdown(s.summary)}` : head;
      });
      return { markdown: parts.join('\n\n---\n\n'), range: doc.lines.range(ref.span) };
    }
    case 'measure':
      return { markdown: measureChain(index, at.measure, msg), range: doc.lines.range(nodeSpan(at.measure.node)) };
    case 'node':
      return { markdown: nodeChain(index, at.node, msg), range: doc.lines.range(nodeSpan(at.node)) };
  }
}

function tierLabel(n: NodeRef, msg: Messages): string {
  const tier = tierOf(n);
  return tier ? msg(`tier_${tier}`) : '';
}

export function measureChain(index: TraceIndex, m: Measure, msg: Messages): string {
  const cov = index.coverage.get(m)!;
  const lines: string[] = [];
  const counts = cov.waiver
    ? msg('hoverWaived')
    : `${cov.standards.length ? msg('hoverStandards', cov.standards.length) : msg('hoverNoStandard')} · ${cov.procedures.length ? msg('hoverProcedures', cov.procedures.length) : msg('hoverNoProcedure')}`;
  lines.push(`**${escapeMarkdown(msg('hoverMeasure', m.id, m.title || m.summary))}** — ${counts}`);
  if (m.summary && m.summary !== m.title) lines.push('', `> ${escapeMarkdown(m.summary)}`);
  if (cov.waiver) {
    lines.push('', `${msg('hoverWaived')}: ${markdownLink(nodeName({ doc: cov.waiver.doc, section: cov.waiver.ref.section }), { doc: cov.waiver.doc, section: cov.waiver.ref.section })}`);
    if (cov.waiver.ref.reason) lines.push('', escapeMarkdown(msg('hoverReason', cov.waiver.ref.reason)));
  }
  lines.push('');
  for (const s of cov.standards) {
    lines.push(`- ${msg('tier_standard')} ${markdownLink(nodeName(s), s)}`);
    for (const p of cov.procedures.filter((p) => procedureCites(index, p, s))) {
      lines.push(`  - ${msg('tier_procedure')} ${markdownLink(procedureName(p), p)}`);
    }
  }
  const direct = cov.procedures.filter((p) => !cov.standards.some((s) => procedureCites(index, p, s)));
  for (const p of direct) lines.push(`- ${msg('tier_procedure')} ${markdownLink(procedureName(p), p)}`);
  if (!cov.waiver && !cov.standards.length) {
    lines.push(`- ⚠ ${msg('hoverNoStandard')}`);
    // Why: the standards titles that came closest to the measure's, with the keys compared.
    lines.push('', ...measureExplanationLines(explainMeasure(index, m), msg).slice(1).map((l) => `- ${escapeMarkdown(l.trim())}`));
  } else if (!cov.waiver && !cov.procedures.length) lines.push(`- ⚠ ${msg('hoverNoProcedure')}`);
  return lines.join('\n').trimEnd();
}

function procedureCites(index: TraceIndex, p: NodeRef, s: NodeRef): boolean {
  return (index.linksFrom.get(nodeKey(p)) ?? []).some((l) => contains(s, l.to) || contains(l.to, s));
}

function procedureName(p: NodeRef): string {
  const doc = p.doc.title || p.doc.path;
  const section = p.section >= 0 ? nodeName(p) : doc;
  // The title heading of a procedure is the procedure itself: say its name once.
  return section === doc ? doc : `${doc} › ${section}`;
}

function nodeChain(index: TraceIndex, n: NodeRef, msg: Messages): string {
  const lines = [`**${escapeMarkdown(`${tierLabel(n, msg)} ${nodeName(n)}`)}**`, ''];
  const up = effectiveLinks(index, n);
  lines.push(`${msg('hoverImplements')}:`);
  if (!up.length) lines.push(`- ${msg('hoverNone')}`);
  if (!up.length && tierOf(n) === 'standard' && n.section >= 0) {
    lines.push(...sectionExplanationLines(explainSection(index, n), msg).slice(1).map((l) => `- ${escapeMarkdown(l.trim())}`));
  }
  for (const l of up) {
    const target = l.to;
    const summary = target.section >= 0 ? target.doc.sections[target.section].summary : '';
    lines.push(`- ${tierLabel(target, msg)} ${markdownLink(nodeName(target), target)}${summary ? ` — ${escapeMarkdown(summary)}` : ''}`);
  }
  // Downstream: what cites this node or anything inside it.
  // (Within one file only links from another part: a file of several tiers.)
  const down = index.links.filter((l) => contains(n, l.to) && (l.from.doc !== n.doc || tierOf(l.from) !== tierOf(n)));
  lines.push('', `${msg('hoverImplementedBy')}:`);
  if (!down.length) lines.push(`- ${msg('hoverNone')}`);
  const seen = new Set<string>();
  for (const l of down) {
    const k = nodeKey(l.from);
    if (seen.has(k)) continue;
    seen.add(k);
    const name = tierOf(l.from) === 'procedure' ? procedureName(l.from) : nodeName(l.from);
    lines.push(`- ${tierLabel(l.from, msg)} ${markdownLink(name, l.from)}`);
  }
  return lines.join('\n');
}
