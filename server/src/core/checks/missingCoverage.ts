// trace/missing-standard and trace/missing-procedure: measures with nothing behind them; the quick
// fixes write the missing standards section or procedure file.

import type { Finding } from '../types';
import type { TraceIndex, Measure } from '../index/traceIndex';
import { finding, nodeName, nodeSpan, relatedTo, type CheckContext } from './context';
import { createProcedureFix, createSectionFix } from '../fixes/gapFixes';

export function checkMissingCoverage(index: TraceIndex, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const status = (m: Measure) => index.coverage.get(m)!.status;
  for (const m of index.measures) {
    if (ctx.only && ctx.only !== m.node.doc) continue;
    const cov = index.coverage.get(m)!;
    // A sub-item is reported on its own only when its measure is not reported already.
    if (m.parent && status(m.parent) !== 'covered') continue;
    const doc = m.node.doc;
    const span = nodeSpan(m.node);
    const title = m.title || m.summary;
    if (cov.status === 'missing-standard') {
      out.push(finding('trace/missing-standard', doc, span, ctx.msg(m.parent ? 'missingStandardSub' : 'missingStandard', m.id, title), [],
        [createSectionFix(index, m, ctx.msg)]));
    } else if (cov.status === 'missing-procedure') {
      const related = cov.standards.map((s) => relatedTo(s, ctx.msg('relatedStandard', nodeName(s))));
      out.push(finding('trace/missing-procedure', doc, span, ctx.msg('missingProcedure', m.id, title), related,
        [createProcedureFix(index, m, cov, ctx.msg)]));
    }
  }
  return out;
}
