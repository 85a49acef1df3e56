// The facts the CLI caches come back exactly as analyzeDocument made them, through JSON text; a
// damaged entry comes back as undefined.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeDocument, type DocumentFacts } from '../../server/src/core/api';
import { decodeFacts, encodeFacts } from '../../server/src/core/factsCodec';

const ROOT = join(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, dir, f));
}

const roundTrip = (facts: DocumentFacts): DocumentFacts | undefined => decodeFacts(JSON.parse(JSON.stringify(encodeFacts(facts))));

describe('facts codec', () => {
  const files = [...markdownFiles('samples'), ...markdownFiles('test/fixtures')];

  it('finds the documents to try', () => {
    assert.ok(files.length > 50, `${files.length} files`);
  });

  for (const file of files) {
    const path = relative(ROOT, file).split('\\').join('/');
    it(`round-trips ${path}`, () => {
      const text = readFileSync(file, 'utf8');
      const uri = `file:///${path}`;
      // With no tier from the configuration, and with one: facts are cached per configured tier.
      for (const tier of [undefined, 'standard'] as const) {
        const facts = analyzeDocument({ uri, path, text, tier });
        assert.deepStrictEqual(roundTrip(facts), facts);
      }
    });
  }

  describe('on damaged input', () => {
    const text = readFileSync(join(ROOT, 'samples/対策基準.md'), 'utf8');
    const good = encodeFacts(analyzeDocument({ uri: 'file:///a.md', path: 'a.md', text })) as Record<string, unknown>;
    const json = JSON.stringify(good);
    const withField = (key: string, value: unknown): unknown => ({ ...good, [key]: value });

    const cases: [string, unknown][] = [
      ['null', null],
      ['a number', 42],
      ['a string', json],
      ['an array', [good]],
      ['an empty object', {}],
      ['a wrong type at the top', withField('title', 7)],
      ['an unknown tier', withField('tier', 'law')],
      ['a span that is not a pair', withField('titleSpan', [1])],
      ['a section of the wrong shape', withField('sections', [{ index: 'one' }])],
      ['a null inside a list', withField('references', [null])],
      ['a fractional number', withField('length', 1.5)],
      ['line starts out of order', withField('lineStarts', [0, 5, 3])],
      ['an odd number of prose runs', withField('prose', [{ text: 'x', runs: [0], heading: false }])],
      ['a bad line break', withField('eol', '\r')],
    ];
    for (const [what, input] of cases) {
      it(`gives undefined for ${what}`, () => {
        assert.equal(decodeFacts(input), undefined);
      });
    }

    it('gives undefined without any one of its fields', () => {
      for (const key of Object.keys(good)) {
        const { [key]: _, ...rest } = good;
        assert.equal(decodeFacts(rest), undefined, key);
      }
    });

    it('gives undefined for each list cut short to a wrong last item', () => {
      // What a half-written entry looks like once something has closed its brackets.
      for (const [key, value] of Object.entries(good)) {
        if (!Array.isArray(value) || !value.length || typeof value[0] !== 'object') continue;
        const last = value.at(-1) as object;
        const half = Array.isArray(last) ? last.slice(0, 1) : Object.fromEntries(Object.entries(last).slice(0, 1));
        assert.equal(decodeFacts(withField(key, [...value.slice(0, -1), half])), undefined, key);
      }
    });

    it('gives undefined for truncated JSON text, however it is read', () => {
      for (let i = 1; i < json.length; i += 499) {
        const cut = json.slice(0, i);
        assert.throws(() => JSON.parse(cut));
        assert.equal(decodeFacts(cut), undefined);
      }
    });
  });
});
