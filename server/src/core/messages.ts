// Every user-visible sentence of the core, in English and (through the l10n bundle) Japanese.
// Japanese is the default.

import type { Locale, Tier } from './types';
import bundle from '../../../l10n/bundle.l10n.ja.json';

/**
 * Every sentence in English, the source language as VS Code localisation has it; the Japanese is in
 * l10n/bundle.l10n.ja.json, keyed by the English text, the bundle the client's vscode.l10n reads too.
 */
const en = {
  tier_policy: 'basic policy',
  tier_standard: 'standards',
  tier_procedure: 'procedures',
  missingStandard: 'No standards section implements measure {0} "{1}".',
  missingStandardSub: 'No standards section implements measure {0} "{1}" (other items of the same measure have standards).',
  missingProcedure: 'Measure {0} "{1}" has standards, but no procedure stands behind them.',
  unresolved: 'Reference "{0}" was not found in the {1}.',
  unresolvedNoDoc: 'Reference "{0}" cannot be resolved: this policy set has no {1} document.',
  didYouMean: 'Did you mean: {0}',
  crossRefMissing: '"{0}" refers to {1}, which this document does not have.',
  crossRefNoNeighbour: '"{0}" has nothing to refer to here: there is no such item before or after this one.',
  tocMissing: 'The table of contents lists "{0}", but the text has no such chapter or section.',
  tocRange: 'The table of contents gives "{0}" as {1}, but its articles are {2}.',
  tocNoArticles: 'The table of contents gives "{0}" as {1}, but it has no articles.',
  tocTitle: 'The table of contents calls it "{0}", the text "{1}".',
  guidelineMissing: 'Compared with {0}, this policy lacks {1}. A policy written to an older edition may rightly have fewer; "guideline" in policy-trace.json chooses another profile, or "none".',
  guidelineMeasure: 'measure {0} "{1}"',
  guidelineLayer: 'the layer "{1}" under {0}',
  threatUnaddressed: 'Threat {0} "{1}" is addressed by no measure: no measure or standards section lists it in a "対応する脅威:" line.',
  threatUnknown: '"{0}" in this "対応する脅威:" line is not a threat of the basic policy.',
  suspectChanged: '"{0}" has changed since this reference to it was last reviewed (policy-trace.lock). Read it again, then mark the reference reviewed.',
  suspectNew: 'This reference to "{0}" is not recorded as reviewed in policy-trace.lock yet: a change to it is noticed once it is.',
  fixMarkReviewed: 'Mark this reference reviewed (policy-trace.lock)',
  fixMarkDocumentReviewed: 'Mark every reference of this document reviewed ({0}; policy-trace.lock)',
  lockSyntax: 'policy-trace.lock cannot be read (JSON syntax error: {0}), so no reference is checked against it. After a merge conflict, run "npx policy-trace lock" to write it again.',
  lockShape: 'policy-trace.lock is not in the form the tool writes ({"version": 1, "reviewed": {…}}), so no reference is checked against it. Run "npx policy-trace lock" to write it again.',
  lockVersion: 'policy-trace.lock is not of version {0}, the one this version of the tool reads, so no reference is checked against it. Run "npx policy-trace lock" to write it again.',
  lockFingerprint: 'This entry of policy-trace.lock is not a fingerprint of 16 hexadecimal digits, so no reference is checked against the file. Run "npx policy-trace lock" to write it again.',
  matrixThreats: 'Threats and the measures that address them',
  matrixThreat: 'Threat',
  fixRenumber: 'Renumber the items from {0} on ({1} numbers change), and every reference to them',
  guidelineChapter: 'Standards "{0}" have no section for {2}, which the model standards of {1} have for this measure.',
  numberingDuplicate: '{0} is numbered twice.',
  numberingOrder: '{0} comes after {1}: the numbers are out of order.',
  numberingGap: '{0} follows {2}: {1} is missing.',
  numberingGapArticle: '{0} follows {2}: {1} is missing (an article taken out stays as "{1}　削除").',
  numberingStart: 'The list starts at {0}, not {1}.',
  numberingForm: '{0} is written differently from the other numbers at its level (such as {1}).',
  orphanSection: 'Standards section "{0}" is not linked to any measure of the basic policy.',
  explainHeader: 'Why the links are as they are (--explain):',
  explainMeasure: 'Measure {0} "{1}" (title keys: {2})',
  explainLinked: 'linked from {0}: {1}',
  explainViaExplicit: 'it cites "{0}"',
  explainViaExact: 'its title is the same',
  explainViaLoose: 'its title is the same once folded (key {0})',
  explainViaSynonym: 'its title is another name for the measure (key {0}, from titleSynonyms.json)',
  explainViaJoined: 'its title names this measure among others',
  explainNoStandard: 'no standards section cites it or has its title',
  explainClosest: 'closest standards titles: {0}',
  explainClosestMeasures: 'closest measures: {0}',
  explainCandidate: '{0} (key {1}, {2} characters apart)',
  explainOrphan: '{0} (title keys: {1}) links to no measure',
  explainNone: 'none',
  matrixHidden: 'non-public: {0}',
  matrixHiddenWaiver: 'waived (the reason is in a non-public document)',
  leakLink: 'This public document links to "{0}", which is not public (公開区分: 非公開, or a 実施手順): its name and place are then public too.',
  leakQuote: 'This sentence of a public document is also in "{0}", which is not public (公開区分: 非公開, or a 実施手順).',
  noMeasures: 'No measures were found in this basic policy: it has no section titled "{0}" that lists numbered items, so no measure can be checked against the standards. Nearest candidates: {1}. Name the section with the "measuresSection" setting if it has another title.',
  noMeasuresNoCandidate: 'No measures were found in this basic policy: it has no section titled "{0}" that lists numbered items, and no heading or article mentions 対策, so no measure can be checked against the standards. Name the section with the "measuresSection" setting if it has another title.',
  orphanProcedure: 'Procedure "{0}" is not linked to any standards section or measure.',
  inferredLink: 'Heading "{0}" was linked to basic policy {1} "{2}" by its title. Write the basis line explicitly.',
  fixInsertBasis: 'Insert basis line "{0}"',
  fixReplaceReference: 'Replace with "{0}"',
  relatedMeasure: 'basic policy {0} "{1}"',
  relatedStandard: 'standards {0}',
  relatedTarget: 'target',
  prhMissing: 'The prh dictionary "{0}" does not exist.',
  configOutside: '"{0}" reaches outside the folder (an absolute path or ..): it is not read. Name files inside the folder.',
  untrustedPattern: 'The regular expression {0} is not used: this workspace is not trusted. Trust the workspace to use it.',
  analysisFailed: 'This document could not be analysed ({0}); the rest of the set is checked without it. Please report this with the document, if you can share it.',
  analysingTitle: 'Policy Trace: analysing documents',
  analysingCount: '{0} of {1} documents',
  tooLargeToRead: 'This document is longer than {0} characters: it is not checked. Split it into documents of the policy, its standards and its procedures to have it checked.',
  tooLargeForTerms: 'This document is longer than {0} characters: its structure and links are checked, its defined terms and their uses are not. Split it to have its terms checked too.',
  nestedTooDeep: 'Lists or quotes nested more than {0} deep were read as plain lines, not Markdown: the Markdown parser takes too long on them. Nest less deeply to have them read as Markdown.',
  markupTooDense: 'A paragraph with more inline markup (*, _, `, [, <) than the Markdown parser can take in time was read as plain lines, not Markdown. Split it with blank lines, or close what it opens, to have it read as Markdown.',
  globUnmatched: 'The glob "{0}" matches no file of the folder.',
  notUtf8: 'This file is not UTF-8: it was read as {0}. Its findings are right, but quick fixes and renames do not write into it while it is closed. Save it as UTF-8 to edit it here.',
  badPublicity: 'Unknown 公開区分 "{0}". Use 公開 (public) or 非公開 (private).',
  badTier: 'Unknown tier "{0}". Use 基本方針 (policy), 対策基準 (standard) or 実施手順 (procedure).',
  badFrontMatter: 'The front matter is not valid YAML: {0}',
  badBasis: 'The basis (根拠) must be a string or a list of strings.',
  badConfig: 'Invalid configuration file: {0}',
  unknownDocTitle: '(untitled)',
  hoverMeasure: 'Basic policy {0} "{1}"',
  hoverStandards: '{0} standards',
  hoverProcedures: '{0} procedures',
  hoverWaived: 'waived',
  hoverNoStandard: 'no standards',
  hoverNoProcedure: 'no procedures',
  hoverImplements: 'Implements',
  hoverImplementedBy: 'Implemented by',
  hoverNone: 'none',
  hoverReason: 'Reason: {0}',
  statusCovered: 'covered',
  statusMissingStandard: 'no standards',
  statusMissingProcedure: 'no procedures',
  statusWaived: 'waived',
  coverageHeader: 'measure\ttitle\tstandards\tprocedures\tstatus',
  termVariant: '"{0}" is a variant spelling of the defined term "{1}".',
  fixAllVariants: 'Change every variant spelling in the policy set to its defined term ({0})',
  termUndefined: '"{0}" needs a definition (a term of the model policy or the configured vocabulary), but this policy set does not define it.',
  termUnused: 'The defined term "{0}" is not used anywhere in the policy set.',
  termConflict: '"{0}" is defined more than once, with different meanings.',
  termLongForm: '"{0}" was defined to be abbreviated as "{1}".',
  termBeforeDefinition: '"{0}" is used before this document defines it.',
  relatedDefinition: 'definition of "{0}"',
  termHoverTitle: 'Defined term "{0}"',
  termHoverUses: '{0}: {1}',
  termHoverVariants: 'variant spellings: {0}',
  termHoverAbbreviation: 'short for "{0}"',
  termHoverDefinedIn: '{0} "{1}", line {2}',
  termDefinedIn: '{0} "{1}"',
  termRenameNoTerm: 'There is no defined term at the cursor.',
  termRenameEmpty: 'Enter a new name.',
  termRenameInvalid: 'The new name cannot contain 「」, Markdown or HTML syntax (< > ` | [ ] \\ * _ ~), a line break, a control or invisible character, or spaces at its ends.',
  termRenameCollision: 'Cannot rename to "{0}": it would be the same term as the defined term "{1}".',
  termVariantPrh: '"{0}" is written "{1}" (variant dictionary).',
  badDictionary: 'The variant dictionary (prh) cannot be read: {0}',
  listSeparator: ', ',
  configSyntax: 'JSON syntax error: {0}',
  configUnknownKey: 'Unknown setting "{0}".',
  configEnum: '"{0}" is not allowed. Allowed values: {1}',
  configType: '{0} has the wrong type ({1} expected).',
  configRequired: '{0} is missing the required property "{1}".',
  configOther: '{0}: {1}',
  // navigation: symbols, code lens, basis completion, status
  // matrix: traceability matrix, tree view, export
  matrixTitle: 'Traceability matrix',
  matrixMeasure: 'Measure',
  matrixMeasureTitle: 'Title',
  matrixStandards: 'Standards',
  matrixStandardsCount: 'Standards (count)',
  matrixProcedures: 'Procedures',
  matrixProceduresCount: 'Procedures (count)',
  matrixStatus: 'Status',
  matrixNote: 'Note',
  matrixSet: 'Policy set',
  matrixLocation: 'Location',
  matrixGenerated: 'Generated: {0}',
  matrixSummary: '{0} measures: {1} covered, {2} without procedures, {3} without standards, {4} waived',
  matrixNoMeasures: 'This policy set has no measures (the basic policy\'s measures section was not found).',
  matrixWaiverReason: 'Waived because: {0}',
  matrixLegend: 'Legend',
  matrixLegendCovered: 'standards, and procedures behind them',
  matrixLegendMissingProcedure: 'standards, but no procedure behind them',
  matrixLegendMissingStandard: 'no standards section implements the measure',
  matrixLegendWaived: 'waived (the reason is in the note)',
  cliOutputNeedsMatrix: 'Option "--output" needs "--matrix".',
  cliWriteFailed: 'Cannot write the file "{0}": {1}',
  cliPublicNeedsMatrix: 'Option "--public" needs "--matrix".',
  cliCacheLocationNeedsCache: 'Option "--cache-location" needs "--cache".',
  cliCacheWriteFailed: 'Warning: cannot write the cache file "{0}": {1}',
  cliCacheIsLink: 'The cache location "{0}" is a symbolic link; name a regular file or a folder.',
  cliCacheNotFile: 'The cache location "{0}" is not a regular file (a device, a FIFO or a socket); name a regular file or a folder.',
  cliCacheSystem: 'The cache location "{0}" is on a system file system (/proc, /sys); name a regular file or a folder.',
  // fixes: create section / procedure, fix all
  fixCreateSection: 'Create a standards section: {0} {1}',
  fixCreateProcedure: 'Create a procedure: {0} {1}',
  fixAllTitle: 'Policy Trace: apply all safe fixes',
  summary: '{0}, {1}, {2}, {3} ({4})',
  countError_one: '{0} error',
  countError_other: '{0} errors',
  countWarning_one: '{0} warning',
  countWarning_other: '{0} warnings',
  countInformation_one: '{0} information',
  countInformation_other: '{0} information',
  countHint_one: '{0} hint',
  countHint_other: '{0} hints',
  countDocument_one: '{0} document',
  countDocument_other: '{0} documents',
  cliUsage: 'Usage:\n  policy-trace check [folder…] [options]  check the policy sets; print findings and measure coverage\n  policy-trace lock [folder…]             record every reference between the tiers as reviewed\n                                          (writes policy-trace.lock; see trace/suspect)\n  policy-trace lsp --stdio                start the language server over stdin/stdout\n\nOptions:\n  --format text|json    output format (default: text)\n  --config <file>       configuration file (default: policy-trace.json in each folder)\n  --max-warnings <N>    fail when there are more than N warnings\n  --matrix md|csv|html  write the traceability matrix (to stdout instead of the report when\n                        there is no --output; csv is UTF-8 with a BOM, for Excel)\n  --output <file>       where --matrix writes (the report still goes to stdout)\n  --cache               reuse the results of files that did not change since the last run\n  --cache-location <path>  the cache file, or a folder for it (default: .policytracecache)\n  --explain             say why each measure is or is not linked, with the title keys compared\n  --public              with --matrix: for publication: non-public documents (実施手順) counted, not named\n  --locale ja|en        language of messages (default: from LC_ALL, LC_MESSAGES, LANG)\n  -h, --help            show this help\n  -v, --version         show the version\n\nExit status: 0 no errors, 1 errors (or too many warnings), 2 bad arguments or configuration, or nothing to check',
  cliUnknownCommand: 'Unknown command "{0}".',
  cliMissingCommand: 'Give a command.',
  cliUnknownOption: 'Unknown option "{0}".',
  cliMissingValue: 'Option "{0}" needs a value.',
  cliBadArguments: 'Invalid arguments: {0}',
  cliOptionNotFor: 'Option "{0}" does not apply to the {1} command.',
  cliExtraArguments: 'The {0} command takes no argument "{1}".',
  cliBadValue: 'Invalid value "{1}" for option "{0}". Use one of: {2}.',
  cliBadMaxWarnings: 'Option "--max-warnings" needs a non-negative integer (got "{0}").',
  cliNoFolder: 'Folder "{0}" does not exist.',
  cliNotFolder: '"{0}" is not a folder.',
  cliNoConfig: 'Configuration file "{0}" does not exist.',
  cliLockWritten: '{0}: {1} references recorded as reviewed ({2} changed, {3} new, {4} no longer there).',
  cliLockUnchanged: '{0}: already up to date ({1} references recorded as reviewed).',
  cliLockNoLinks: '{0}: no document cites a section of the tier above it (根拠: lines, or references such as 基本方針 6(1) in the text), so there is nothing to record: trace/suspect watches written references only.',
  cliLockNothing: 'Nothing was recorded: no document in "{0}" belongs to a policy set.',
  recordQuestion: 'Record {0} references as reviewed in policy-trace.lock? {1} of them point to text that changed since they were last reviewed, and {2} were not recorded yet: they stop being reported as suspect.',
  cliConfigFailed: 'Stopped: the configuration file "{0}" is invalid.',
  cliNoMarkdown: 'Nothing was checked: no Markdown file was found in "{0}" (README.md and CHANGELOG.md are left out, and the "include" and "exclude" settings apply).',
  cliNothingJoined: 'Nothing was checked: none of the {0} Markdown files in "{1}" belongs to a policy set. A file joins when its front matter says 種別: 基本方針, 対策基準 or 実施手順, when its title or its path names one of them, or when the "tiers" setting matches it.',
  cliRefusedOutside: 'Not read: {0} leads outside the folder (a symbolic link).',
  cliRefusedSpecial: 'Not read: {0} is not a regular file (a FIFO, a device or a socket).',
  cliRefusedUnreadable: 'Not read: {0} cannot be read (permissions?).',
  cliSkippedBinary: 'Skipped {0}: it is not text (a binary file).',
  cliNoTier: 'no tier in its front matter, its title ("{0}") or its path',
  cliTooManyWarnings_one: '{0} warning exceeds the limit (--max-warnings {1}).',
  cliTooManyWarnings_other: '{0} warnings exceed the limit (--max-warnings {1}).',
  cliCoverageOf: 'Measure coverage: {0}',
  cliFailed: 'The check failed: {0}',
} as const;

