// `check --format sarif`: SARIF 2.1.0, which GitHub code scanning (and other SARIF viewers) shows on
// the lines of a pull request. One run; every rule with its description, default level and the
// README section that explains it; each finding with its related places and its fixes.

import type * as Sarif from 'sarif';
import { RULE_CODES, DEFAULT_SEVERITY, DOCS_URL, ruleDocsUrl, type Range, type RuleCode, type Severity } from '../core/types';
import { version } from '../../../package.json';
import { displayPath, perUri, sortFindings, type FolderReport, type FormatContext, type ReportFinding } from './format';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Paths as URI references relative to the working directory (%SRCROOT%: the checkout in CI). */
const BASE = '%SRCROOT%';

export function formatSarif(folders: FolderReport[], ctx: FormatContext): string {
  const path = perUri((uri) => displayPath(uri, ctx.cwd).split('\\').join('/'));
  const location = (uri: string, range: Range): Sarif.PhysicalLocation => ({
    artifactLocation: { uri: encodePath(path(uri)), uriBaseId: BASE },
    region: region(range),
  });
  const findings = sortFindings(folders.flatMap((f) => f.findings).map((finding) => ({ file: path(finding.uri), finding })));
  const results: Sarif.Result[] = findings.map(({ finding: f }) => ({
    ruleId: f.code,
    ruleIndex: RULE_CODES.indexOf(f.code),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: location(f.uri, f.range) }],
    ...(f.related?.length ? {
      relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: location(r.uri, r.range), message: { text: r.message } })),
    } : {}),
    ...(f.fixes?.length ? { fixes: fixesOf(f, location) } : {}),
    // Information and hints are both notes in SARIF; the severity the editor shows is kept here.
    ...(f.severity === 'hint' || f.severity === 'information' ? { properties: { severity: f.severity } } : {}),
  }));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Policy Trace',
          version,
          informationUri: DOCS_URL,
          rules: RULE_CODES.map((code) => rule(code, ctx)),
        },
      },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function rule(code: RuleCode, ctx: FormatContext): Sarif.ReportingDescriptor {
  return {
    id: code,
    name: code.split(/[/-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: ctx.msg(`rule:${code}`) },
    helpUri: ruleDocsUrl(code),
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
  };
}

function fixesOf(f: ReportFinding, location: (uri: string, range: Range) => Sarif.PhysicalLocation): Sarif.Fix[] {
  return f.fixes!.map((fix) => ({
    description: { text: fix.title },
    artifactChanges: fix.edits.map((file) => ({
      artifactLocation: location(file.uri, file.edits[0]?.range ?? f.range).artifactLocation!,
      replacements: file.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    })),
  }));
}

/** 1-based lines and columns; an empty region (an insertion) keeps its one position. */
function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A relative path as a URI reference: each segment percent-encoded (日本語 file names included). */
function encodePath(path: string): string {
  return path.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}
