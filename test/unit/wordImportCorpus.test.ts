// Import on documents nobody wrote for it: every document of every real-world set, typed into Word
// as an office would (one paragraph per line, the Markdown headings as heading styles, the first
// as the Title, tables as Word tables, bullets and emphasis gone), imported again, checks the same
// as the Markdown it came from (term findings aside: bullets and bold change where terms are read).

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { importDocx } from '../../server/src/word/importDocx';
import { checkSummary, corpusSets, onCopyOf } from './corpus';

const LEVELS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

/** The Markdown body as a Word user would have typed it. */
function typedInWord(body: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let rows: string[][] = [];
  const flush = (): void => {
    if (rows.length) out.push(new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })) }));
    rows = [];
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*\|/.test(line)) {
      if (!/^\s*\|[\s:|-]+\|\s*$/.test(line)) rows.push(line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
      continue;
    }
    flush();
    if (!line.trim()) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) out.push(new Paragraph({ text: heading[2], heading: LEVELS[heading[1].length - 1] }));
    else out.push(new Paragraph(line.replace(/^\s*[-*]\s+/, '').replace(/\*\*/g, '')));
  }
  flush();
  return out;
}

describe('import on the real-world corpus typed into Word', () => {
  for (const set of corpusSets()) {
    it(`${set}: every document, typed into Word and imported, checks the same`, async () => {
      const keep = (code: string): boolean => !code.startsWith('term/');
      await onCopyOf(set, async (dir) => {
        const before = await checkSummary(dir, keep);
        const ws = new PolicyWorkspace();
        await loadFolder(dir, ws);
        for (const facts of ws.getIndexes().flatMap((i) => i.documents)) {
          const text = ws.textOf(facts.uri)!;
          // Word has no front matter: the file's own is put back, as a user would after importing.
          const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text)?.[0] ?? '';
          const bytes = await Packer.toBuffer(new Document({ sections: [{ children: typedInWord(text.slice(front.length)) }] }));
          const back = await importDocx(bytes);
          writeFileSync(join(dir, facts.path), front ? front + back.markdown.replace(/^---\n[\s\S]*?\n---\n/, '') : back.markdown);
        }
        assert.deepEqual(await checkSummary(dir, keep), before);
      });
    });
  }
});
