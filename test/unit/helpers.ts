// Shared helpers of the core unit tests: read fixtures, render facts as readable text.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, PolicyWorkspace, type DocumentFacts } from '../../server/src/core/api';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixtureText(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export function analyzeFixture(rel: string): { facts: DocumentFacts; text: string } {
  const text = fixtureText(rel);
  return { facts: analyzeDocument({ uri: `file:///${rel}`, path: rel, text }), text };
}

/** The section tree as indented `id | title` lines, like an outline view. */
export function outline(facts: DocumentFacts): string[] {
  return facts.sections.map((s) => {
    let depth = 0;
    for (let p = s.parent; p >= 0; p = facts.sections[p].parent) depth++;
    return `${'  '.repeat(depth)}${s.id ?? '-'} | ${s.title}`;
  });
}

/** A workspace of every Markdown file of a fixture folder, URIs `file:///<relative path>`. */
export function fixtureWorkspace(folder: string): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  const root = join(FIXTURES, folder);
  for (const f of readdirSync(root, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (path.endsWith('.md')) ws.setDocument(`file:///${path}`, path, readFileSync(join(root, f), 'utf8'));
    if (path === 'policy-trace.json') ws.setConfig({ uri: `file:///${path}`, text: readFileSync(join(root, f), 'utf8') });
    if (path === 'policy-trace.lock') ws.setLock({ uri: `file:///${path}`, text: readFileSync(join(root, f), 'utf8') });
  }
  return ws;
}

/** Findings as `file line:col-line:col severity code message` lines, in a stable order. */
export function findingLines(ws: PolicyWorkspace, locale?: string, only?: RegExp): string[] {
  const out: string[] = [];
  for (const [uri, list] of ws.findings(locale)) {
    for (const f of list) {
      if (only && !only.test(f.code)) continue;
      const r = f.range;
      out.push(`${uri.slice('file:///'.length)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.severity} ${f.code} ${f.message}`);
    }
  }
  return out.sort();
}

/** The Markdown texts of a folder of the repository (samples, fixtures), by path, without READMEs and EXPECTED.md. */
export function folderTexts(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const root = join(__dirname, '..', '..', folder);
  for (const f of readdirSync(root, { recursive: true }) as string[]) {
    const path = f.split('\\').join('/');
    if (path.endsWith('.md') && !/(README|EXPECTED)\.md$/.test(path)) out[path] = readFileSync(join(root, f), 'utf8');
  }
  return out;
}

/** A workspace of the given texts, URIs `file:///<path>`. */
export function workspaceOf(texts: Record<string, string>): PolicyWorkspace {
  const ws = new PolicyWorkspace();
  for (const [path, text] of Object.entries(texts)) ws.setDocument(`file:///${path}`, path, text);
  return ws;
}

/**
 * `value` with every text view in it written with absolute source offsets (base 0): a view moved
 * by an edit shares its runs and carries the move in `base`, and means what a fresh parse's view
 * with the runs moved means. Other objects (Prose, Maps) are compared as they are.
 */
export function absoluteViews<T>(value: T): T {
  if (Array.isArray(value)) return value.map(absoluteViews) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.runs) && typeof o.base === 'number' && typeof o.text === 'string') {
    const runs = (o.runs as number[]).map((x, k) => (k % 3 === 0 || (k % 3 === 2 && x === -1) ? x : x + (o.base as number)));
    return { ...o, runs, base: 0 } as T;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, absoluteViews(v)])) as T;
}
