// When two section titles name the same measure. Real standards rename their chapters
// (組織・体制, 情報資産の分類及び管理方法, 強靭性), so matching is by key, never by raw text.

import { foldText } from './fold';
import { Memo } from '../memo';
import synonymData from './titleSynonyms.json';

/** Width and white space folded: two titles with the same exact key are the same title. */
export function exactTitleKey(title: string): string {
  const folded = foldText(title);
  return /\s/.test(folded) ? folded.replace(/\s+/g, '') : folded;
}

const VARIANT_KANJI: Record<string, string> = { '靱': '靭', '强': '強' };

const looseKeys = new Memo<string>(100_000);

/**
 * The loose key: also ignores variant kanji, conjunctions, bracketed asides, a trailing 方法/等/対策,
 * and 情報 before セキュリティ (人的情報セキュリティ対策 is 人的セキュリティ).
 */
export function looseTitleKey(title: string): string {
  return looseKeys.get(title, computeLooseKey);
}

function computeLooseKey(title: string): string {
  let s = exactTitleKey(title);
  s = s.replace(/[靱强]/g, (c) => VARIANT_KANJI[c]);
  // An aside holds no opening bracket: each scan stops at the next one (linear on （（（…).
  s = s.replace(/[（(［\[【〔][^（(［\[【〔）)］\]】〕]*[）)］\]】〕]/g, '');
  s = s.replace(/及び|および|並びに|ならびに|又は|または|若しくは|もしくは|[と・、,，/／]/g, '');
  s = s.replace(/(方法|等|対策)+$/u, '');
  s = s.replace(/情報セキュリティ/g, 'セキュリティ');
  // 物理的セキュリティの整備, 運用面の対策, 運用面におけるセキュリティ対策: the measure and a verb or aspect.
  s = s.replace(/(?:の(?:整備|確保|実施|強化|推進)|に関する事項)$/u, '');
  const aspect = /^(.{2,})面(?:の|における|に係る)?(?:セキュリティ)?$/u.exec(s);
  return aspect ? aspect[1] : s;
}

/** Loose keys of the titles real standards use for a model measure → the loose key of the measure's title. */
const SYNONYMS = new Map<string, string>(Object.entries(synonymData.synonyms as Record<string, string[]>)
  .flatMap(([model, others]) => others.map((o) => [looseTitleKey(o), looseTitleKey(model)] as [string, string])));

/**
 * The measure a chapter title stands for when it uses another word for it (管理体制 for 組織体制,
 * 外部委託 for 業務委託と外部サービスの利用): a loose key, mapped through titleSynonyms.json.
 */
export function synonymTitleKey(title: string): string {
  const loose = looseTitleKey(title);
  return SYNONYMS.get(loose) ?? loose;
}

/** The first sentence of a text, for hovers: up to and including the first 。 */
export function firstSentence(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim();
  // The 。 that ends a sentence, not one inside brackets: （以下「職員等」という。）は、…
  let stop = -1;
  let depth = 0;
  for (let i = 0; i < t.length && stop < 0; i++) {
    const c = t[i];
    if (c === '（' || c === '(' || c === '「' || c === '『') depth++;
    else if ((c === '）' || c === ')' || c === '」' || c === '』') && depth > 0) depth--;
    else if (c === '。' && depth === 0) stop = i;
  }
  const s = stop >= 0 ? t.slice(0, stop + 1) : t;
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
