// A JSON-RPC message as UTF-8 bytes, written piece by piece. A file's diagnostics are one message of
// some 85 KB (147 findings in a 200 KB file); JSON.stringify makes it one string of 140 KB, over
// V8's limit for an ordinary object, and reading that string for its bytes took 0.9 ms of each
// keystroke, against 0.15 ms for a message of half its size (docs/performance.md). Here each
// element of an array of objects is stringified apart, so no piece is large; the bytes are those
// of JSON.stringify (a property test holds them to it).

/** Levels of plain objects and arrays of objects looked into before a value is stringified whole. */
const DEPTH = 3;

export function jsonBytes(value: unknown): Buffer {
  const pieces = jsonPieces(value);
  let length = 0;
  for (const piece of pieces) length += Buffer.byteLength(piece, 'utf8');
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of pieces) at += out.write(piece, at, 'utf8');
  return out;
}

/** The JSON text of a value in pieces, in order. */
export function jsonPieces(value: unknown): string[] {
  const pieces: string[] = [];
  writePieces(value, pieces, DEPTH);
  return pieces;
}

function writePieces(value: unknown, out: string[], depth: number): void {
  if (depth > 0 && Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(',');
      const item: unknown = value[i];
      // In an array, what JSON.stringify leaves out of an object (undefined, a function) is null.
      if (isPlain(item) || Array.isArray(item)) writePieces(item, out, depth - 1);
      else out.push(JSON.stringify(item) ?? 'null');
    }
    out.push(']');
    return;
  }
  if (depth > 0 && isPlain(value)) {
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out.push(`${first ? '{' : ','}${JSON.stringify(key)}:`);
      first = false;
      writePieces(item, out, depth - 1);
    }
    out.push(first ? '{}' : '}');
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
}

/** An object JSON.stringify writes as its own enumerable properties: no toJSON, no class of its own. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
