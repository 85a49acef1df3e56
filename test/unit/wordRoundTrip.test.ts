// Word round trip on documents nobody wrote for it: every document of every real-world set
// (test/fixtures/realworld) exported to Word on its own and imported again must check the same:
// the same findings, the same coverage of every measure. Line numbers may move; nothing else.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { exportDocx, type ExportLabels } from '../../server/src/word/exportDocx';
import { importDocx } from '../../server/src/word/importDocx';
import { checkSummary, corpusSets, onCopyOf } from './corpus';

const LABELS: ExportLabels = {
  version: '版', date: '日付', untitled: '', termsTitle: '付録1', termHeader: ['用語', '意味', '文書'],
  matrixTitle: '付録2', matrixHeader: ['措置', '表題', '対策基準', '実施手順', '状態'], status: (s) => s,
};

describe('Word round trip on the real-world corpus', () => {
  for (const set of corpusSets()) {
    it(`${set}: each document exported and imported again checks the same`, async () => {
      await onCopyOf(set, async (dir) => {
        const before = await checkSummary(dir);
        const ws = new PolicyWorkspace();
        await loadFolder(dir, ws);
        const documents = ws.getIndexes().flatMap((i) => i.documents);
        assert.ok(documents.length >= 3, `${set} has ${documents.length} documents`);
        for (const facts of documents) {
          const bytes = await exportDocx({ documents: [{ facts, text: ws.textOf(facts.uri)! }], terms: [], matrices: [], labels: LABELS });
          const back = await importDocx(bytes);
          assert.deepEqual(back.report, { images: 0, textBoxes: 0, comments: 0, trackedChanges: 0, listNumbers: 0, warnings: [] });
          writeFileSync(join(dir, facts.path), back.markdown);
        }
        assert.deepEqual(await checkSummary(dir), before);
      });
    });
  }
});
