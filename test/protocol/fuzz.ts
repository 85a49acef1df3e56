// Random edit sequences played against the real server process (dist/server.js over stdio), and the
// big inputs no sequence reaches. The server must answer and stay up whatever it is sent: an editor
// shows a dead or silent checker as a broken extension, and a diagnostic range outside its document
// makes VS Code drop or misplace it.
//
// The test keeps its own copy of each open document's text, changed the way LSP incremental sync
// changes it (0-based lines, UTF-16 characters, positions past a line's end or past the last line
// clamped as vscode-languageserver-textdocument clamps them), so every range the server sends can
// be checked against the text the server holds.

import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import type { CodeAction, Hover, Location, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument } from '../../server/src/lsp/clampedDocuments';
import { REPO, Server, uriOf } from './harness';

export const DEFAULT_SEED = 13;

// ---------------------------------------------------------------------------------------------
// The text model

const CR = 13;
const LF = 10;

/** A document's text and its lines as LSP sees them: `\r\n`, `\r` and `\n` each end a line. */
export class TextModel {
  private starts: number[] | undefined;

  constructor(private content: string) {}

  get text(): string { return this.content; }

  set text(value: string) {
    this.content = value;
    this.starts = undefined;
  }

  lineStarts(): number[] {
    if (this.starts) return this.starts;
    const t = this.content;
    const starts = [0];
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === CR) {
        if (t.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      } else if (c === LF) {
        starts.push(i + 1);
      }
    }
    return (this.starts = starts);
  }

  get lineCount(): number { return this.lineStarts().length; }

  /** The line's length without its line break. */
  lineLength(line: number): number {
    const starts = this.lineStarts();
    const start = starts[line];
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.beforeEol(next, start) - start;
  }

  /** As TextDocument.offsetAt: a character past the line's text lands before its line break. */
  offsetAt(p: Position): number {
    const starts = this.lineStarts();
    if (p.line >= starts.length) return this.content.length;
    if (p.line < 0) return 0;
    const start = starts[p.line];
    if (p.character <= 0) return start;
    const next = p.line + 1 < starts.length ? starts[p.line + 1] : this.content.length;
    return this.beforeEol(Math.min(start + p.character, next), start);
  }

  /** As TextDocument.positionAt: an offset inside a `\r\n` is the end of its line. */
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.content.length));
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  /** One incremental change, a reversed range taken the right way round as TextDocument does. */
  apply(range: Range, text: string): void {
    const reversed = range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character);
    const start = this.offsetAt(reversed ? range.end : range.start);
    const end = this.offsetAt(reversed ? range.start : range.end);
    this.text = this.content.slice(0, start) + text + this.content.slice(end);
  }

  /** Whether a position names a place in the text without clamping. */
  holds(p: Position): boolean {
    return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0
      && p.line < this.lineCount && p.character <= this.lineLength(p.line);
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && (this.content.charCodeAt(offset - 1) === CR || this.content.charCodeAt(offset - 1) === LF)) offset--;
    return offset;
  }
}

const showPos = (p: Position): string => `${p.line}:${p.character}`;
export const showRange = (r: Range): string => `${showPos(r.start)}-${showPos(r.end)}`;

/** Throws unless the range is the right way round and both ends lie inside the text. */
export function assertInside(model: TextModel, range: Range, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(model.holds(p), `${what}: ${showRange(range)} lies outside its document (${model.lineCount} lines; line ${p.line} has ${p.line >= 0 && p.line < model.lineCount ? model.lineLength(p.line) : 'no'} characters)`);
  }
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(before, `${what}: ${showRange(range)} ends before it starts`);
}

// ---------------------------------------------------------------------------------------------
// The samples

export interface Samples {
  root: string;
  /** Paths relative to root, `/`-separated, of the Markdown files in the set. */
  files: string[];
  texts: string[];
  dispose(): void;
}

