// Bad input never takes the server down: huge, broken and binary-looking documents are checked,
// and requests keep being answered after each.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, Server, summarize, uriOf } from './harness';

const ROOT = join(FIXTURES, 'basic');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

/** A deterministic stream of awkward UTF-16: controls, NUL, lone surrogates, brackets, kana, emoji. */
function binaryish(length: number): string {
  const pool = ['\0', '\x01', '\x1b', '\r', '\n', '\t', '\ud800', '\udfff', '𠮷', '「', '」', '(', ')', '#', '---', '根拠:', '対策基準', '第', '条', '①', 'ｱ', '\ufeff', '\u200b', '😀', '\\', '`', '|', '*', '[', ']', '6'];
  let seed = 12345;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += seed % 5 === 0 ? String.fromCharCode(seed % 0xffff) : pool[seed % pool.length];
  }
  return out;
}

/** About 2 MB: a standards document of 200 sections with long prose and many inline references. */
function hugeStandards(): string {
  const parts = ['---\n種別: 対策基準\n---\n# 巨大な対策基準\n'];
  for (let i = 1; parts.join('').length < 2_000_000; i++) {
    const prose = `職員等は項目${i}に定める事項を遵守し、基本方針 6(1) 及び対策基準 ${i} に従って情報資産を管理する。`.repeat(100);
    parts.push(`\n## ${i} 項目${i}\n\n根拠: 基本方針 6(${(i % 4) + 1})\n\n${prose}\n`);
  }
  return parts.join('');
}

describe('protocol: bad input', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish([POLICY]);
  });
  after(() => server.stop());

  const stillServing = async (): Promise<void> => {
    const hover = await server.hover(POLICY, { line: 9, character: 6 });
    assert.deepEqual(hover?.range, range(9, 4, 9, 12));
    assert.ok(server.alive, 'the server process is still running');
  };
  const inside = (text: string, diagnostics: Diagnostic[]): void => {
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `${JSON.stringify(p)} lies inside the text`);
      }
    }
  };

  it('checks a 2 MB document opened in an editor', async () => {
    const uri = uriOf(join(ROOT, '巨大な対策基準.md'));
    const text = hugeStandards();
    assert.ok(text.length >= 2_000_000);
    await server.open(uri, text);
    const diagnostics = await server.waitForDiagnostics(uri, () => true, 'the huge document to be checked', 20_000);
    // Every section cites a measure; its inline 対策基準 N references point at itself.
    assert.deepEqual(summarize(diagnostics), []);
    // Every measure has standards now, and the procedure citing 対策基準 9 (unresolved before)
    // reaches 6(2) through section 9 of the huge document: only 6(4) misses a procedure.
    assert.deepEqual(summarize(await server.waitForDiagnostics(POLICY, (d) => d.length === 1, 'every measure to have standards')),
      ['trace/missing-procedure 2 21:4-21:16']);
    assert.deepEqual((await server.hover(uri, { line: 5, character: 4 }))?.range, range(5, 3, 5, 8));
    await stillServing();
    await server.close(uri);
    assert.deepEqual(await server.waitForDiagnostics(uri, (d) => d.length === 0), []);
  });

  it('reports broken front matter at its spot', async () => {
    const uri = uriOf(join(ROOT, '実施手順', '壊れた手順.md'));
    const text = '---\n種別: [\n---\n# 壊れた手順\n';
    await server.open(uri, text);
    const [d, ...rest] = await server.waitForDiagnostics(uri, (x) => x.length > 0, 'the front matter problem');
    assert.deepEqual([d.code, d.severity, d.range, d.message], ['config/invalid', 1, range(1, 5, 2, 0),
      'フロントマターの YAML を読めません: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(summarize(rest), ['trace/orphan 3 3:2-3:7']);
    await stillServing();
    await server.close(uri);
  });

  it('survives unbalanced brackets and quotes around references', async () => {
    const uri = uriOf(join(ROOT, '実施手順', '括弧手順.md'));
    const text = '# 括弧手順\n\n根拠: 基本方針 6((((1]]]「「\n\n(((( 「 」」」 対策基準「 対策基準」」 第第第条\n\n```\n根拠: 対策基準 2\n';
    await server.open(uri, text);
    const diagnostics = await server.waitForDiagnostics(uri, () => true, 'the document to be checked');
    inside(text, diagnostics);
    await stillServing();
    await server.close(uri);
  });

  it('survives random binary-looking text', async () => {
    for (const [name, length] of [['a', 5_000], ['b', 50_000]] as const) {
      const uri = uriOf(join(ROOT, '対策基準', `壊れた${name}.md`));
      const text = binaryish(length);
      await server.open(uri, text);
      inside(text, await server.waitForDiagnostics(uri, () => true, 'the document to be checked'));
      await server.edit(uri, [{ range: range(3, 1, 7, 2), text: binaryish(300) }]);
      await stillServing();
      await server.close(uri);
    }
  });

  it('answers requests for documents it does not know', async () => {
    assert.equal(await server.hover('file:///nowhere/x.md', { line: 0, character: 0 }), null);
    assert.deepEqual(await server.definition('untitled:Untitled-1', { line: 3, character: 99 }), []);
    assert.deepEqual(await server.references(POLICY, { line: 9999, character: -1 }, true), []);
    assert.equal(await server.hover(POLICY, { line: 9, character: 9999 }), null);
  });

  it('takes a change whose range lies past the last line as VS Code does, at the end of the text', async () => {
    // The text library alone would splice its line table at line 2 of a one-line text: the heading
    // typed next at line 1 then came out twice, and fixes were made on a text the editor did not have.
    const uri = uriOf(join(ROOT, '範囲外.md'));
    await server.open(uri, '');
    await server.edit(uri, [{ range: range(2, 0, 3, 0), text: '# 基本方針\n' }]);
    await server.edit(uri, [{ range: range(1, 0, 1, 0), text: '## 1 目的\n' }, { range: range(9, 9, 9, 9), text: '本文\n' }]);
    const symbols = await server.request<{ name: string; range: unknown; children?: { name: string; range: unknown }[] }[]>(
      'textDocument/documentSymbol', { textDocument: { uri } });
    // "# 基本方針\n## 1 目的\n本文\n": one heading with one section under it, both ending at 3:0.
    assert.deepEqual(symbols.map((s) => [s.name, s.range, (s.children ?? []).map((c) => [c.name, c.range])]),
      [['基本方針', range(0, 2, 3, 0), [['1 目的', range(1, 3, 3, 0)]]]]);
    await server.close(uri);
  });

  it('logged no handler failure', () => {
    assert.deepEqual(server.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });
});
