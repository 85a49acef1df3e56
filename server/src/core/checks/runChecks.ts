// Runs every rule over an index and applies the configured severities.

import type { Finding, RuleCode, SeveritySetting } from '../types';
import type { TraceIndex } from '../index/traceIndex';
import type { DocumentFacts } from '../facts';
import type { CheckContext } from './context';
import { checkMissingCoverage } from './missingCoverage';
import { checkUnresolvedReferences } from './unresolvedReference';
import { checkOrphans } from './orphan';
import { checkInferredLinks } from './inferredLink';
import { checkNoMeasures } from './noMeasures';
import { checkConfidentialLeaks } from './confidentialLeak';
import { checkCrossReferences } from './crossReference';
import { checkTocMismatch } from './tocMismatch';
import { checkNumbering } from './numbering';
import { checkGuidelineMeasures } from './guidelineMeasures';
import { checkGuidelineChapters } from './guidelineChapters';
import { checkThreats } from './threatUnaddressed';
import { checkSuspects } from './suspect';
import { checkDocumentProblems } from './problems';
import { checkVariants } from './terms/variant';
import { checkUndefinedTerms } from './terms/undefinedTerm';
import { checkUnusedTerms } from './terms/unusedTerm';
import { checkConflicts } from './terms/conflict';
import { checkLongForms } from './terms/longForm';
import { checkBeforeDefinition } from './terms/beforeDefinition';
import { checkPrhVariants } from './terms/prhVariant';
import { isSuppressed } from '../parse/suppressions';

const RULES = [
  checkDocumentProblems, checkNoMeasures, checkUnresolvedReferences, checkMissingCoverage, checkInferredLinks, checkOrphans, checkConfidentialLeaks,
  checkCrossReferences, checkTocMismatch, checkNumbering, checkGuidelineMeasures, checkGuidelineChapters, checkThreats, checkSuspects,
  checkVariants, checkPrhVariants, checkUndefinedTerms, checkUnusedTerms, checkConflicts, checkLongForms, checkBeforeDefinition,
];

const NO_FIXES: never[] = [];

export function runChecks(index: TraceIndex, ctx: CheckContext, severity: Partial<Record<RuleCode, SeveritySetting>> = {}): Finding[] {
  const out: Finding[] = [];
  // A keystroke asks for one document's findings: the set's documents are mapped only when needed.
  let docs: Map<string, DocumentFacts> | undefined;
  const docOf = (uri: string): DocumentFacts | undefined =>
    ctx.only?.uri === uri ? ctx.only : (docs ??= new Map(index.documents.map((d) => [d.uri, d]))).get(uri);
  for (const rule of RULES) {
    for (const f of rule(index, ctx)) {
      const level = severity[f.code] ?? f.severity;
      if (level === 'off') continue;
      const doc = docOf(f.uri);
      if (doc && isSuppressed(doc.suppressions, f.range.start.line, f.code)) continue;
      out.push(ctx.fixes === false ? { ...f, severity: level, fixes: NO_FIXES } : { ...f, severity: level });
    }
  }
  return out;
}