/** samples/ copied to a fresh temp dir: the server reads it from disk, and nothing may touch the real one. */
export function copySamples(): Samples {
  const root = mkdtempSync(join(tmpdir(), 'policy-trace-fuzz-'));
  cpSync(join(REPO, 'samples'), root, { recursive: true });
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'README.md') files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  files.sort();
  return { root, files, texts: files.map((f) => readFileSync(join(root, f), 'utf8')), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Documents that exist only in the editor: a new, empty standards file, and a procedure being
 * written (BOM, unclosed front matter list, CRLF after LF, a basis line cut short).
 */
const NEW_FILES = [
  { rel: '対策基準/fuzz-新しい対策基準.md', text: '' },
  { rel: '実施手順/fuzz-新しい手順.md', text: '\ufeff---\n種別: 実施手順\n根拠: [対策基準 5.2\n---\n# 新しい手順\r\n\r\n## 1 目的\r\n根拠: 基本方針 6(' },
];

// ---------------------------------------------------------------------------------------------
// What the generator produces: small descriptions, resolved against the current text when played,
// so that a counterexample prints short and shrinks well.

/** Where in the current text; fractions are parts per million. */
export type PosSpec =
  | { k: 'at'; f: number }
  | { k: 'lineStart' | 'lineEnd'; f: number }
  /** Past the end of the `\r` of a CRLF line (clamped to before it). */
  | { k: 'crlf'; f: number }
  /** Between the two halves of a surrogate pair. */
  | { k: 'surrogate'; f: number }
  /** A character past the end of a line, or a line past the last. */
  | { k: 'past'; f: number; lines: number; chars: number }
  | { k: 'start' }
  | { k: 'end' };

export type EndSpec = { k: 'same' } | { k: 'del'; n: number } | { k: 'to'; pos: PosSpec };

export type TextSpec =
  | { t: 'lit'; s: string }
  /** Random bytes read as latin1, as when a binary file is pasted. */
  | { t: 'bytes'; b: number[] }
  | { t: 'sample'; file: number; f: number; n: number }
  | { t: 'nest'; marker: string; n: number; tail: string }
  /** Lines indented one step more each, up to `n` lines. */
  | { t: 'stairs'; marker: string; n: number }
  | { t: 'half'; form: number; cut: number }
  | { t: 'lines'; parts: TextSpec[]; eols: string[] }
  | { t: 'cat'; parts: TextSpec[] };

export type Op =
  | { k: 'edit'; changes: { at: PosSpec; end: EndSpec; text: TextSpec }[] }
  /** One didChange per character, as typing sends them. */
  | { k: 'type'; at: PosSpec; text: TextSpec }
  | { k: 'replaceAll'; text: TextSpec }
  /** Closed and opened again with the same text, as when an editor tab is closed and reopened. */
  | { k: 'reopen' };

/** A position as parts per million of the lines and of the line's length (a little past both). */
export interface Probe { line: number; char: number }
/**
 * One change of one document, then hover in it, definition in any open document (`definitionDoc`)
 * and the quick fixes of one of its diagnostics (`action`).
 */
export interface Step { doc: number; op: Op; hover: Probe; definitionDoc: number; definition: Probe; action: number }
export interface Run { docs: number[]; steps: Step[] }

const FRAGMENTS = [
  '#', '##', '### ', '(1)', '（１）', '第6条', '第1章', '一　', '①', 'ア', '根拠: 基本方針 6(', '根拠: 対策基準 5.', '根拠:', '適用除外: 基本方針 6(2)',
  '（以下「', '（以下「本組合」という。）', '「X」とは', '「情報資産」とは、', '| a | b |', '|---|---|', '| 用語 | 定義 |\n|---|---|\n| X | Y', '---\n種別:', '---\n種別: 実施手順\n---\n',
  '---\n', '\n---\n', '種別: 対策基準', 'kind: procedure', '根拠: [対策基準 5.2', 'タイトル: "', '（（（', '）））', '「「「', '」」', '[', ']', '](', '![', '`', '```', '~~~',
  '<!--', '-->', '<!-- policy-trace-disable -->', '<!-- policy-trace-disable-next-line trace/orphan -->', '<!-- policy-trace-enable', '*', '**', '_', '\\', '&#', '&#x1F600;', '<div>',
  '[^1]', '    ', '\t', '　', ' ', '対策基準「', '基本方針 6(3)②', '第12条第2項', '（目的）\n', '別表第1', '定義', 'とは、', '：', ': ', '、', '。', '6(', '5.', 'サーバー', 'ｻｰﾊﾞ',
];

/** Numbering as it is typed: each is cut after a random number of characters. */
const NUMBERINGS = [
  '第1編 総則', '第1章 組織体制', '第1節 通則', '第1款 雑則', '第12条 目的', '第1 目的', '(1) 管理', '（１）　管理', '1.1 目的', '2―1―1 定義', '１　目的', '1.目的', '①　点検',
  'ア　確認', '(ア) 確認', '一　定義', 'イ', 'ⅰ) 例外', '6(3)② 物理的セキュリティ', '第12条第2項第3号', '（目的）\n第1条　この規程は', '## 6 情報セキュリティ対策', '### 5.4 電磁的記録媒体',
];

const SPECIALS = [
  '\0', '\ud800', '\udc00', '\udfff\ud800', '\ud83d', '😀', '𠮷', '\u001b', '\u001b[31m', '\u001b[2J', '\u001b]8;;https://example.com\u0007', '\ufeff', '\u202e', '\u202d', '\u200b',
  '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u0008', '\u007f', 'e\u0301', '\uffff', '\ufffe', '\ufffd',
];

const EOLS = ['\r\n', '\n', '\r'];
const NEST_MARKERS = ['- ', '* ', '+ ', '> ', '>', '1. ', '1) ', '- > ', '> - ', '（', '(', '「', '[', '`', '<!--', '#'];

const ppm = fc.integer({ min: 0, max: 1_000_000 });

const posArb: fc.Arbitrary<PosSpec> = fc.oneof(
  { weight: 8, arbitrary: ppm.map((f): PosSpec => ({ k: 'at', f })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('lineStart' as const, 'lineEnd' as const), ppm).map(([k, f]): PosSpec => ({ k, f })) },
  { weight: 1, arbitrary: ppm.map((f): PosSpec => ({ k: 'crlf', f })) },
  { weight: 1, arbitrary: ppm.map((f): PosSpec => ({ k: 'surrogate', f })) },
  { weight: 1, arbitrary: fc.record({ f: ppm, lines: fc.integer({ min: 0, max: 3 }), chars: fc.integer({ min: 1, max: 1000 }) }).map((r): PosSpec => ({ k: 'past', ...r })) },
  { weight: 1, arbitrary: fc.constant<PosSpec>({ k: 'start' }) },
  { weight: 1, arbitrary: fc.constant<PosSpec>({ k: 'end' }) },
);

const endArb: fc.Arbitrary<EndSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<EndSpec>({ k: 'same' }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 60 }).map((n): EndSpec => ({ k: 'del', n })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n): EndSpec => ({ k: 'del', n })) },
  { weight: 1, arbitrary: posArb.map((pos): EndSpec => ({ k: 'to', pos })) },
);

