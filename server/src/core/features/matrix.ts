// The traceability matrix of a policy set: one row per measure and sub-item, with the standards
// sections and procedures behind it, where they are, and its coverage status; plain JSON data that
// the renderers, the CLI, the language server and the tree view all read.

import type { Range } from '../types';
import { contains, nodeKey, type CoverageStatus, type NodeRef, type TraceIndex } from '../index/traceIndex';
import { nodeName, nodeSpan } from '../checks/context';
import type { Messages } from '../messages';
import { threatCoverage } from '../index/threats';

/** Where a node is: the URI, the path inside its folder (with '/') and its heading's range. */
export interface MatrixLocation { uri: string; path: string; range: Range }

export interface MatrixStandard {
  /** The section number (4.1), or '' for a whole document or an unnumbered section. */
  id: string;
  title: string;
  /** As people name it: `4.1 サーバ等の管理`. */
  name: string;
  location: MatrixLocation;
  /** Indexes into the row's `procedures` of those that cite this section (or a part of it). */
  procedures: number[];
}

export interface MatrixProcedure {
  /** The procedure document's title (its path when it has none). */
  document: string;
  /** The section that carries the link, when it is not the whole document. */
  section?: string;
  /** `document › section`, or the document alone. */
  name: string;
  location: MatrixLocation;
}

export interface MatrixWaiver { reason: string; location: MatrixLocation }

export interface MatrixRow {
  /** As the policy numbers it: 6(3), 6(3)①. */
  id: string;
  title: string;
  /** The ID of the measure this sub-item belongs to. */
  parent?: string;
  location: MatrixLocation;
  standards: MatrixStandard[];
  procedures: MatrixProcedure[];
  status: CoverageStatus;
  waiver?: MatrixWaiver;
  /** In a public export: how many non-public standards sections and procedures stand behind it. */
  hiddenStandards?: number;
  hiddenProcedures?: number;
}

/** A threat of the policy's 対象とする脅威 and the measures that declare they address it. */
export interface MatrixThreat {
  id: string;
  title: string;
  location: MatrixLocation;
  /** IDs of the measures (rows) that address it, in the rows' order. */
  measures: string[];
}

export interface TraceMatrix {
  /** The policy set's name ('' for the folder's one unnamed set); callers may prefix a folder. */
  name: string;
  rows: MatrixRow[];
  counts: Record<CoverageStatus, number>;
  /** The threats × measures sheet, when the set declares what its measures address (対応する脅威:). */
  threats?: MatrixThreat[];
}

export const MATRIX_STATUSES: readonly CoverageStatus[] = ['covered', 'missing-procedure', 'missing-standard', 'waived'];

export function traceMatrix(index: TraceIndex): TraceMatrix {
  const counts: Record<CoverageStatus, number> = { 'covered': 0, 'missing-procedure': 0, 'missing-standard': 0, 'waived': 0 };
  const rows = index.measures.map((m): MatrixRow => {
    const cov = index.coverage.get(m)!;
    counts[cov.status]++;
    const procedures = cov.procedures.map(toProcedure);
    const standards = cov.standards.map((s): MatrixStandard => {
      const section = s.section >= 0 ? s.doc.sections[s.section] : undefined;
      return {
        id: section?.id ?? '',
        title: section ? section.title || section.summary : s.doc.title || s.doc.path,
        name: nodeName(s),
        location: locationOf(s),
        procedures: cov.procedures.flatMap((p, i) => (procedureCites(index, p, s) ? [i] : [])),
      };
    });
    const waiver = cov.waiver && {
      reason: cov.waiver.ref.reason ?? '',
      location: locationOf({ doc: cov.waiver.doc, section: cov.waiver.ref.section }, cov.waiver.doc.lines.range(cov.waiver.ref.span)),
    };
    return {
      id: m.id,
      title: m.title || m.summary,
      ...(m.parent ? { parent: m.parent.id } : {}),
      location: locationOf(m.node),
      standards,
      procedures,
      status: cov.status,
      ...(waiver ? { waiver } : {}),
    };
  });
  const threats = threatCoverage(index);
  const sheet = threats.declarations.length
    ? threats.threats.map((t): MatrixThreat => ({ id: t.id, title: t.title, location: locationOf(t.node), measures: threats.measures.get(t)!.map((m) => m.id) }))
    : undefined;
  return { name: index.name, rows, counts, ...(sheet ? { threats: sheet } : {}) };
}

/**
 * The matrix as it may leave the organisation: the standards sections and procedures of non-public
 * documents (`hidden(uri)`) are counted, not named, and a waiver written in one keeps its place in
 * the row but not its reason. Coverage is still proven; nothing of the hidden documents is left.
 */
export function publicMatrix(matrix: TraceMatrix, hidden: (uri: string) => boolean, msg: Messages): TraceMatrix {
  const rows = matrix.rows.map((r): MatrixRow => {
    const keep = r.procedures.map((p) => !hidden(p.location.uri));
    const renumber = new Map<number, number>();
    keep.forEach((k, i) => { if (k) renumber.set(i, renumber.size); });
    const standards = r.standards.filter((s) => !hidden(s.location.uri))
      .map((s) => ({ ...s, procedures: s.procedures.flatMap((i) => (renumber.has(i) ? [renumber.get(i)!] : [])) }));
    const procedures = r.procedures.filter((_, i) => keep[i]);
    const waiver = r.waiver && hidden(r.waiver.location.uri) ? { reason: msg('matrixHiddenWaiver'), location: r.location } : r.waiver;
    return {
      ...r, standards, procedures, ...(waiver ? { waiver } : {}),
      hiddenStandards: r.standards.length - standards.length,
      hiddenProcedures: r.procedures.length - procedures.length,
    };
  });
  return { ...matrix, rows };
}

/** Procedures of a row that cite none of its standards sections: they cite the measure itself. */
export function directProcedures(row: MatrixRow): number[] {
  const cited = new Set(row.standards.flatMap((s) => s.procedures));
  return row.procedures.flatMap((_, i) => (cited.has(i) ? [] : [i]));
}

function locationOf(n: NodeRef, range = n.doc.lines.range(nodeSpan(n))): MatrixLocation {
  return { uri: n.doc.uri, path: n.doc.path, range };
}

function toProcedure(p: NodeRef): MatrixProcedure {
  const document = p.doc.title || p.doc.path;
  const section = p.section >= 0 ? nodeName(p) : undefined;
  // The title heading of a procedure is the procedure itself: its name is said once.
  const own = section !== undefined && section !== document ? section : undefined;
  return { document, ...(own ? { section: own } : {}), name: own ? `${document} › ${own}` : document, location: locationOf(p) };
}

/** True when the procedure's own links reach the standards section, inside it or around it. */
function procedureCites(index: TraceIndex, p: NodeRef, s: NodeRef): boolean {
  return (index.linksFrom.get(nodeKey(p)) ?? []).some((l) => contains(s, l.to) || contains(l.to, s));
}
