// policy-trace.json: what is wrong is reported at its spot and falls back to its default; the
// rest of the file still applies.

import { strict as assert } from 'node:assert';
import { parseConfig } from '../../server/src/core/config';

const problems = (text: string): string[] =>
  parseConfig(text).problems.map((p) => `${p.span.start}-${p.span.end} ${p.message} ${p.args.join(' | ')}`);

describe('parseConfig: partly invalid files', () => {
  it('drops an unknown rule code and keeps the other severities and the tiers', () => {
    const text = '{"severity":{"trace/orphen":"off","trace/orphan":"hint"},"tiers":{"standard":["規程/*.md"]}}';
    const { config } = parseConfig(text);
    assert.deepEqual(problems(text), ['13-27 configUnknownKey trace/orphen']);
    assert.deepEqual(config.severity, { 'trace/orphan': 'hint' });
    assert.deepEqual(config.sets.map((s) => [s.name, s.include, s.tiers]), [['', ['**/*.md'], { standard: ['規程/*.md'] }]]);
  });

  it('drops a set whose include has the wrong type and keeps the other sets', () => {
    const text = '{"sets":[{"name":"a","include":["a/**"]},{"name":"b","include":"b/**"},{"include":["c/**"]}]}';
    assert.deepEqual(problems(text), ['63-69 configType sets.1.include | array', '71-91 configRequired sets.2 | name']);
    assert.deepEqual(parseConfig(text).config.sets.map((s) => s.name), ['a']);
  });

  it('falls back to its default for a value that is not allowed', () => {
    const text = '{"measuresSection":"","orphanExemptTitles":["総則"]}';
    const { config } = parseConfig(text);
    assert.equal(config.measuresSection, '情報セキュリティ対策');
    assert.deepEqual(config.orphanExemptTitles, ['総則']);
    assert.equal(problems(text).length, 1);
  });

  it('uses the defaults for a file that is not a settings object or not JSON', () => {
    for (const text of ['[1, 2]', '"include"', '{"include": [']) {
      const { config, problems: found } = parseConfig(text);
      assert.equal(found.length, 1, text);
      assert.deepEqual(config.sets[0].include, ['**/*.md'], text);
    }
  });
});
