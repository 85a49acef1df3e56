// Interning short texts must never change them: the table gives back an equal string, short or
// long, before and after it starts again.

import assert from 'node:assert/strict';
import { intern } from '../../server/src/core/text/intern';

// Whether two equal strings are one object cannot be seen from JavaScript (the heap counts are in
// docs/performance.md); what a caller relies on is that interning never changes a text.
describe('interned texts', () => {
  it('are equal to the text given, short or long, before and after the table starts again', () => {
    const made = (s: string): string => [...s].join('');
    for (const text of ['第1条', '(1)', '', '𠮷野家', 'ｶﾞ', '情報システム管理者は、サーバの状況を毎日確認する。']) assert.equal(intern(made(text)), text);
    for (let i = 0; i < 120_000; i++) assert.equal(intern(`k${i % 70_000}`), `k${i % 70_000}`);
    assert.equal(intern(made('第1条')), '第1条');
  });
});