export type MessageId = keyof typeof en;

export const MESSAGE_IDS = Object.keys(en) as MessageId[];

/** Where one English text stands for two meanings, the bundle key carries a comment (message/comment). */
const COMMENTS: Partial<Record<MessageId, string>> = { termHoverUses: 'uses per tier' };

export function bundleKey(id: MessageId): string {
  const comment = COMMENTS[id];
  return comment ? `${en[id]}/${comment}` : en[id];
}

const japanese = bundle as Record<string, string>;
const ja = Object.fromEntries(MESSAGE_IDS.map((id) => [id, japanese[bundleKey(id)] ?? en[id]])) as Record<MessageId, string>;


export type Messages = (id: MessageId, ...args: (string | number)[]) => string;

export function listOf(msg: Messages, items: string[]): string {
  return items.join(msg('listSeparator'));
}

/** Picks the table for a client locale: Japanese unless the locale is English. */
export function messagesFor(locale: string | undefined): Messages {
  const table: Record<MessageId, string> = resolveLocale(locale) === 'en' ? en : ja;
  return (id, ...args) => table[id].replace(/\{(\d+)\}/g, (_, n) => String(args[Number(n)] ?? ''));
}

export function resolveLocale(locale: string | undefined): Locale {
  return locale && /^en(?:[-_.@]|$)/i.test(locale) ? 'en' : 'ja';
}

export function tierName(msg: Messages, tier: Tier): string {
  return msg(`tier_${tier}`);
}
