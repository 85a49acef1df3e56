// Which tier a document belongs to, when its front matter does not say: its title, then its path.

import type { Tier } from '../types';
import { foldText } from '../text/fold';

const TIER_WORDS: Record<string, Tier> = {
  基本方針: 'policy', 方針: 'policy', policy: 'policy',
  対策基準: 'standard', 基準: 'standard', standard: 'standard', standards: 'standard',
  実施手順: 'procedure', 手順: 'procedure', procedure: 'procedure', procedures: 'procedure',
};

/** Each tier as front matter and references write it (種別: 対策基準, 根拠: 基本方針 6(1)). */
export const TIER_NAME: Record<Tier, string> = { policy: '基本方針', standard: '対策基準', procedure: '実施手順' };

/** Parses a front matter value (種別: 対策基準, kind: standard). */
export function tierFromWord(value: string): Tier | undefined {
  return TIER_WORDS[foldText(value).trim().toLowerCase()];
}

/**
 * The tier a title names; the most specific name wins (対策基準 before 基本方針 in 基本方針に基づく対策基準).
 * An edition or date after the name (…マニュアル（第２版）, …要領（令和6年4月改定）) is not part of it.
 */
export function tierFromTitle(title: string): Tier | undefined {
  const t = withoutTrailingAsides(foldText(title).replace(/^[○〇◯]\s*/u, ''));
  if (/実施手順|手順書|手順$|要領$|マニュアル$/.test(t)) return 'procedure';
  if (/対策基準/.test(t)) return 'standard';
  if (/基本方針/.test(t)) return 'policy';
  // One 情報セキュリティポリシー holds the basic policy (and often the standards, in parts).
  if (/情報セキュリティー?ポリシー/.test(t)) return 'policy';
  return undefined;
}

/** `…マニュアル（第２版）（改）` → `…マニュアル`: up to three bracketed asides at the end, each found in one step. */
function withoutTrailingAsides(title: string): string {
  let s = title.trim();
  for (let i = 0; i < 3 && /[)\]]$/u.test(s); i++) {
    const open = Math.max(s.lastIndexOf('('), s.lastIndexOf('['));
    if (open < 0) break;
    s = s.slice(0, open).trimEnd();
  }
  return s;
}

/** The tier a relative path names: a file or any folder on the way (実施手順/バックアップ.md). */
export function tierFromPath(path: string): Tier | undefined {
  const t = foldText(path).toLowerCase();
  if (/実施手順|手順|procedure|tejun/.test(t)) return 'procedure';
  if (/対策基準|standard|kijun/.test(t)) return 'standard';
  if (/基本方針|policy|kihon/.test(t)) return 'policy';
  return undefined;
}