function textArb(samples: number, nestMax: number): fc.Arbitrary<TextSpec> {
  const lit = (arb: fc.Arbitrary<string>): fc.Arbitrary<TextSpec> => arb.map((s): TextSpec => ({ t: 'lit', s }));
  const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((cs) => String.fromCharCode(...cs));
  const leaf: fc.Arbitrary<TextSpec> = fc.oneof(
    { weight: 5, arbitrary: lit(fc.constantFrom(...FRAGMENTS)) },
    { weight: 3, arbitrary: fc.record({ form: fc.nat(NUMBERINGS.length - 1), cut: fc.nat(12) }).map((r): TextSpec => ({ t: 'half', ...r })) },
    { weight: 3, arbitrary: lit(fc.constantFrom(...SPECIALS)) },
    { weight: 2, arbitrary: fc.array(fc.nat(255), { minLength: 1, maxLength: 200 }).map((b): TextSpec => ({ t: 'bytes', b })) },
    { weight: 4, arbitrary: fc.record({ file: fc.nat(samples - 1), f: ppm, n: fc.oneof(fc.nat(200), fc.nat(3000)) }).map((r): TextSpec => ({ t: 'sample', ...r })) },
    { weight: 2, arbitrary: lit(codeUnits) },
    { weight: 1, arbitrary: lit(fc.string({ unit: 'binary', maxLength: 30 })) },
    { weight: 3, arbitrary: lit(fc.constantFrom(...EOLS)) },
    { weight: 2, arbitrary: lit(fc.constant('')) },
  );
  const nest: fc.Arbitrary<TextSpec> = fc.oneof(
    fc.record({ marker: fc.constantFrom(...NEST_MARKERS), n: fc.integer({ min: Math.min(500, nestMax), max: nestMax }), tail: fc.constantFrom('', 'x', '根拠: 基本方針 6(1)', '## 1 目的', '\n', '第1条') })
      .map((r): TextSpec => ({ t: 'nest', ...r })),
    fc.record({ marker: fc.constantFrom('- ', '> ', '1. ', '* '), n: fc.integer({ min: 1, max: 200 }) }).map((r): TextSpec => ({ t: 'stairs', ...r })),
  );
  const lines = fc.array(fc.tuple(leaf, fc.constantFrom(...EOLS)), { minLength: 1, maxLength: 6 })
    .map((ps): TextSpec => ({ t: 'lines', parts: ps.map((p) => p[0]), eols: ps.map((p) => p[1]) }));
  const cat = fc.array(leaf, { minLength: 2, maxLength: 4 }).map((parts): TextSpec => ({ t: 'cat', parts }));
  return fc.oneof({ weight: 10, arbitrary: leaf }, { weight: 3, arbitrary: lines }, { weight: 3, arbitrary: cat }, { weight: 1, arbitrary: nest });
}

export interface GeneratorOptions { minSteps: number; maxSteps: number; nestMax: number }

export function runArb(samples: Samples, options: GeneratorOptions): fc.Arbitrary<Run> {
  const text = textArb(samples.texts.length, options.nestMax);
  const change = fc.record({ at: posArb, end: endArb, text });
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 10, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }).map((changes): Op => ({ k: 'edit', changes })) },
    { weight: 3, arbitrary: fc.record({ at: posArb, text }).map((r): Op => ({ k: 'type', ...r })) },
    { weight: 1, arbitrary: text.map((t): Op => ({ k: 'replaceAll', text: t })) },
    { weight: 1, arbitrary: fc.constant<Op>({ k: 'reopen' }) },
  );
  const probe = fc.record({ line: ppm, char: ppm });
  const step = fc.record({ doc: fc.nat(7), op, hover: probe, definitionDoc: fc.nat(15), definition: probe, action: fc.nat(50) });
  const candidates = samples.files.length + NEW_FILES.length;
  return fc.record({
    docs: fc.uniqueArray(fc.nat(candidates - 1), { minLength: 1, maxLength: 3 }),
    steps: fc.array(step, { minLength: options.minSteps, maxLength: options.maxSteps }),
  });
}

// ---------------------------------------------------------------------------------------------
// Resolving the descriptions

