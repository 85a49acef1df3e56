// `check --format github` and `--format junit`: the findings where a CI shows problems. GitHub
// Actions turns workflow commands into annotations on the pull request's lines; GitLab, Jenkins and
// most other CIs read JUnit XML, one test case per finding, grouped by document.

import type { Severity } from '../core/types';
import { countSeverities, displayPath, perUri, sortFindings, summaryLine, type FolderReport, type FormatContext, type ReportFinding } from './format';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * One `::error file=…,line=…::message` line per finding (1-based lines and columns, as the text
 * output), then the summary line, which the log shows as it is.
 */
export function formatGithub(folders: FolderReport[], ctx: FormatContext): string {
  const path = perUri((uri) => displayPath(uri, ctx.cwd).split('\\').join('/'));
  const findings = sortFindings(folders.flatMap((f) => f.findings).map((finding) => ({ file: path(finding.uri), finding })));
  const lines = findings.map(({ file, finding: f }) => {
    const r = f.range;
    const props = [
      `file=${property(file)}`, `line=${r.start.line + 1}`, `endLine=${r.end.line + 1}`,
      `col=${r.start.character + 1}`, `endColumn=${r.end.character + 1}`, `title=${property(f.code)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${data(f.message)}`;
  });
  const documents = folders.reduce((n, f) => n + f.documents, 0);
  return [...lines, summaryLine(countSeverities(folders.flatMap((f) => f.findings)), documents, ctx.msg)].join('\n') + '\n';
}

/** A command's message: a line break or % must not end or garble it. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property: also `:` and `,`, which separate properties. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * JUnit XML: a test suite per document with findings, a test case per finding. Errors and warnings
 * are failures (they are what a reviewer must act on); information and hints pass, with their
 * message as the case's output. A run without findings is one passing case, so the CI shows that
 * the check ran.
 */
export function formatJunit(folders: FolderReport[], ctx: FormatContext): string {
  const path = perUri((uri) => displayPath(uri, ctx.cwd).split('\\').join('/'));
  const findings = sortFindings(folders.flatMap((f) => f.findings).map((finding) => ({ file: path(finding.uri), finding })));
  const byFile = new Map<string, ReportFinding[]>();
  for (const { file, finding } of findings) byFile.set(file, [...(byFile.get(file) ?? []), finding]);
  const failing = (f: ReportFinding): boolean => f.severity === 'error' || f.severity === 'warning';
  const suites = [...byFile].map(([file, list]) => {
    const cases = list.map((f) => {
      const where = `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const name = `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`;
      const body = failing(f)
        ? `<failure type="${xml(f.code)}" message="${xml(f.message)}">${xml(`${f.severity} ${f.code} ${where}\n${f.message}`)}</failure>`
        : `<system-out>${xml(`${f.severity} ${f.code} ${where}\n${f.message}`)}</system-out>`;
      return `    <testcase classname="${xml(file)}" name="${xml(name)}" file="${xml(file)}" line="${f.range.start.line + 1}">${body}</testcase>`;
    });
    return [`  <testsuite name="${xml(file)}" tests="${list.length}" failures="${list.filter(failing).length}" errors="0">`, ...cases, '  </testsuite>'];
  });
  const total = findings.length;
  const failures = findings.filter(({ finding }) => failing(finding)).length;
  const documents = folders.reduce((n, f) => n + f.documents, 0);
  const summary = summaryLine(countSeverities(folders.flatMap((f) => f.findings)), documents, ctx.msg);
  const empty = total ? [] : [
    '  <testsuite name="policy-trace" tests="1" failures="0" errors="0">',
    `    <testcase classname="policy-trace" name="${xml(summary)}"/>`,
    '  </testsuite>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="policy-trace" tests="${Math.max(total, 1)}" failures="${failures}" errors="0">`,
    ...suites.flat(), ...empty,
    '</testsuites>', '',
  ].join('\n');
}

/** Text in an XML attribute or element; characters XML 1.0 cannot hold at all are dropped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
