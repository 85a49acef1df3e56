// Runs every rule over an index and applies the configured severities.

import type { Finding, RuleCode, SeveritySetting } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import type { CheckContext } from './context';
import { checkMissingCoverage } from './missingCoverage';
import { checkUnresolvedReferences } from './unresolvedReference';
import { checkOrphans } from './orphan';
import { checkInferredLinks } from './inferredLink';
import { checkDocumentProblems } from './problems';

const RULES = [checkDocumentProblems, checkUnresolvedReferences, checkMissingCoverage, checkInferredLinks, checkOrphans];

export function runChecks(index: TraceIndex, ctx: CheckContext, severity: Partial<Record<RuleCode, SeveritySetting>> = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    for (const f of rule(index, ctx)) {
      const level = severity[f.code] ?? DEFAULT_SEVERITY[f.code];
      if (level !== 'off') out.push({ ...f, severity: level });
    }
  }
  return out;
}
