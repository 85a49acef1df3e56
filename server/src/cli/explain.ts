// `check --explain`: for every measure, why standards sections are linked to it (or which titles
// came closest when none is), and for every standards section linked to nothing, the closest measures.

import { explainMeasure, explainSection, measureExplanationLines, sectionExplanationLines, type Messages } from '../core/api';
import { keptIndexes, type FolderResult } from './check';

export function explainLines(folders: FolderResult[], msg: Messages): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    for (const index of keptIndexes(folder, 'explainLines')) {
      for (const m of index.measures) {
        if (!m.parent) out.push(...measureExplanationLines(explainMeasure(index, m), msg));
      }
      const orphans = folder.findings.filter((f) => f.code === 'trace/orphan');
      for (const doc of index.documents) {
        for (const s of doc.sections) {
          const at = doc.lines.range(s.headingSpan).start;
          if (orphans.some((f) => f.uri === doc.uri && f.range.start.line === at.line && f.range.start.character === at.character)) {
            out.push(...sectionExplanationLines(explainSection(index, { doc, section: s.index }), msg));
          }
        }
      }
    }
  }
  return out.length ? [msg('explainHeader'), ...out] : [];
}
