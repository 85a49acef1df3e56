// The real-world corpus (test/fixtures/realworld/rw*): each set's EXPECTED.md, written before the
// checker was run on it, against what the checker reports on the set loaded as the CLI loads it.
// Used by corpus.test.ts and by `npm run corpus`, which prints the per-set report of the README.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder } from '../../server/src/host/folder';
import { tiersOf } from '../../server/src/core/parse/parts';
import { sentenceSubject } from '../../server/src/core/parse/structure';

export const CORPUS = join(__dirname, '..', 'fixtures', 'realworld');

export interface Expected { tiers: string[]; measures: string[]; terms: string[]; findings: string[] }

/**
 * A sub-item written as a sentence (ア　マイナンバー利用事務系においては、…) is titled by its subject
 * (parse/structure.ts sentenceSubject); EXPECTED.md may write the whole sentence.
 */
function measureLine(line: string): string {
  const m = /^(- )?(.*) (\S+)$/u.exec(line);
  if (!m) return line;
  const title = m[2].length > 40 || /。$/.test(m[2]) ? sentenceSubject(m[2]) : m[2];
  return `${m[1] ?? ''}${title} ${m[3]}`;
}

/** The sets of the corpus, in name order. */
export function corpusSets(): string[] {
  return readdirSync(CORPUS).filter((name) => name.startsWith('rw')).sort();
}

/** The fenced blocks ```tiers, ```measures, ```terms and ```findings of an EXPECTED.md. */
export function readExpected(set: string): Expected {
  const text = readFileSync(join(CORPUS, set, 'EXPECTED.md'), 'utf8');
  const block = (name: string): string[] => {
    const m = new RegExp('^```' + name + '\\n([\\s\\S]*?)^```', 'm').exec(text);
    if (!m) throw new Error(`${set}/EXPECTED.md has no \`\`\`${name} block`);
    return m[1].split('\n').map((l) => l.trim()).filter(Boolean);
  };
  return { tiers: block('tiers'), measures: block('measures').map(measureLine), terms: block('terms'), findings: block('findings') };
}

/** What the checker says about a set, in the shape of EXPECTED.md's blocks. */
export async function actual(set: string): Promise<Expected> {
  const root = join(CORPUS, set);
  const ws = new PolicyWorkspace();
  await loadFolder(root, ws);
  // The expectations are notes about the set, not part of it.
  ws.removeDocument(ws.uris().find((u) => u.endsWith('/EXPECTED.md')) ?? '');
  const rel = (uri: string): string => decodeURIComponent(uri).slice(decodeURIComponent(`file://${root}/`).length);
  // guideline/* compares a policy with the 総務省 model, not with what it should say: the corpus's
  // EXPECTED.md predate the profile, and test/unit/guideline.test.ts holds the corpus to an exact list.
  const findings = [...ws.findings().values()].flat()
    .filter((f) => !f.code.startsWith('guideline/'))
    .map((f) => `${rel(f.uri)}:${f.range.start.line + 1} ${f.code}`);
  const index = ws.getIndexes()[0];
  const docs = new Map(index.documents.map((d) => [rel(d.uri), d]));
  const tiers = ws.uris().map(rel).filter((p) => !/(^|\/)(README|EXPECTED)\.md$/.test(p)).sort()
    .map((p) => `${p} ${docs.has(p) ? tiersOf(docs.get(p)!).join(',') || 'none' : 'none'}`);
  const measures = index.measures.map((m) => `${m.parent ? '- ' : ''}${m.title || m.summary} ${index.coverage.get(m)!.status}`);
  const terms = index.terms.glossary.entries.map((e) => e.term);
  return { tiers, measures, terms, findings };
}

export interface Comparison { expected: number; found: number; unwanted: string[]; missed: string[] }

/** Counts a list against the expected one as multisets (a finding may be expected twice on a line). */
export function compare(expected: string[], got: string[]): Comparison {
  const left = [...got];
  const missed: string[] = [];
  for (const e of expected) {
    const at = left.indexOf(e);
    if (at >= 0) left.splice(at, 1); else missed.push(e);
  }
  return { expected: expected.length, found: expected.length - missed.length, unwanted: left, missed };
}

/** Runs `fn` on a fresh copy of a corpus set without its EXPECTED.md (for tests that rewrite files). */
export async function onCopyOf<T>(set: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-trace-corpus-'));
  try {
    cpSync(join(CORPUS, set), dir, { recursive: true });
    rmSync(join(dir, 'EXPECTED.md'));
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a check of a folder says, line numbers aside: each finding (file, code, message) and each measure's coverage. */
export async function checkSummary(root: string, keep: (code: string) => boolean = () => true): Promise<string[]> {
  const ws = new PolicyWorkspace();
  await loadFolder(root, ws);
  const findings = [...ws.findings().values()].flat().filter((f) => keep(f.code))
    .map((f) => `${decodeURIComponent(f.uri).split('/').pop()} ${f.code} ${f.message}`);
  const coverage = ws.getIndexes().flatMap((i) => i.measures.map((m) => `${m.id} ${i.coverage.get(m)!.status}`));
  return [...findings, ...coverage].sort();
}
