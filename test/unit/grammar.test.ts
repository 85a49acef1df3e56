// The TextMate injection grammar colours 根拠/適用除外 lines, trace references, numbering and
// definitions inside Markdown, and leaves ordinary prose and code alone.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
const INJECTION = 'markdown.policy-trace.injection';

/**
 * A small Markdown grammar with the shapes of VS Code's own (markdown-basics): a paragraph opened by
 * a zero-width begin/while rule, headings matched whole with the title re-tokenized from a capture,
 * list items as begin/while rules, fenced code, code spans and bold. Enough to show how the injection
 * meets the rules it is injected into.
 */
const markdownStub = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#block' }],
  repository: {
    block: { patterns: [{ include: '#fenced' }, { include: '#heading' }, { include: '#list' }, { include: '#paragraph' }] },
    fenced: {
      name: 'markup.fenced_code.block.markdown',
      begin: '(^|\\G)(\\s*)(`{3,})\\s*(?=([^`]*)?$)',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
    },
    heading: {
      name: 'markup.heading.markdown',
      match: '(?:^|\\G)[ ]{0,3}(#{1,6})\\s+(.*?)\\s*$',
      captures: {
        1: { name: 'punctuation.definition.heading.markdown' },
        2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] },
      },
    },
    list: {
      name: 'markup.list.unnumbered.markdown',
      begin: '(^|\\G)([ ]{0,3})([*+-])([ \\t])',
      beginCaptures: { 3: { name: 'punctuation.definition.list.begin.markdown' } },
      while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
      patterns: [{ include: '#block' }],
    },
    paragraph: {
      name: 'meta.paragraph.markdown',
      begin: '(^|\\G)[ ]{0,3}(?=[^ \\t\\n])',
      while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=[^ \\t\\n]))',
      patterns: [{ include: '#inline' }],
    },
    inline: { patterns: [{ include: '#raw' }, { include: '#bold' }] },
    raw: { name: 'markup.inline.raw.string.markdown', match: '(`+)([^`]|(?!(?<!`)\\1(?!`))`)*+(\\1)' },
    bold: { name: 'markup.bold.markdown', begin: '\\*\\*(?=\\S)', end: '(?<=\\S)\\*\\*', patterns: [{ include: '#inline' }] },
  },
};

let grammar: textmate.IGrammar;

before(async () => {
  const require = createRequire(__filename);
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') return markdownStub as unknown as textmate.IRawGrammar;
      if (scopeName === INJECTION) {
        const file = join(root, 'syntaxes/policy-trace.injection.tmLanguage.json');
        return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION] : undefined),
  });
  grammar = (await registry.loadGrammar('text.html.markdown'))!;
});

type Token = [text: string, scopes: string];

/** Tokenizes a document; per line, each token with its full scope list minus the root scope. */
function tokenizeAll(text: string): Token[][] {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t): Token => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]);
  });
}

/** The tokens of the last line of `text`, keeping only this grammar's scopes (….policy-trace). */
function ours(text: string): Token[] {
  const lines = tokenizeAll(text);
  return lines[lines.length - 1].map(([t, s]): Token => [t, s.split(' ').filter((x) => x.endsWith('.policy-trace')).join(' ')]);
}

const KW_BASIS = 'meta.directive.basis.policy-trace keyword.other.basis.policy-trace';
const COLON_BASIS = 'meta.directive.basis.policy-trace punctuation.separator.key-value.policy-trace';
const BASIS = 'meta.directive.basis.policy-trace';
const POLICY = 'meta.reference.policy.policy-trace';
const STANDARD = 'meta.reference.standard.policy-trace';
const TIER = 'entity.name.type.tier.policy-trace';
const ID = 'constant.other.reference.policy-trace';
const TITLE = 'string.quoted.other.reference.policy-trace';
const OPEN = 'punctuation.definition.string.begin.policy-trace';
const CLOSE = 'punctuation.definition.string.end.policy-trace';
const NUMBER = 'constant.numeric.numbering.policy-trace';