export function renderText(spec: TextSpec, samples: Samples): string {
  switch (spec.t) {
    case 'lit': return spec.s;
    case 'bytes': return Buffer.from(spec.b).toString('latin1');
    case 'sample': {
      const t = samples.texts[spec.file % samples.texts.length];
      const from = Math.floor((spec.f / 1_000_000) * t.length);
      return t.slice(from, from + spec.n);
    }
    case 'nest': return spec.marker.repeat(spec.n) + spec.tail;
    case 'stairs': return Array.from({ length: spec.n }, (_, i) => `${'  '.repeat(i)}${spec.marker}${i}`).join('\n');
    case 'half': return Array.from(NUMBERINGS[spec.form % NUMBERINGS.length]).slice(0, spec.cut).join('');
    case 'lines': return spec.parts.map((p, i) => renderText(p, samples) + spec.eols[i]).join('');
    case 'cat': return spec.parts.map((p) => renderText(p, samples)).join('');
  }
}

const fraction = (f: number, n: number): number => Math.min(n, Math.floor((f / 1_000_000) * (n + 1)));

export function resolvePos(spec: PosSpec, model: TextModel): Position {
  const text = model.text;
  switch (spec.k) {
    case 'start': return { line: 0, character: 0 };
    case 'end': return model.positionAt(text.length);
    case 'at': return model.positionAt(fraction(spec.f, text.length));
    case 'lineStart':
    case 'lineEnd': {
      const line = fraction(spec.f, model.lineCount - 1);
      return { line, character: spec.k === 'lineStart' ? 0 : model.lineLength(line) };
    }
    case 'crlf': {
      const from = fraction(spec.f, text.length);
      let i = text.indexOf('\r\n', from);
      if (i < 0) i = text.lastIndexOf('\r\n', from);
      if (i < 0) return resolvePos({ k: 'past', f: spec.f, lines: 0, chars: 1 }, model);
      const line = model.positionAt(i).line;
      return { line, character: model.lineLength(line) + 1 };
    }
    case 'surrogate': {
      const from = fraction(spec.f, text.length);
      const pair = /[\ud800-\udbff][\udc00-\udfff]/g;
      pair.lastIndex = from;
      let m = pair.exec(text);
      if (!m && from > 0) {
        pair.lastIndex = 0;
        m = pair.exec(text);
      }
      return m ? model.positionAt(m.index + 1) : model.positionAt(from);
    }
    case 'past': {
      if (spec.lines > 0) return { line: model.lineCount - 1 + spec.lines, character: spec.chars - 1 };
      const line = fraction(spec.f, model.lineCount - 1);
      return { line, character: model.lineLength(line) + spec.chars };
    }
  }
}

function resolveRange(at: PosSpec, end: EndSpec, model: TextModel): Range {
  const start = resolvePos(at, model);
  switch (end.k) {
    case 'same': return { start, end: start };
    case 'del': return { start, end: model.positionAt(model.offsetAt(start) + end.n) };
    case 'to': return { start, end: resolvePos(end.pos, model) };
  }
}

const probeAt = (probe: Probe, model: TextModel): Position => {
  const line = fraction(probe.line, model.lineCount);
  return { line, character: fraction(probe.char, line < model.lineCount ? model.lineLength(line) + 2 : 3) };
};

// ---------------------------------------------------------------------------------------------
// Showing what happened

