// Code lenses over the measures of a basic policy: how many standards sections and procedures stand
// behind each one. Listing is cheap (positions only); the counts are filled in when a lens is shown.

import type { DocumentFacts } from '../facts';
import type { Messages } from '../messages';
import type { Location, Range } from '../types';
import { nodeKey, type Coverage, type Measure, type TraceIndex } from '../index/traceIndex';
import { locationOf } from './links';

/** A lens before it is resolved: where it goes and which section of the document is its measure. */
export interface MeasureLens { range: Range; section: number }

export interface ResolvedMeasureLens {
  /** 対策基準 2件 · 実施手順 3件, 対策基準なし, 適用除外 … */
  title: string;
  /** Where the measure is, and the standards sections and procedures behind it (empty when none). */
  position: Location;
  chain: Location[];
}

/** One lens per measure written in this document, on its opening line. */
export function measureLenses(index: TraceIndex, doc: DocumentFacts): MeasureLens[] {
  return index.measures
    .filter((m) => m.node.doc === doc)
    .map((m) => ({ range: doc.lines.range(doc.sections[m.node.section].headingSpan), section: m.node.section }));
}

/** The lens of the measure at that section, or undefined when it is no measure any more (an edit). */
export function resolveMeasureLens(index: TraceIndex, doc: DocumentFacts, section: number, msg: Messages): ResolvedMeasureLens | undefined {
  const measure = measureAt(index, doc, section);
  const coverage = measure && index.coverage.get(measure);
  if (!measure || !coverage) return undefined;
  return {
    title: coverageText(coverage, msg),
    position: locationOf(measure.node),
    chain: [...coverage.standards, ...coverage.procedures].map(locationOf),
  };
}

/**
 * The counts as one short line, the same words as the hover's headline. A measure with neither
 * says only what is missing first: without standards there is nothing for a procedure to follow.
 */
export function coverageText(coverage: Coverage, msg: Messages): string {
  if (coverage.waiver) return msg('hoverWaived');
  const { standards, procedures } = coverage;
  if (!standards.length && !procedures.length) return msg('hoverNoStandard');
  const s = standards.length ? msg('hoverStandards', standards.length) : msg('hoverNoStandard');
  const p = procedures.length ? msg('hoverProcedures', procedures.length) : msg('hoverNoProcedure');
  return `${s} · ${p}`;
}

function measureAt(index: TraceIndex, doc: DocumentFacts, section: number): Measure | undefined {
  const key = nodeKey({ doc, section });
  return index.measures.find((m) => nodeKey(m.node) === key);
}
