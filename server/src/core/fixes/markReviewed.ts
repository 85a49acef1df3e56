// Edits of policy-trace.lock: a reference marked reviewed records its target's fingerprint of now.
// Only the entries concerned are touched (a value replaced, a line added where the sorted order
// puts it), so a fix stays small in a large lock and next to other edits of the same file.

import { byCodeUnit, ENTRY_INDENT, lockEntry, lockEol, reviewedObject, type Lock } from '../lock';
import type { FixData, Span } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { trackedLinks } from '../index/fingerprints';

interface Edit extends Span { text: string }

/** `updates` recorded in the lock, as a fix. */
export function markReviewedFix(lock: Lock, updates: { key: string; fingerprint: string }[], title: string): FixData {
  const eol = lockEol(lock.text);
  const edits: Edit[] = [];
  const added = new Map<string, string>();
  // The last word on a key wins, as one edit: two edits of one span would overlap.
  for (const [key, fingerprint] of new Map(updates.map((u) => [u.key, u.fingerprint]))) {
    const place = lock.places.get(key);
    if (place) edits.push({ ...place.value, text: JSON.stringify(fingerprint) });
    else added.set(key, fingerprint);
  }
  const entries = [...added].sort(([a], [b]) => byCodeUnit(a, b));
  if (entries.length && !lock.order.length) edits.push({ ...lock.object, text: reviewedObject(entries, eol) });
  else if (entries.length) {
    // Each new entry goes before the first written key that sorts after it; the rest after the last.
    const before = new Map<number, [string, string][]>();
    for (const e of entries) {
      const at = insertionIndex(lock.order, e[0]);
      before.set(at, [...(before.get(at) ?? []), e]);
    }
    for (const [at, group] of before) {
      if (at < lock.order.length) {
        const offset = lock.places.get(lock.order[at])!.key;
        edits.push({ start: offset, end: offset, text: group.map(([k, v]) => `${lockEntry(k, v)},${eol}${ENTRY_INDENT}`).join('') });
      } else {
        const offset = lock.places.get(lock.order[lock.order.length - 1])!.value.end;
        edits.push({ start: offset, end: offset, text: group.map(([k, v]) => `,${eol}${ENTRY_INDENT}${lockEntry(k, v)}`).join('') });
      }
    }
  }
  return { title, edits: [{ uri: lock.uri, edits: merged(edits).map((e) => ({ range: lock.lines.range(e), newText: e.text })) }] };
}

function insertionIndex(order: string[], key: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byCodeUnit(order[mid], key) < 0) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** In text order; an insertion right where a replacement ends joins it, so no two edits touch. */
function merged(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.end === e.start && e.start === e.end) last.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

/**
 * Every written trace link of the sets with its target's fingerprint now: what `policy-trace lock`
 * and the editor's "record all" write. Entries of links that are gone are left out.
 */
export function reviewedNow(indexes: TraceIndex[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const index of indexes) {
    for (const doc of index.documents) {
      for (const t of trackedLinks(index, doc)) out.set(t.key, t.fingerprint);
    }
  }
  return out;
}
