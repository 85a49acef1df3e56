// What the command prints (cli/print.ts): a long text reaches the stream as exactly its UTF-8,
// whatever falls on the boundary of a piece, even from a stream that reads each piece only later.

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { print } from '../../server/src/cli/print';

/** A stream that takes in each piece only a moment after it is given, as a slow pipe does. */
function lateStream(): { stream: Writable; bytes: () => Buffer; pieces: () => number } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        parts.push(Buffer.from(chunk));
        done();
      }, 1);
    },
  });
  return { stream, bytes: () => Buffer.concat(parts), pieces: () => parts.length };
}

describe('print', () => {
  it('writes a long text as its UTF-8, a surrogate pair or a three-byte character on every boundary of a piece', async () => {
    // 1 MB pieces: every shift of the line against the boundary, 𠮷 (four bytes), ｶﾞ, CRLF and 漢字.
    const line = '𠮷野の情報資産ｶﾞ\r\n';
    let text = '';
    for (let shift = 0; text.length < 1_500_000; shift++) text += 'a'.repeat(shift % 7) + line;
    const late = lateStream();
    await print(text, late.stream);
    assert.ok(late.pieces() > 1, `${late.pieces()} pieces`);
    assert.ok(late.bytes().equals(Buffer.from(text, 'utf8')));
  });

  it('writes a short text as it is', async () => {
    const late = lateStream();
    await print('第1条 目的\n', late.stream);
    await new Promise((resolve) => late.stream.end(resolve));
    assert.equal(late.bytes().toString('utf8'), '第1条 目的\n');
    assert.equal(late.pieces(), 1);
  });
});
