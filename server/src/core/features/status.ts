// The figures of the status bar item: how many documents a folder's policy sets hold, how many
// measures they have, and how many of those lack standards or procedures.

import type { TraceIndex } from '../index/traceIndex';

export interface FolderStatus {
  /** Documents that are part of a policy set (a tier was recognised). */
  documents: number;
  measures: number;
  /** missingStandards + missingProcedures. */
  gaps: number;
  missingStandards: number;
  missingProcedures: number;
}

/** Totals over the policy sets of one folder; a document in two sets counts once. */
export function folderStatus(indexes: TraceIndex[]): FolderStatus {
  const documents = new Set<string>();
  let measures = 0;
  let missingStandards = 0;
  let missingProcedures = 0;
  for (const index of indexes) {
    for (const d of index.documents) if (d.tier) documents.add(d.uri);
    for (const c of index.coverage.values()) {
      measures++;
      if (c.status === 'missing-standard') missingStandards++;
      if (c.status === 'missing-procedure') missingProcedures++;
    }
  }
  return { documents: documents.size, measures, gaps: missingStandards + missingProcedures, missingStandards, missingProcedures };
}
