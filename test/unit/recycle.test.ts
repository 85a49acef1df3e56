// An edit hands the previous version's facts to the next: what only moved is taken over in place,
// and the result is exactly what a fresh analysis gives.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recycle } from '../../server/src/core/recycle';
import { adoptReference, type Reference } from '../../server/src/core/parse/references';
import { analyzeDocument, PolicyWorkspace, type DocumentFacts } from '../../server/src/core/api';
import { fixtureText } from './helpers';

interface Item { key: string; pos: number }

const adoptItem = (old: Item, fresh: Item): boolean => {
  if (old.key !== fresh.key) return false;
  old.pos = fresh.pos;
  return true;
};

describe('recycle', () => {
  it('keeps the fresh contents and takes over the matching objects from both ends', () => {
    const keys = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 });
    fc.assert(fc.property(keys, fc.nat(12), fc.nat(4), keys, fc.integer({ min: -5, max: 5 }), (before, at, cut, inserted, shift) => {
      const start = Math.min(at, before.length);
      const afterKeys = [...before.slice(0, start), ...inserted, ...before.slice(Math.min(before.length, start + cut))];
      const previous = before.map((key, i) => ({ key, pos: i }));
      const olds = [...previous];
      const next = afterKeys.map((key, i) => ({ key, pos: i * 10 + shift }));
      const expected = next.map((x) => ({ ...x }));
      const fresh = recycle(previous, next, adoptItem);

      assert.deepEqual(next, expected);
      const taken = next.filter((x) => olds.includes(x));
      assert.equal(new Set(taken).size, taken.length, 'an old object is taken over once');
      // As many as the longest common head, then the longest common tail of what is left.
      let head = 0;
      const n = Math.min(before.length, afterKeys.length);
      while (head < n && before[head] === afterKeys[head]) head++;
      let tail = 0;
      while (tail < n - head && before[before.length - 1 - tail] === afterKeys[afterKeys.length - 1 - tail]) tail++;
      assert.equal(taken.length, head + tail);
      assert.deepEqual(fresh, { from: head, to: next.length - tail }, 'the fresh objects that stay lie between the two');
      next.slice(0, head).forEach((x, i) => assert.equal(x, olds[i]));
      next.slice(next.length - tail).forEach((x, i) => assert.equal(x, olds[olds.length - tail + i]));
    }), { numRuns: 300 });
  });
});

describe('adoptReference', () => {
  const ref = (at: number, extra: Partial<Reference> = {}): Reference => ({
    kind: 'basis', tier: 'policy', by: 'id', key: '6(1)', target: '6(1)',
    span: { start: at, end: at + 14 }, targetSpan: { start: at + 10, end: at + 14 }, section: 3, ...extra,
  });

  it('takes over a reference that only moved, giving it the new spans in its own span objects', () => {
    const old = ref(100, { otherwise: [{ tier: 'standard', key: '6(1)' }] });
    const { span, targetSpan } = old;
    assert.equal(adoptReference(old, ref(102, { otherwise: [{ tier: 'standard', key: '6(1)' }] })), true);
    assert.deepEqual(old, ref(102, { otherwise: [{ tier: 'standard', key: '6(1)' }] }));
    assert.equal(old.span, span);
    assert.equal(old.targetSpan, targetSpan);
  });

  it('refuses one that says something else, and leaves it as it was', () => {
    const others: Partial<Reference>[] = [
      { key: '6(2)' }, { target: '６(1)' }, { tier: 'standard' }, { kind: 'waiver' }, { by: 'title' }, { section: 4 },
      { reason: '対象外' }, { reason: undefined }, { within: true }, { otherwise: [{ tier: 'standard', key: '6(1)' }] },
    ];
    for (const other of others) {
      const old = ref(100);
      assert.equal(adoptReference(old, ref(102, other)), false, JSON.stringify(other));
      assert.deepEqual(old, ref(100));
    }
    const old = ref(100, { otherwise: [{ tier: 'standard', key: '6(1)' }] });
    assert.equal(adoptReference(old, ref(102, { otherwise: [{ tier: 'procedure', key: '6(1)' }] })), false);
  });
});

