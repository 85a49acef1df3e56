// trace/suspect: a reference whose target changed since someone last reviewed it, by the
// fingerprints of policy-trace.lock. Only where a lock file exists: a set starts to be watched for
// change impact when its lock is first written (`policy-trace lock`). A reference the lock does
// not know yet is said, more quietly (information), so that a new link is not left unwatched.

import type { Finding } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import { trackedLinks } from '../index/fingerprints';
import { markReviewedFix } from '../fixes/markReviewed';
import { checkedDocuments, finding, nodeName, relatedTo, type CheckContext } from './context';

export function checkSuspects(index: TraceIndex, ctx: CheckContext): Finding[] {
  const lock = ctx.lock;
  if (!lock || lock.problems.length) return [];
  const out: Finding[] = [];
  for (const doc of checkedDocuments(index, ctx)) {
    const open = trackedLinks(index, doc).filter((t) => lock.reviewed.get(t.key) !== t.fingerprint);
    const all = open.length > 1 ? { ...markReviewedFix(lock, open, ctx.msg('fixMarkDocumentReviewed', String(open.length))), all: true as const } : undefined;
    for (const t of open) {
      const target = nodeName(t.link.to);
      const known = lock.reviewed.has(t.key);
      const fixes = [markReviewedFix(lock, [t], ctx.msg('fixMarkReviewed')), ...(all ? [all] : [])];
      const f = finding('trace/suspect', doc, t.link.ref!.span, ctx.msg(known ? 'suspectChanged' : 'suspectNew', target), [relatedTo(t.link.to, target)], fixes);
      out.push(known ? f : { ...f, severity: 'information' });
    }
  }
  return out;
}