/** JSON with everything but printable ASCII, kana and kanji escaped: control, bidi and lone surrogates show as codes. */
export function show(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const clip = (s: string, max = 240): string => (s.length <= max ? show(s) : `${show(s.slice(0, max))} + … (${s.length} UTF-16 units in all)`);

// ---------------------------------------------------------------------------------------------
// Playing against the server

export interface Budgets {
  /** Per request, and for the check of an edit, on documents under 1 MB. */
  requestMs: number;
  /** The same on bigger documents. */
  bigRequestMs: number;
}

export interface FuzzStats {
  runs: number;
  steps: number;
  edits: number;
  requests: number;
  /** The largest document the server was sent, in UTF-16 units and UTF-8 bytes. */
  largestChars: number;
  largestBytes: number;
  seed: number;
}

export const emptyStats = (seed: number): FuzzStats => ({ runs: 0, steps: 0, edits: 0, requests: 0, largestChars: 0, largestBytes: 0, seed });

const BIG = 1_000_000;
/** server/src/lsp/server.ts SET_PASS_DELAY_MS: the pause in typing after which the whole set is checked. */
const SET_PASS_DELAY_MS = 300;
const HANDLER_FAILURE = /failed|uncaught|unhandled/i;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A server that took longer than its budget: it may still be busy, so it is not asked again. */
export class OverBudget extends Error {}

/** A request raced against its budget; a late answer is a hang as far as the user can tell. */
export async function within<T>(what: string, ms: number, request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new OverBudget(`${what} took longer than its budget of ${ms} ms`)), ms); });
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One server and the documents it has open, with the test's copy of each. Documents stay open once
 * opened (an editor's tabs): a closed one goes back to its disk text at a moment the client cannot
 * see, and its diagnostics could not be checked against either text until the set is re-checked.
 */
export class Session {
  readonly models = new Map<string, TextModel>();
  /** The server's own store beside each model (the library, positions clamped as VS Code does): the two must never disagree. */
  private readonly mirrors = new Map<string, TextDocument>();
  private readonly disk = new Map<string, TextModel>();
  private logsSeen = 0;
  /**
   * Set when the server hung or died: the next run starts a fresh one, so that one failure does not
   * decide the next run's verdict (shrinking replays many runs after a failure).
   */
  spoiled = false;
  trace: string[] | undefined;

  private constructor(readonly server: Server, readonly samples: Samples, readonly budgets: Budgets, readonly stats: FuzzStats) {
    // A server that died mid-write must fail the property, not the test process.
    server.process.stdin.on('error', () => undefined);
    for (const [i, rel] of samples.files.entries()) this.disk.set(uriOf(join(samples.root, rel)), new TextModel(samples.texts[i]));
  }

  static async start(samples: Samples, budgets: Budgets, stats: FuzzStats): Promise<Session> {
    const server = await Server.start({ root: samples.root, codes: /./ });
    const session = new Session(server, samples, budgets, stats);
    await within('the first check of the samples', 30_000, server.waitForFirstPublish(samples.files.map((f) => uriOf(join(samples.root, f)))));
    return session;
  }

  uriOf(rel: string): string { return uriOf(join(this.samples.root, rel)); }

  /** The candidate documents: the samples, then the files that exist only in the editor. */
  candidate(i: number): { uri: string; text: string } {
    const n = this.samples.files.length;
    if (i < n) return { uri: this.uriOf(this.samples.files[i]), text: this.samples.texts[i] };
    const f = NEW_FILES[(i - n) % NEW_FILES.length];
    return { uri: this.uriOf(f.rel), text: f.text };
  }

  private rel(uri: string): string {
    return decodeURIComponent(uri.slice(uriOf(this.samples.root).length + 1));
  }

  private note(line: string): void { this.trace?.push(line); }

  private budgetFor(uri: string): number {
    return (this.models.get(uri)?.text.length ?? 0) > BIG ? this.budgets.bigRequestMs : this.budgets.requestMs;
  }

  private grew(text: string): void {
    if (text.length <= this.stats.largestChars) return;
    this.stats.largestChars = text.length;
    this.stats.largestBytes = Buffer.byteLength(text, 'utf8');
  }

  async open(uri: string, text: string): Promise<void> {
    this.models.set(uri, new TextModel(text));
    this.mirrors.set(uri, ClampedTextDocument.create(uri, 'markdown', 1, text));
    this.grew(text);
    this.note(`open ${this.rel(uri)} ${clip(text)}`);
    await this.server.open(uri, text);
  }

  async edit(uri: string, changes: { range: Range; text: string }[]): Promise<void> {
    const model = this.models.get(uri)!;
    for (const c of changes) model.apply(c.range, c.text);
    const mirror = this.mirrors.get(uri)!;
    ClampedTextDocument.update(mirror, changes, mirror.version + 1);
    assert.ok(mirror.getText() === model.text, `the test's model of ${this.rel(uri)} disagrees with the server's document store (lsp/clampedDocuments.ts) after ${show(changes.map((c) => ({ range: showRange(c.range), text: c.text })))}`);
    this.grew(model.text);
    this.stats.edits += changes.length;
    this.note(`edit ${this.rel(uri)} ${changes.map((c) => `${showRange(c.range)} ${clip(c.text)}`).join(' ; ')}`);
    await this.server.edit(uri, changes);
  }

  /** For documents the test is done with: closed, the server forgets a file that is not on disk. */
  async close(uri: string): Promise<void> {
    this.note(`close ${this.rel(uri)}`);
    this.models.delete(uri);
    this.mirrors.delete(uri);
    await this.server.close(uri);
  }

  async reopen(uri: string): Promise<void> {
    const text = this.models.get(uri)!.text;
    this.note(`close ${this.rel(uri)}`);
    await this.server.close(uri);
    await this.open(uri, text);
  }

  /** Brings a document to its starting text: opened the first time, replaced whole after that. */
  async reset(uri: string, text: string): Promise<void> {
    const model = this.models.get(uri);
    if (!model) await this.open(uri, text);
    else if (model.text !== text) await this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: model.lineCount, character: 0 } }, text }]);
    else return;
    await this.settle(uri);
  }

  /**
   * Returns once the server has published what the last edit changed. The server re-checks an edited
   * document on a zero-delay timer and publishes only diagnostics that differ from the last ones
   * sent, so no publish may come at all; instead, a request sent a few milliseconds after another
   * was answered is read only after that timer has fired (its 1 ms was due while the server
   * waited), and its answer is written after the publish. The check's time counts in the budget.
   */
  async settle(uri: string, budgetMs = this.budgetFor(uri)): Promise<void> {
    const start = Date.now();
    await within(`the check of ${this.rel(uri)} and a status request after it`, budgetMs, this.request('policyTrace/status', { uri }));
    await sleep(5);
    await within(`the check of ${this.rel(uri)} and a status request after it`, Math.max(1, budgetMs - (Date.now() - start)), this.request('policyTrace/status', { uri }));
  }

  private request<T>(method: string, params: unknown): Promise<T> {
    this.stats.requests++;
    return this.server.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Text of a document the server holds, when the test knows it: open, or never opened and read from disk. */
  textOf(uri: string): TextModel | undefined {
    return this.models.get(uri) ?? this.disk.get(uri);
  }

  async hover(uri: string, position: Position, budgetMs = this.budgetFor(uri)): Promise<Hover | null> {
    this.note(`hover ${this.rel(uri)} ${showPos(position)}`);
    const hover = await within(`hover at ${showPos(position)} of ${this.rel(uri)}`, budgetMs, this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position }));
    if (hover?.range) assertInside(this.models.get(uri)!, hover.range, `the hover range at ${showPos(position)} of ${this.rel(uri)}`);
    return hover;
  }

  async definition(uri: string, position: Position, budgetMs = this.budgetFor(uri)): Promise<Location[]> {
    this.note(`definition ${this.rel(uri)} ${showPos(position)}`);
    const found = await within(`definition at ${showPos(position)} of ${this.rel(uri)}`, budgetMs, this.request<Location[] | Location | null>('textDocument/definition', { textDocument: { uri }, position }));
    const locations = found === null ? [] : Array.isArray(found) ? found : [found];
    for (const l of locations) {
      const target = this.textOf(l.uri);
      if (target) assertInside(target, l.range, `the definition at ${showPos(position)} of ${this.rel(uri)} (in ${this.rel(l.uri)})`);
    }
    return locations;
  }

  /** The quick fixes for one of the document's latest diagnostics; their edits must fit the texts they edit. */
  async codeActions(uri: string, pick: number, budgetMs = this.budgetFor(uri)): Promise<CodeAction[]> {
    const diagnostics = this.server.diagnostics.get(uri) ?? [];
    const chosen = diagnostics.length ? [diagnostics[pick % diagnostics.length]] : [];
    const range = chosen[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    this.note(`codeAction ${this.rel(uri)} ${showRange(range)} ${chosen.map((d) => d.code).join('')}`);
    const actions = await within(`code actions at ${showRange(range)} of ${this.rel(uri)}`, budgetMs,
      this.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: chosen, only: ['quickfix'] } })) ?? [];
    for (const action of actions) {
      for (const change of action.edit?.documentChanges ?? []) {
        if (!('textDocument' in change)) continue;
        const target = this.textOf(change.textDocument.uri);
        if (!target) continue;
        for (const e of change.edits as TextEdit[]) assertInside(target, e.range, `an edit of the quick fix “${action.title}” (in ${this.rel(change.textDocument.uri)})`);
      }
    }
    return actions;
  }

  /**
   * Every published diagnostic of a document whose text the test knows lies inside that text.
   * Related information in another document is checked only once the set has been re-checked
   * (`crossDocument`): until typing pauses, the server re-checks only the edited document, and what
   * the others say about it still points at its older text.
   */
  checkDiagnostics(crossDocument = false): void {
    for (const [uri, diagnostics] of this.server.diagnostics) {
      const model = this.textOf(uri);
      if (!model) continue;
      for (const d of diagnostics) {
        assertInside(model, d.range, `the diagnostic ${d.code} of ${this.rel(uri)}`);
        for (const r of d.relatedInformation ?? []) {
          if (r.location.uri !== uri && !crossDocument) continue;
          const other = this.textOf(r.location.uri);
          if (other) assertInside(other, r.location.range, `related information of ${d.code} of ${this.rel(uri)} (in ${this.rel(r.location.uri)})`);
        }
      }
    }
  }

  /** Waits for the check of the whole set that follows a pause in typing, then checks every range. */
  async settleSet(uri: string, budgetMs = this.budgetFor(uri)): Promise<void> {
    await sleep(SET_PASS_DELAY_MS + 20);
    await this.settle(uri, budgetMs);
    this.checkDiagnostics(true);
    this.checkHealth();
  }

  /** The process is up and has logged no handler failure since the last look. */
  checkHealth(): void {
    const failures = this.server.logs.slice(this.logsSeen).filter((l) => HANDLER_FAILURE.test(l));
    this.logsSeen = this.server.logs.length;
    assert.deepEqual(failures, [], 'the server logged a handler failure');
    assert.ok(this.server.alive, `the server process has exited${this.server.stderr ? `; stderr: ${this.server.stderr.slice(-2000)}` : ''}`);
  }

  /** After an edit: hover and definition answer, quick fixes come, the publish fits the text, the process is up. */
  async probe(uri: string, hoverAt: Position, definitionUri: string, definitionAt: Position, pick: number): Promise<void> {
    await this.hover(uri, hoverAt);
    await this.definition(definitionUri, definitionAt);
    await this.settle(uri);
    await this.codeActions(uri, pick);
    this.checkDiagnostics();
    this.checkHealth();
  }

  async stop(): Promise<void> {
    if (!this.server.alive) return;
    if (!this.spoiled) return this.server.stop();
    // A server that failed may be stuck in a loop: asking it to shut down would only add seconds
    // to every shrinking step.
    const exited = new Promise((r) => this.server.process.once('exit', r));
    this.server.process.kill('SIGKILL');
    await exited;
    this.server.connection.dispose();
  }

  /**
   * Plays one generated run. Every candidate document is open, at its original text, when a run
   * starts: what a run does must not depend on the runs before it, or shrinking chases ghosts.
   */
  async play(run: Run): Promise<void> {
    const started = Date.now();
    const open: string[] = [];
    for (let i = 0; i < this.samples.files.length + NEW_FILES.length; i++) {
      const c = this.candidate(i);
      await this.reset(c.uri, c.text);
      open.push(c.uri);
    }
    this.checkDiagnostics();
    const docs = run.docs.map((i) => this.candidate(i));
    for (const [n, step] of run.steps.entries()) {
      try {
        await this.step(docs[step.doc % docs.length].uri, step, open);
      } catch (e) {
        if (e instanceof Error) e.message = `step ${n + 1} of ${run.steps.length}: ${e.message}`;
        throw e;
      }
    }
    try {
      await this.settleSet(docs[0].uri);
    } catch (e) {
      if (e instanceof Error) e.message = `after the last step, once the set was re-checked: ${e.message}`;
      throw e;
    }
    this.stats.runs++;
    if (process.env.FUZZ_VERBOSE) console.error(`run ${this.stats.runs}: ${run.steps.length} steps in ${Date.now() - started} ms`);
    // A long run is silent for half an hour otherwise.
    else if (process.env.FUZZ_LONG === '1' && this.stats.runs % 100 === 0) console.error(`      … ${this.stats.runs} runs, ${this.stats.steps} steps`);
  }

  private async step(uri: string, step: Step, open: string[]): Promise<void> {
    const model = this.models.get(uri)!;
    const op = step.op;
    switch (op.k) {
      case 'edit': {
        // Each change of one didChange applies to the text the previous one left.
        const scratch = new TextModel(model.text);
        const changes = op.changes.map((c) => {
          const change = { range: resolveRange(c.at, c.end, scratch), text: renderText(c.text, this.samples) };
          scratch.apply(change.range, change.text);
          return change;
        });
        await this.edit(uri, changes);
        break;
      }
      case 'type': {
        const at = resolvePos(op.at, model);
        let offset = model.offsetAt(at);
        // Characters, not code units: an editor never sends half a character on a keystroke.
        for (const ch of Array.from(renderText(op.text, this.samples)).slice(0, 200)) {
          const p = model.positionAt(offset);
          await this.edit(uri, [{ range: { start: p, end: p }, text: ch }]);
          offset += ch.length;
        }
        break;
      }
      case 'replaceAll':
        // As harness.change: a range to a line far past the end, clamped by the server.
        await this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } }, text: renderText(op.text, this.samples) }]);
        break;
      case 'reopen':
        await this.reopen(uri);
        break;
    }
    this.stats.steps++;
    const other = open[step.definitionDoc % open.length];
    await this.probe(uri, probeAt(step.hover, this.models.get(uri)!), other, probeAt(step.definition, this.models.get(other)!), step.action);
  }
}

