// Word round trip on documents nobody wrote for it: every document of every real-world set
// (test/fixtures/realworld) exported to Word on its own and imported again must check the same:
// the same findings, the same coverage of every measure. Line numbers may move; nothing else.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { exportDocx, type ExportLabels } from '../../server/src/word/exportDocx';
import { importDocx } from '../../server/src/word/importDocx';
import { CORPUS, corpusSets } from './corpus';

const LABELS: ExportLabels = {
  version: '版', date: '日付', untitled: '', termsTitle: '付録1', termHeader: ['用語', '意味', '文書'],
  matrixTitle: '付録2', matrixHeader: ['措置', '表題', '対策基準', '実施手順', '状態'], status: (s) => s,
};

async function checked(root: string): Promise<string[]> {
  const ws = new PolicyWorkspace();
  await loadFolder(root, ws);
  const findings = [...ws.findings().values()].flat().map((f) => `${decodeURIComponent(f.uri).split('/').pop()} ${f.code} ${f.message}`);
  const coverage = ws.getIndexes().flatMap((i) => i.measures.map((m) => `${m.id} ${i.coverage.get(m)!.status}`));
  return [...findings, ...coverage].sort();
}

describe('Word round trip on the real-world corpus', () => {
  for (const set of corpusSets()) {
    it(`${set}: each document exported and imported again checks the same`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'policy-trace-roundtrip-'));
      try {
        cpSync(join(CORPUS, set), dir, { recursive: true });
        rmSync(join(dir, 'EXPECTED.md'));
        const before = await checked(dir);
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
        assert.deepEqual(await checked(dir), before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
