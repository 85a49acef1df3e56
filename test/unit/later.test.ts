// The server's debounce (server/src/lsp/later.ts): a wait of 0 takes no timer (node makes it 1 ms),
// lets the next message already queued come first, and can be undone at either turn.

import assert from 'node:assert/strict';
import { later } from '../../server/src/lsp/later';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('later', () => {
  it('asks node for no timer when the wait is 0', async () => {
    const asked: number[] = [];
    const real = globalThis.setTimeout;
    globalThis.setTimeout = ((run: () => void, ms?: number) => {
      asked.push(ms ?? 0);
      return real(run, ms);
    }) as typeof setTimeout;
    let ran = false;
    try {
      later(() => { ran = true; }, 0);
    } finally {
      globalThis.setTimeout = real;
    }
    assert.deepEqual(asked, []);
    await turn();
    await turn();
    assert.equal(ran, true);
  });

  it('runs after work queued just after it, as the next message of a burst is', async () => {
    const order: string[] = [];
    later(() => order.push('work'), 0);
    setImmediate(() => order.push('next message'));
    await turn();
    await turn();
    assert.deepEqual(order, ['next message', 'work']);
  });

  it('is undone before its first turn and between its two', async () => {
    let ran = 0;
    const first = later(() => ran++, 0);
    first();
    const second = later(() => ran++, 0);
    await turn();
    second();
    await turn();
    await turn();
    assert.equal(ran, 0);
  });

  it('waits on a timer when the wait is longer, and is undone there', async () => {
    let ran = 0;
    later(() => ran++, 5)();
    const done = new Promise<void>((resolve) => later(() => { ran += 10; resolve(); }, 5));
    await done;
    assert.equal(ran, 10);
  });
});
