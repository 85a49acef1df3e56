// Front matter of plain `key: value` lines is read without the YAML parser; whenever that path
// answers, it gives the facts the parser gives, and it answers for the front matter people write.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { flatFrontMatter, parseYaml, readFrontMatter } from '../../server/src/core/parse/frontMatter';

const at = (value: string, valueStart = 4) => ({ value, valueStart, span: { start: 0, end: valueStart + value.length + 4 } });

describe('front matter without the YAML parser', () => {
  it('reads 種別, 公開区分, タイトル and 根拠 with their spans, CRLF included', () => {
    const value = '種別: 対策基準\r\n公開区分: 非公開\r\nタイトル: 情報セキュリティ対策基準\r\n根拠: 基本方針 6(1)  \r\n施行日: 令和6年4月1日';
    const flat = flatFrontMatter(at(value));
    assert.deepEqual(flat, {
      tier: 'standard', publicity: 'private', title: '情報セキュリティ対策基準',
      basis: [{ start: 4 + value.indexOf('基本方針'), end: 4 + value.indexOf('基本方針') + '基本方針 6(1)'.length }],
      problems: [],
    });
    assert.deepEqual(flat, parseYaml(at(value)));
  });

  it('reports a word that is no tier at the value, as the parser does', () => {
    const value = '種別: 方針書';
    assert.deepEqual(flatFrontMatter(at(value)), {
      basis: [], problems: [{ span: { start: 8, end: 11 }, message: 'badTier', args: ['方針書'] }],
    });
    assert.deepEqual(readFrontMatter(at(value)), parseYaml(at(value)));
  });

  it('reads 根拠 as a [ ] list and as a list of - lines', () => {
    for (const value of ['根拠: [対策基準 5.2, 対策基準 7.3]\n種別: 実施手順', '根拠:\r\n  - 対策基準 5.2\r\n  - 対策基準 7.3\r\n種別: 実施手順']) {
      const flat = flatFrontMatter(at(value, 0));
      assert.deepEqual(flat?.basis.map((s) => value.slice(s.start, s.end)), ['対策基準 5.2', '対策基準 7.3'], value);
      assert.equal(flat?.tier, 'procedure');
      assert.deepEqual(flat, parseYaml(at(value, 0)));
    }
  });

  it('leaves to the parser what it cannot be sure of', () => {
    for (const value of ['根拠: [対策基準 5.2', '根拠:\n  - 基本方針 6(1)\n   - 基本方針 6(2)', '根拠:', '種別: [対策基準]', '版: 5', 'title: Policy', '種別: 対策基準 # 仮', '種別: 対策基準\n種別: 実施手順',
      'true: 対策基準\nTrue: 実施手順', '# メモ\n種別: 対策基準', '種別: "対策基準"', '種別: 対策基準\n\n版: 第2版', '時刻: 午前10:00', '種別:対策基準']) {
      assert.equal(flatFrontMatter(at(value)), undefined, value);
    }
  });

  it('gives what the YAML parser gives whenever it answers', () => {
    const key = fc.constantFrom('種別', 'kind', 'tier', '公開区分', 'visibility', 'タイトル', '表題', 'title', '根拠', 'basis', '版', '施行日',
      'true', 'True', 'null', 'NULL', 'Kind', 'a b', '-x', '#x', '<<', '種別　', 'ｶﾅ', '𠮷', '\u00a0k', 'k\u2028');
    const sep = fc.constantFrom(': ', ':  ', ':', ' : ', ':\t');
    const value = fc.constantFrom('対策基準', '実施手順', '基本方針', '非公開', '公開', '　公開　', '第5版', '令和6年4月1日', '基本方針 6(1)', '対策基準 5.4、7.3',
      '2024-04-01', '5', 'true', '"対策基準"', "'x'", '[a, b]', '対策基準 # メモ', '対策基準#メモ', '対策基準:x', '対策基準: x', '　対策基準', '対策基準　',
      'ﾀｲﾄﾙ', '𠮷野町', '\u00a0x', '', '- a', '対策基準 ', '＃見出し', '対策基準 {a}', '対策基準 & 手順', '対策基準\u0085', '対策基準\ufeff', '情報セキュリティ対策基準（第2編）');
    const item = fc.constantFrom('対策基準 5.2', '基本方針 6(1)', ' 対策基準 7.3 ', '', 'a', '対策基準, 5', '対策基準 [1]', '対策基準: 1', '対策基準]', '"対策基準"', '対策基準 #1', '𠮷', '　対策基準');
    const flow = fc.array(item, { maxLength: 3 }).map((items) => `[${items.join(',')}]`);
    const block = fc.tuple(fc.array(fc.tuple(fc.constantFrom('', ' ', '  ', '   '), item, fc.constantFrom('- ', '-', '-  ')), { maxLength: 3 }), fc.constantFrom('\n', '\r\n'))
      .map(([items, eol]) => items.map(([indent, it, dash]) => eol + indent + dash + it).join(''));
    const line = fc.oneof(
      { arbitrary: fc.tuple(key, sep, value).map(([k, s, v]) => k + s + v), weight: 10 },
      { arbitrary: fc.tuple(key, sep, flow).map(([k, s, v]) => k + s + v), weight: 3 },
      { arbitrary: fc.tuple(key, fc.constantFrom(':', ': ', ':  '), block).map(([k, s, v]) => k + s + v), weight: 3 },
      { arbitrary: fc.constantFrom('', '# メモ', '  - 基本方針 6(1)', '---', '...', ' 種別: 対策基準'), weight: 1 },
    );
    let answered = 0;
    fc.assert(fc.property(fc.array(line, { minLength: 0, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const fm = at(lines.join(eol));
      const flat = flatFrontMatter(fm);
      if (flat === undefined) return;
      answered++;
      assert.deepEqual(flat, parseYaml(fm), JSON.stringify(fm.value));
    }), { numRuns: 3000 });
    // Not an empty promise: the fast path took a good share of the cases.
    assert.ok(answered > 300, `the fast path answered ${answered} of 3000`);
  });
});
