// The text of a file's bytes. Japanese offices still save Shift_JIS (and EUC-JP, UTF-16): read as
// UTF-8 they become mojibake in which no measure or term is found. A file that is not UTF-8 is
// decoded as what it is, and says so; a binary file named .md is not text at all.

import Encoding from 'encoding-japanese';

export type TextEncoding = 'UTF-8' | 'Shift_JIS' | 'EUC-JP' | 'UTF-16LE' | 'UTF-16BE' | 'ISO-2022-JP';

export type Decoded = { text: string; encoding: TextEncoding } | { binary: true };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** encoding-japanese's names → the WHATWG label TextDecoder knows, and the name users see. */
const DETECTED: Record<string, { label: string; name: TextEncoding }> = {
  SJIS: { label: 'shift_jis', name: 'Shift_JIS' },
  EUCJP: { label: 'euc-jp', name: 'EUC-JP' },
  JIS: { label: 'iso-2022-jp', name: 'ISO-2022-JP' },
  UTF16: { label: 'utf-16be', name: 'UTF-16BE' },
  UTF16BE: { label: 'utf-16be', name: 'UTF-16BE' },
  UTF16LE: { label: 'utf-16le', name: 'UTF-16LE' },
};

export function decodeBytes(bytes: Uint8Array): Decoded {
  // A byte order mark says it; the text is what follows it (editors do not show the mark).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3)) ?? detect(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  return utf8(bytes) ?? detect(bytes);
}

function utf8(bytes: Uint8Array): Decoded | undefined {
  // NUL is valid UTF-8 but no text file of ours holds one: a binary file that happens to decode.
  if (hasNul(bytes)) return undefined;
  try {
    return { text: UTF8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    return undefined;
  }
}

function detect(bytes: Uint8Array): Decoded {
  const found = Encoding.detect(bytes);
  const known = typeof found === 'string' ? DETECTED[found] : undefined;
  // UTF-16 without a mark holds NULs in ASCII text: told apart from binary by the detector.
  if (!known || (hasNul(bytes) && !known.name.startsWith('UTF-16'))) return { binary: true };
  const text = new TextDecoder(known.label).decode(bytes);
  return looksBinary(text) ? { binary: true } : { text, encoding: known.name };
}

/** Control characters or undecodable bytes in more than 1 % of the opening: no text file. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  const odd = head.match(/[\x00-\x08\x0e-\x1f\x7f\ufffd]/gu)?.length ?? 0;
  return odd > head.length / 100;
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
