// Files in the encodings Japanese offices save in are read as what they are; binary files are not text.

import assert from 'node:assert/strict';
import Encoding from 'encoding-japanese';
import { decodeBytes } from '../../server/src/host/encoding';

const TEXT = '# 情報セキュリティ基本方針\n\n(1) ネットワーク　通信網をいう。𠮷\n';

describe('decodeBytes', () => {
  it('reads UTF-8, with or without a BOM (which it drops)', () => {
    assert.deepEqual(decodeBytes(Buffer.from(TEXT, 'utf8')), { text: TEXT, encoding: 'UTF-8' });
    assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])), { text: TEXT, encoding: 'UTF-8' });
  });

  it('reads Shift_JIS and EUC-JP as what they are', () => {
    // 𠮷 has no Shift_JIS code.
    const plain = TEXT.replace('𠮷', '');
    assert.deepEqual(decodeBytes(legacy(plain, 'SJIS')), { text: plain, encoding: 'Shift_JIS' });
    assert.deepEqual(decodeBytes(legacy(plain, 'EUCJP')), { text: plain, encoding: 'EUC-JP' });
  });

  it('reads UTF-16 by its byte order mark, surrogate pairs included', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    assert.deepEqual(decodeBytes(le), { text: TEXT, encoding: 'UTF-16LE' });
    const be = Buffer.from(TEXT, 'utf16le').swap16();
    assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: TEXT, encoding: 'UTF-16BE' });
  });

  it('calls bytes that are no text binary: an image, and UTF-8 holding NUL', () => {
    const image = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), image])), { binary: true });
    assert.deepEqual(decodeBytes(Buffer.from('abc\u0000def', 'utf8')), { binary: true });
  });
});

/** The text in a legacy Japanese encoding (TextEncoder writes UTF-8 only). */
function legacy(text: string, to: 'SJIS' | 'EUCJP'): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
}
