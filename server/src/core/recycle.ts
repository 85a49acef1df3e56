// A keystroke moves most of a document's facts without changing them. The new version's objects
// that only moved are swapped for the previous version's, given their new positions: then what a
// keystroke leaves behind for the garbage collector is young (cheap to collect), and the old
// generation does not fill with a copy of the document's facts at every keystroke.
// The previous version must be dropped: its objects now carry the new positions.

/**
 * Replaces `next[i]` by the matching object of `previous` wherever `adopt(old, fresh)` says the old
 * one took over the fresh one's positions. Matched from the start and from the end, as an edit
 * changes something in between. Gives back where the fresh objects that stay are: next[from, to).
 */
export function recycle<T>(previous: readonly T[], next: T[], adopt: (old: T, fresh: T) => boolean): { from: number; to: number } {
  const n = Math.min(previous.length, next.length);
  let head = 0;
  while (head < n && adopt(previous[head], next[head])) next[head] = previous[head++];
  let to = next.length;
  for (let k = 1; k <= n - head; k++) {
    const p = previous.length - k;
    const q = next.length - k;
    if (!adopt(previous[p], next[q])) break;
    next[q] = previous[p];
    to = q;
  }
  return { from: head, to };
}
