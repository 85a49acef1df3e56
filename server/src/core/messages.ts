// Every user-visible sentence of the core, in Japanese and English. Japanese is the default.

import type { Locale, Tier } from './types';

const ja = {
  tier_policy: '基本方針',
  tier_standard: '対策基準',
  tier_procedure: '実施手順',
  missingStandard: '措置 {0}「{1}」を実施する対策基準がありません。',
  missingStandardSub: '措置 {0}「{1}」を実施する対策基準がありません（同じ措置の他の項目には対策基準があります）。',
  missingProcedure: '措置 {0}「{1}」には対策基準がありますが、それに基づく実施手順がありません。',
  unresolved: '参照先「{0}」が{1}に見つかりません。',
  unresolvedNoDoc: '参照先「{0}」を解決できません: この文書群に{1}がありません。',
  didYouMean: 'もしかして: {0}',
  orphanSection: '対策基準の「{0}」は基本方針のどの措置にも紐付いていません。',
  orphanProcedure: '実施手順「{0}」は対策基準・基本方針のどこにも紐付いていません。',
  inferredLink: '見出し「{0}」を表題から基本方針 {1}「{2}」に紐付けました。根拠行を明記してください。',
  fixInsertBasis: '根拠行「{0}」を挿入',
  fixReplaceReference: '「{0}」に置き換える',
  relatedMeasure: '基本方針 {0}「{1}」',
  relatedStandard: '対策基準 {0}',
  relatedTarget: '参照先',
  badTier: '種別「{0}」は不明です。基本方針・対策基準・実施手順のいずれかを指定してください。',
  badFrontMatter: 'フロントマターの YAML を読めません: {0}',
  badBasis: '根拠は文字列または文字列のリストで指定してください。',
  badConfig: '設定ファイルが不正です: {0}',
  unknownDocTitle: '(無題)',
  hoverMeasure: '基本方針 {0}「{1}」',
  hoverStandards: '対策基準 {0}件',
  hoverProcedures: '実施手順 {0}件',
  hoverWaived: '適用除外',
  hoverNoStandard: '対策基準なし',
  hoverNoProcedure: '実施手順なし',
  hoverImplements: '実施する措置',
  hoverImplementedBy: 'これに基づく文書',
  hoverNone: 'なし',
  hoverReason: '理由: {0}',
  statusCovered: '充足',
  statusMissingStandard: '対策基準なし',
  statusMissingProcedure: '実施手順なし',
  statusWaived: '適用除外',
  coverageHeader: '措置\t表題\t対策基準\t実施手順\t状態',
  summary: '{0} 件のエラー、{1} 件の警告、{2} 件の情報、{3} 件のヒント（{4} 文書）',
} as const;

export type MessageId = keyof typeof ja;

const en: Record<MessageId, string> = {
  tier_policy: 'basic policy',
  tier_standard: 'standards',
  tier_procedure: 'procedures',
  missingStandard: 'No standards section implements measure {0} "{1}".',
  missingStandardSub: 'No standards section implements measure {0} "{1}" (other items of the same measure have standards).',
  missingProcedure: 'Measure {0} "{1}" has standards, but no procedure stands behind them.',
  unresolved: 'Reference "{0}" was not found in the {1}.',
  unresolvedNoDoc: 'Reference "{0}" cannot be resolved: this policy set has no {1} document.',
  didYouMean: 'Did you mean: {0}',
  orphanSection: 'Standards section "{0}" is not linked to any measure of the basic policy.',
  orphanProcedure: 'Procedure "{0}" is not linked to any standards section or measure.',
  inferredLink: 'Heading "{0}" was linked to basic policy {1} "{2}" by its title. Write the basis line explicitly.',
  fixInsertBasis: 'Insert basis line "{0}"',
  fixReplaceReference: 'Replace with "{0}"',
  relatedMeasure: 'basic policy {0} "{1}"',
  relatedStandard: 'standards {0}',
  relatedTarget: 'target',
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
  summary: '{0} errors, {1} warnings, {2} information, {3} hints ({4} documents)',
};

export type Messages = (id: MessageId, ...args: (string | number)[]) => string;

/** Picks the table for a client locale: Japanese unless the locale is English. */
export function messagesFor(locale: string | undefined): Messages {
  const table: Record<MessageId, string> = resolveLocale(locale) === 'en' ? en : ja;
  return (id, ...args) => table[id].replace(/\{(\d+)\}/g, (_, n) => String(args[Number(n)] ?? ''));
}

export function resolveLocale(locale: string | undefined): Locale {
  return locale && /^en\b/i.test(locale) ? 'en' : 'ja';
}

export function tierName(msg: Messages, tier: Tier): string {
  return msg(`tier_${tier}`);
}