describe('injection grammar', () => {
  describe('根拠 and 適用除外 lines', () => {
    it('colours the keyword, the colon and each reference of a 根拠 line', () => {
      assert.deepEqual(ours('根拠: 基本方針 6(4)'), [
        ['根拠', KW_BASIS],
        [':', COLON_BASIS],
        [' ', BASIS],
        ['基本方針', `${BASIS} ${POLICY} ${TIER}`],
        [' ', `${BASIS} ${POLICY}`],
        ['6(4)', `${BASIS} ${POLICY} ${ID}`],
      ]);
    });

    it('reads the full-width forms, and targets without a tier word after the first', () => {
      assert.deepEqual(ours('根拠：基本方針６（４）、６（５）、「物理的セキュリティ」'), [
        ['根拠', KW_BASIS],
        ['：', COLON_BASIS],
        ['基本方針', `${BASIS} ${POLICY} ${TIER}`],
        ['６（４）', `${BASIS} ${POLICY} ${ID}`],
        ['、', BASIS],
        ['６（５）', `${BASIS} meta.reference.policy-trace ${ID}`],
        ['、', BASIS],
        ['「', `${BASIS} meta.reference.policy-trace ${TITLE} ${OPEN}`],
        ['物理的セキュリティ', `${BASIS} meta.reference.policy-trace ${TITLE}`],
        ['」', `${BASIS} meta.reference.policy-trace ${TITLE} ${CLOSE}`],
      ]);
    });

    it('colours a 根拠 line inside a list item, and 対策基準 targets', () => {
      assert.deepEqual(ours('- 根拠: 対策基準 5.4、7.3'), [
        ['-', ''],
        [' ', ''],
        ['根拠', KW_BASIS],
        [':', COLON_BASIS],
        [' ', BASIS],
        ['対策基準', `${BASIS} ${STANDARD} ${TIER}`],
        [' ', `${BASIS} ${STANDARD}`],
        ['5.4', `${BASIS} ${STANDARD} ${ID}`],
        ['、', BASIS],
        ['7.3', `${BASIS} meta.reference.policy-trace ${ID}`],
      ]);
    });

    it('colours the one target of a waiver and leaves the numbers of its reason alone', () => {
      const W = 'meta.directive.waiver.policy-trace';
      assert.deepEqual(ours('適用除外: 基本方針 6(3)① 本組合は3台の端末を保有しないため。'), [
        ['適用除外', `${W} keyword.other.waiver.policy-trace`],
        [':', `${W} punctuation.separator.key-value.policy-trace`],
        [' ', W],
        ['基本方針', `${W} ${POLICY} ${TIER}`],
        [' ', `${W} ${POLICY}`],
        ['6(3)①', `${W} ${POLICY} ${ID}`],
        [' 本組合は3台の端末を保有しないため。', W],
      ]);
      assert.deepEqual(ours('適用除外：６（３）①　理由は2点ある。'), [
        ['適用除外', `${W} keyword.other.waiver.policy-trace`],
        ['：', `${W} punctuation.separator.key-value.policy-trace`],
        ['６（３）①', `${W} meta.reference.policy-trace ${ID}`],
        ['　理由は2点ある。', W],
      ]);
    });

    it('needs the keyword at the start of the line', () => {
      assert.deepEqual(ours('この根拠: 基本方針 6(4) は誤り'), [
        ['この根拠: ', ''],
        ['基本方針', `${POLICY} ${TIER}`],
        [' ', POLICY],
        ['6(4)', `${POLICY} ${ID}`],
        [' は誤り', ''],
      ]);
    });
  });

  describe('references in running text', () => {
    const cases: [string, string, string, string][] = [
      // written, tier word, target, meta scope
      ['基本方針 6(4)', '基本方針', '6(4)', POLICY],
      ['基本方針６（４）', '基本方針', '６（４）', POLICY],
      ['基本方針第6条第4号', '基本方針', '第6条第4号', POLICY],
      ['基本方針第六条第四号', '基本方針', '第六条第四号', POLICY],
      ['情報セキュリティ基本方針 6(3)②', '情報セキュリティ基本方針', '6(3)②', POLICY],
      ['対策基準 4.1', '対策基準', '4.1', STANDARD],
      ['対策基準　４．１', '対策基準', '４．１', STANDARD],
      ['対策基準第4節', '対策基準', '第4節', STANDARD],
      ['対策基準第１２条', '対策基準', '第１２条', STANDARD],
      ['対策基準第12条', '対策基準', '第12条', STANDARD],
      ['対策基準第2章第1節', '対策基準', '第2章第1節', STANDARD],
      ['対策基準 2―1―1', '対策基準', '2―1―1', STANDARD],
    ];
    for (const [written, word, target, meta] of cases) {
      it(`colours ${written}`, () => {
        const gap = written.slice(word.length, written.length - target.length);
        assert.deepEqual(ours(`詳細は${written}による。`), [
          ['詳細は', ''],
          [word, `${meta} ${TIER}`],
          ...(gap ? [[gap, meta] as Token] : []),
          [target, `${meta} ${ID}`],
          ['による。', ''],
        ]);
      });
    }

    it('colours a reference by title: 基本方針「物理的セキュリティ」, 対策基準「サーバ等の管理」', () => {
      assert.deepEqual(ours('基本方針「物理的セキュリティ」及び対策基準「サーバ等の管理」'), [
        ['基本方針', `${POLICY} ${TIER}`],
        ['「', `${POLICY} ${TITLE} ${OPEN}`],
        ['物理的セキュリティ', `${POLICY} ${TITLE}`],
        ['」', `${POLICY} ${TITLE} ${CLOSE}`],
        ['及び', ''],
        ['対策基準', `${STANDARD} ${TIER}`],
        ['「', `${STANDARD} ${TITLE} ${OPEN}`],
        ['サーバ等の管理', `${STANDARD} ${TITLE}`],
        ['」', `${STANDARD} ${TITLE} ${CLOSE}`],
      ]);
    });

    it('leaves tier words that cite nothing alone', () => {
      for (const prose of [
        '本基本方針は、本組合が保有する情報資産を守るため、基本的な事項を定める。',
        '対策基準を策定する。',
        '基本方針及び情報セキュリティ対策基準をいう。',
        '情報セキュリティ基本方針（以下「基本方針」という。）に基づき、2024年4月1日から施行する。',
        '対策基準は年1回見直す。',
      ]) {
        const scopes = tokenizeAll(prose)[0].map(([, s]) => s).join(' ');
        assert.doesNotMatch(scopes, /reference|directive|numbering|entity\.name\.type/, prose);
      }
    });
  });

  describe('numbering at the start of a line', () => {
    const cases: [string, string][] = [
      ['## 第1章　総則', '第1章'],
      ['### 第4節 物理的セキュリティ', '第4節'],
      ['#### 第1款　機器の取付け', '第1款'],
      ['第12条　この基準は、必要な事項を定める。', '第12条'],
      ['第5条の2　報告は速やかに行う。', '第5条の2'],
      ['(1) 本組合に責任者を置く。', '(1)'],
      ['（１）　委員会を置く。', '（１）'],
      ['（ア）　委員長を置く。', '（ア）'],
      ['⑴ サーバ等の管理', '⑴'],
      ['① サーバを施錠された室内に設置する。', '①'],
      ['### 6.1 職員等の遵守事項', '6.1'],
      ['## 1 目的', '1'],
      ['2―1―1　委員会', '2―1―1'],
      ['６．１　遵守事項', '６．１'],
      ['- (1) 不正アクセス', '(1)'],
      ['- ② インターネット接続系', '②'],
    ];
    for (const [line, number] of cases) {
      it(`colours ${number} in「${line}」`, () => {
        const tokens = ours(line);
        assert.deepEqual(tokens.filter(([, s]) => s), [[number, NUMBER]]);
        const at = line.indexOf(number);
        assert.equal(tokens.map(([t]) => t).join('').indexOf(number), at);
      });
    }

    it('does not take quantities, dates or numbers inside a line for numbering', () => {
      for (const line of ['2024年4月1日から施行する。', '3か月ごとに見直す。', '10:00 に開始する。', '本組合は(1)の事項を定める。', '## 目的（第1条）']) {
        assert.deepEqual(ours(line).filter(([, s]) => s), [], line);
      }
    });

    it('keeps the Markdown around it: a line opening with (1) stays a paragraph with its bold', () => {
      assert.deepEqual(tokenizeAll('(1) 責任者を置き、**重要**とする。')[0], [
        ['(1)', `meta.paragraph.markdown ${NUMBER}`],
        [' 責任者を置き、', 'meta.paragraph.markdown'],
        ['**', 'meta.paragraph.markdown markup.bold.markdown'],
        ['重要', 'meta.paragraph.markdown markup.bold.markdown'],
        ['**', 'meta.paragraph.markdown markup.bold.markdown'],
        ['とする。', 'meta.paragraph.markdown'],
      ]);
      assert.deepEqual(tokenizeAll('## 第1章　総則')[0], [
        ['##', 'markup.heading.markdown punctuation.definition.heading.markdown'],
        [' ', 'markup.heading.markdown'],
        ['第1章', `markup.heading.markdown entity.name.section.markdown ${NUMBER}`],
        ['　総則', 'markup.heading.markdown entity.name.section.markdown'],
      ]);
    });
  });

  describe('definitions', () => {
    it('colours the defined term of （以下「…」という。）', () => {
      const D = 'meta.definition.policy-trace';
      assert.deepEqual(ours('職員及び会計年度任用職員（以下「職員等」という。）は、遵守する。'), [
        ['職員及び会計年度任用職員', ''],
        ['（以下', D],
        ['「', `${D} punctuation.definition.variable.begin.policy-trace`],
        ['職員等', `${D} variable.other.definition.policy-trace`],
        ['」', `${D} punctuation.definition.variable.end.policy-trace`],
        ['という。）', D],
        ['は、遵守する。', ''],
      ]);
      assert.deepEqual(ours('委員会(以下「委員会」という)を置く。').filter(([, s]) => s.includes('variable.other')), [
        ['委員会', 'meta.definition.policy-trace variable.other.definition.policy-trace'],
      ]);
    });
  });

  describe('code', () => {
    it('colours nothing inside fenced code or code spans', () => {
      const lines = tokenizeAll('```\n根拠: 基本方針 6(4)\n(1) 対策基準 4.1\n```\n`基本方針 6(4)` を参照する。');
      for (const line of lines) {
        for (const [text, scopes] of line) assert.doesNotMatch(scopes, /policy-trace/, text);
      }
      assert.equal(lines[1][0][1], 'markup.fenced_code.block.markdown');
    });
  });
});