describe('an edit takes over the facts that only moved', () => {
  const path = 'samples/対策基準.md';
  const original = fixtureText(`../../${path}`);
  const analyze = (text: string, previous?: DocumentFacts): DocumentFacts => analyzeDocument({ uri: 'file:///d.md', path, text, previous });
  // A character typed in the text of 5.2, in the middle of the document.
  const at = original.indexOf('機器台帳') + 2;
  const edited = original.slice(0, at) + '𠮷' + original.slice(at);

  it('gives what a fresh analysis gives, with the unchanged sections and texts of the version before', () => {
    const before = analyze(original);
    const sections = [...before.sections];
    const prose = [...before.prose];
    const references = [...before.references];
    const after = analyze(edited, before);

    assert.deepEqual(after, analyze(edited));
    assert.equal(after.sections.length, sections.length);
    assert.ok(after.sections.every((s, i) => s === sections[i]), 'every section is the object it was');
    assert.equal(after.references.length, references.length);
    assert.ok(after.references.every((r, i) => r === references[i]), 'every reference is the object it was');
    // Those after the edit carry their new place.
    const movedRefs = after.references.filter((r) => r.span.start > at);
    assert.ok(movedRefs.length >= 5);
    assert.deepEqual(movedRefs.map((r) => r.span), analyze(edited).references.filter((r) => r.span.start > at).map((r) => r.span));
    // Sections after the edit moved by the two UTF-16 units of 𠮷.
    const moved = after.sections.filter((s) => s.span.start > at);
    assert.ok(moved.length > 10);
    assert.equal(moved[0].span.start, analyze(original).sections.find((s) => s.id === moved[0].id)!.span.start + 2);
    const changed = after.prose.filter((p, i) => p !== prose[i]);
    assert.equal(changed.length, 1);
    assert.ok(changed[0].text.includes('機器𠮷台帳'));
  });

  it('takes over nothing from a version it cannot match, and still gives the fresh facts', () => {
    const other = analyze(fixtureText('realworld/jorei-style/対策基準.md'));
    const olds = new Set<object>([...other.sections, ...other.prose, ...other.references]);
    const after = analyze(edited, other);
    assert.deepEqual(after, analyze(edited));
    assert.equal([...after.sections, ...after.prose, ...after.references].filter((x) => olds.has(x)).length, 0);
  });

  it('finds the term uses of an edited document as a fresh analysis does', () => {
    const ws = new PolicyWorkspace();
    const uri = 'file:///samples/対策基準.md';
    ws.setDocument(uri, '対策基準.md', original);
    ws.setDocument('file:///samples/基本方針.md', '基本方針.md', fixtureText('../../samples/基本方針.md'));
    const usesOf = (w: PolicyWorkspace) => {
      const found = w.find(uri)!;
      return found.index.terms.uses.get(found.doc)!;
    };
    const before = [...usesOf(ws)];
    ws.setDocument(uri, '対策基準.md', edited);
    const after = [...usesOf(ws)];

    const fresh = new PolicyWorkspace();
    fresh.setDocument(uri, '対策基準.md', edited);
    fresh.setDocument('file:///samples/基本方針.md', '基本方針.md', fixtureText('../../samples/基本方針.md'));
    assert.deepEqual(after.map((u) => [u.kind, u.term, u.written, u.start, u.end, u.heading]), [...usesOf(fresh)].map((u) => [u.kind, u.term, u.written, u.start, u.end, u.heading]));
    assert.equal(after.length, before.length);
    // The uses after the edit moved; those before it did not.
    assert.ok(after.some((u, i) => u.start > at && u.start !== before[i].start));
    assert.ok(after.every((u, i) => u.start > at || u.start === before[i].start));
  });
});
