// One string for each short text that documents repeat: 第1条, (1), 目的, the 項目 and 内容 of a
// table's head. Read from each document, each was a string of its own that a check kept until its
// set was checked (a 10 MB set: some 90,000 of them, each copied twice by V8's young-generation
// collector). Past the limit the table starts again, so that it cannot grow without bound.

const MAX_LENGTH = 24;
const LIMIT = 50_000;
const table = new Map<string, string>();

/** The string equal to `s` that was given before, or `s`; longer strings are given back as they are. */
export function intern(s: string): string {
  if (s.length > MAX_LENGTH) return s;
  const known = table.get(s);
  if (known !== undefined) return known;
  if (table.size >= LIMIT) table.clear();
  table.set(s, s);
  return s;
}
