// `policy-trace import`: Word documents (.docx, or every .docx of a folder) → Markdown files of the
// policy set, with a report of what could not be carried over. Never writes over a file unless told.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { Messages, Tier } from '../core/api';
import { importDocx } from '../word/importDocx';
import { TIER_NAME } from '../core/parse/tier';

export interface ImportOptions { inputs: string[]; tier?: Tier; out?: string; force: boolean; cwd: string; msg: Messages }


/** Lines for stdout and stderr, and the exit code: 2 when a document could not be read or written. */
export async function runImport(options: ImportOptions): Promise<{ out: string[]; err: string[]; code: number }> {
  const { msg, cwd } = options;
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const shown = (path: string): string => relative(cwd, path) || path;
  const files: string[] = [];
  for (const input of options.inputs) {
    if (statSync(input).isDirectory()) {
      const found = (readdirSync(input, { recursive: true }) as string[])
        // ~$…docx: the lock file Word keeps beside an open document.
        .filter((f) => /\.docx$/i.test(f) && !basename(f).startsWith('~$'))
        .sort()
        .map((f) => join(input, f));
      if (!found.length) {
        err.push(msg('importNothing', shown(input)));
        code = 2;
      }
      files.push(...found);
    } else files.push(input);
  }
  for (const file of files) {
    const target = join(options.out ?? dirname(file), `${basename(file, extname(file))}.md`);
    if (existsSync(target) && !options.force) {
      err.push(msg('importExists', shown(target)));
      code = 2;
      continue;
    }
    let imported;
    try {
      imported = await importDocx(readFileSync(file), { tier: options.tier });
    } catch (e) {
      err.push(msg('importFailed', shown(file), e instanceof Error ? e.message : String(e)));
      code = 2;
      continue;
    }
    writeFileSync(target, imported.markdown, 'utf8');
    const r = imported.report;
    const tier = imported.tier ? TIER_NAME[imported.tier] : imported.titleTier ? msg('importTierFromTitle', TIER_NAME[imported.titleTier]) : '-';
    out.push(msg('importWrote', shown(file), shown(target), tier, r.listNumbers));
    const name = shown(file);
    if (!imported.tier && !imported.titleTier) err.push(msg('importNoTier', name));
    if (r.images) err.push(msg('importImages', name, r.images));
    if (r.textBoxes) err.push(msg('importTextBoxes', name, r.textBoxes));
    if (r.comments) err.push(msg('importComments', name, r.comments));
    if (r.trackedChanges) err.push(msg('importTracked', name, r.trackedChanges));
    for (const w of r.warnings) err.push(msg('importWarning', name, w));
    // A document of pictures or text boxes alone gives nothing to check: said, not left silent.
    if (!imported.markdown.replace(/^---\n[\s\S]*?\n---\n/, '').trim()) err.push(msg('importEmpty', name));
  }
  return { out, err, code };
}
