// policy-trace.lock: the fingerprint of each upstream text as it was when someone last reviewed a
// reference to it. Committed next to the documents, written only by the tool (the `lock` command,
// the "mark reviewed" quick fix), so its form is fixed: one link per line, sorted, for diffs that
// read well in a pull request and merge without conflicts most of the time.

import { parseTree, printParseErrorCode, findNodeAtLocation, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from './types';
import { LineIndex } from './text/lineIndex';
import type { MessageId } from './messages';

export const LOCK_FILE = 'policy-trace.lock';

const VERSION = 1;
const FINGERPRINT = /^[0-9a-f]{16}$/;

export interface LockProblem { span: Span; message: MessageId; args: string[] }

/** The lock file as the workspace holds it. */
export interface Lock {
  uri: string;
  text: string;
  /** Link key (index/fingerprints.ts `linkKey`) → the fingerprint of its target when reviewed. */
  reviewed: Map<string, string>;
  /** Where each entry is written: its key's first character and its value, so an edit touches only these. */
  places: Map<string, { key: number; value: Span }>;
  /** The keys in the order they are written, and the span of the `reviewed` object. */
  order: string[];
  object: Span;
  lines: LineIndex;
  /** When there are any, `reviewed` is empty and no reference is called suspect. */
  problems: LockProblem[];
}

export function parseLock(uri: string, text: string): Lock {
  const errors: ParseError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const broken = (span: Span, message: MessageId, ...args: string[]): Lock => ({
    uri, text, reviewed: new Map(), places: new Map(), order: [], object: { start: 0, end: 0 }, lines: new LineIndex(text), problems: [{ span, message, args }],
  });
  if (errors.length || !tree) {
    // Most often a merge left its markers in the file: the message says how to write it afresh.
    const e = errors[0];
    const span = e ? { start: e.offset, end: e.offset + Math.max(1, e.length) } : { start: 0, end: 0 };
    return broken(span, 'lockSyntax', e ? printParseErrorCode(e.error) : 'empty');
  }
  const whole = { start: tree.offset, end: tree.offset + tree.length };
  if (tree.type !== 'object') return broken(whole, 'lockShape');
  const version = findNodeAtLocation(tree, ['version']);
  if (version?.value !== VERSION) return broken(version ? spanOf(version) : whole, 'lockVersion', String(VERSION));
  const links = findNodeAtLocation(tree, ['reviewed']);
  if (!links || links.type !== 'object') return broken(links ? spanOf(links) : whole, 'lockShape');
  const reviewed = new Map<string, string>();
  const places = new Map<string, { key: number; value: Span }>();
  const order: string[] = [];
  for (const property of links.children ?? []) {
    const [key, value] = property.children ?? [];
    if (typeof value?.value !== 'string' || !FINGERPRINT.test(value.value)) return broken(spanOf(value ?? property), 'lockFingerprint');
    const name = String(key.value);
    if (!reviewed.has(name)) order.push(name);
    reviewed.set(name, value.value);
    places.set(name, { key: key.offset, value: spanOf(value) });
  }
  return { uri, text, reviewed, places, order, object: spanOf(links), lines: new LineIndex(text), problems: [] };
}

/** The file's text for these links: sorted by code unit, so every machine writes the same bytes. */
export function writeLock(reviewed: Map<string, string>, eol: '\n' | '\r\n' = '\n'): string {
  const keys = [...reviewed.keys()].sort(byCodeUnit);
  return ['{', `  "version": ${VERSION},`, `  "reviewed": ${reviewedObject(keys.map((k) => [k, reviewed.get(k)!]), eol)}`, '}', ''].join(eol);
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One entry as the file writes it: `"key": "fingerprint"`. */
export function lockEntry(key: string, fingerprint: string): string {
  return `${JSON.stringify(key)}: ${JSON.stringify(fingerprint)}`;
}

export const ENTRY_INDENT = '    ';

/** The `reviewed` object: `{}`, or one entry per line. */
export function reviewedObject(entries: [string, string][], eol: string): string {
  if (!entries.length) return '{}';
  return `{${eol}${entries.map(([k, v]) => ENTRY_INDENT + lockEntry(k, v)).join(`,${eol}`)}${eol}  }`;
}

/** The line break a lock file is written with, kept when it is written again (a Windows checkout). */
export function lockEol(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function spanOf(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}