// ---------------------------------------------------------------------------------------------
// The property

export interface FuzzOptions extends GeneratorOptions, Budgets {
  runs: number;
  seed: number;
  /** Stops generating new runs after this long (shrinking a failure included); undefined: no limit. */
  timeLimitMs?: number;
  /** A counterexample's path from an earlier failure: replays that one run (and shrinks it no further). */
  path?: string;
}

/**
 * fast-check over one server per batch: a failed run leaves the server spoiled (dead, stuck or in an
 * unknown state) and the next run, shrinking included, starts a fresh one.
 */
export async function fuzz(options: FuzzOptions, stats: FuzzStats): Promise<void> {
  const samples = copySamples();
  let session: Session | undefined;
  let firstFailure = true;
  const fresh = async (): Promise<Session> => {
    if (session && !session.spoiled && session.server.alive) return session;
    await session?.stop();
    session = await Session.start(samples, options, stats);
    return session;
  };
  const report: fc.Plugin<[Run]> = () => ({
    onAllRunsComplete: async (details) => {
      if (!details.failed) return;
      throw new Error(await describeFailure(details, samples, options));
    },
  });
  try {
    await fc.assert(fc.asyncProperty(runArb(samples, options), async (run) => {
      const s = await fresh();
      try {
        await s.play(run);
      } catch (e) {
        if (e instanceof OverBudget || !s.server.alive) s.spoiled = true;
        // A long run shrinks for many minutes before it reports: say at once what failed.
        if (firstFailure && process.env.FUZZ_LONG === '1') console.error(`      first failure (now shrinking): ${e instanceof Error ? e.message : String(e)}`);
        firstFailure = false;
        throw e;
      }
    }), {
      numRuns: options.runs,
      seed: options.seed,
      ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
      ...(options.path ? { path: options.path, endOnFailure: true } : {}),
      plugins: [report],
    });
  } finally {
    await session?.stop();
    samples.dispose();
  }
}

/** Seed, path, the counterexample as generated, and what replaying it on a fresh server sent and got. */
async function describeFailure(details: fc.RunDetails<[Run]>, samples: Samples, budgets: Budgets): Promise<string> {
  const lines = [`Fuzzing failed; seed ${details.seed}${details.counterexamplePath ? `, path "${details.counterexamplePath}"` : ''}`
    + ` (replay: FUZZ_SEED=${details.seed}${details.counterexamplePath ? ` FUZZ_PATH=${details.counterexamplePath}` : ''})`];
  if (details.interrupted) lines.push('(interrupted by the time limit: the counterexample may not be fully shrunk)');
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  lines.push(`error: ${error}`);
  const run = details.counterexample?.[0];
  if (run) {
    lines.push(`counterexample: ${show(run)}`);
    const replay = await Session.start(samples, budgets, emptyStats(details.seed));
    replay.trace = [];
    try {
      await replay.play(run);
      lines.push('a replay on a fresh server passed: the failure depends on what came before (timing, or an earlier run on the same server)');
    } catch (e) {
      lines.push(`replayed on a fresh server: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await replay.stop();
    }
    lines.push('sent:', ...replay.trace.map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Inputs too big to generate per run

const body = (text: string): string => text.replace(/^---\n[\s\S]*?\n---\n/, '');

/** One line of about `bytes` UTF-8 bytes, made of the samples' sentences, references and definitions. */
export function longLine(samples: Samples, bytes: number): string {
  const prose = samples.texts.map((t) => body(t).replace(/\r\n|\r|\n/g, '　')).join('　根拠: 基本方針 6(1)　（以下「長い行」という。）　');
  const head = '---\n種別: 対策基準\n---\n# 長い一行の対策基準\n\n## 1 総則\n\n';
  const unit = Buffer.byteLength(prose, 'utf8');
  return `${head}${prose.repeat(Math.ceil(bytes / unit))}\n`;
}

/**
 * A standards document of about `bytes`: the standards sample again and again, its sections
 * renumbered so IDs stay apart, with LF, CRLF and lone CR copies in turn.
 */
export function bigDocument(samples: Samples, bytes: number): string {
  const standards = body(samples.texts[samples.files.indexOf('対策基準.md')]);
  const parts = ['---\n種別: 対策基準\n---\n# 巨大な対策基準\n'];
  let size = Buffer.byteLength(parts[0], 'utf8');
  for (let copy = 0; size < bytes; copy++) {
    const shifted = standards.replace(/^# .*\n/m, '').replace(/^(#{2,3}) (\d+)/gm, (_, h: string, n: string) => `${h} ${Number(n) + copy * 20}`);
    const eol = EOLS[copy % 3];
    const part = eol === '\n' ? shifted : shifted.replace(/\n/g, eol);
    parts.push(part);
    size += Buffer.byteLength(part, 'utf8');
  }
  return parts.join('');
}

export function nestedLists(n: number): string {
  return `---\n種別: 対策基準\n---\n# 入れ子の対策基準\n\n${'- '.repeat(n)}根拠: 基本方針 6(1)\n\n${'1. '.repeat(n)}第1条\n${'* '.repeat(n)}\n\n## 1 目的\n\n根拠: 基本方針 6(2)\n`;
}

export function nestedQuotes(n: number): string {
  return `---\n種別: 対策基準\n---\n# 引用の対策基準\n\n${'> '.repeat(n)}## 1 引用\n${'>'.repeat(n)}根拠: 基本方針 6(1)\n${'> '.repeat(n)}（以下「引用」という。）\n\n## 2 目的\n\n根拠: 基本方針 6(2)\n`;
}

export interface HeavyBudgets { openMs: number; requestMs: number }

/**
 * Opens one big document, asks hover, definition and quick fixes at its start, middle, end and past
 * its end, edits it twice (an insertion in the middle, a deletion near the end) asking again after
 * each, and closes it; the diagnostics must fit the text throughout.
 */
export async function exerciseHeavy(session: Session, rel: string, text: string, budgets: HeavyBudgets): Promise<void> {
  const uri = session.uriOf(rel);
  await session.open(uri, text);
  await session.settle(uri, budgets.openMs);
  const model = session.models.get(uri)!;
  const ask = async (): Promise<void> => {
    const last = model.lineCount - 1;
    const middle = Math.floor(last / 2);
    const points: Position[] = [
      { line: 0, character: 0 }, { line: 5, character: 3 }, { line: middle, character: Math.floor(model.lineLength(middle) / 2) },
      { line: last, character: model.lineLength(last) }, { line: last + 3, character: 7 },
    ];
    for (const p of points) await session.hover(uri, p, budgets.requestMs);
    await session.definition(uri, points[2], budgets.requestMs);
    await session.codeActions(uri, 0, budgets.requestMs);
    await session.settleSet(uri, budgets.requestMs);
  };
  await ask();
  const middle = model.positionAt(Math.floor(model.text.length / 2));
  await session.edit(uri, [{ range: { start: middle, end: middle }, text: '\n\n## 9999 追加された節\n\n根拠: 基本方針 6(' }]);
  await session.settle(uri, budgets.requestMs);
  await ask();
  const nearEnd = model.positionAt(model.text.length - 1000);
  await session.edit(uri, [{ range: { start: nearEnd, end: model.positionAt(model.text.length - 10) }, text: '（（（\ud800' }]);
  await session.settle(uri, budgets.requestMs);
  await ask();
  await session.close(uri);
  await session.settle(uri, budgets.requestMs);
  session.checkHealth();
}

/** Opens a document, expects its check and a hover within the budget and every range inside it, and closes it. */
export async function openAndAsk(session: Session, rel: string, text: string, budgetMs: number, at: Position = { line: 0, character: 1 }): Promise<void> {
  const uri = session.uriOf(rel);
  await session.open(uri, text);
  await session.settle(uri, budgetMs);
  await session.hover(uri, at, budgetMs);
  await session.definition(uri, at, budgetMs);
  session.checkDiagnostics();
  session.checkHealth();
  await session.close(uri);
}
