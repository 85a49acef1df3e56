// Writes a deterministic, realistic Japanese policy set of about the given size in UTF-8 bytes
// (about 20 KB a file on average, as real sets are: 10 MB is some 500 files): a basic policy
// with a 定義 section and nine measures, standards files (numbered or 章/節/条, 根拠 lines, tables,
// lists, inline definitions, spelling variants) and procedures. Same seed, same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MEASURES = ['組織体制', '情報資産の分類と管理', '情報システム全体の強靱性の向上', '物理的セキュリティ', '人的セキュリティ',
  '技術的セキュリティ', '運用', '業務委託と外部サービス（クラウドサービス）の利用', '評価・見直し'];
const CHAPTER_TITLES = ['組織体制', '情報資産の分類及び管理', '情報システム全体の強靭性の向上', '物理的セキュリティ', '人的セキュリティ',
  '技術的セキュリティ', '運用', '業務委託と外部サービスの利用', '評価及び見直し'];
export const TERMS = [
  ['ネットワーク', 'コンピュータ等を相互に接続するための通信網及びその構成機器をいう。', 'ﾈｯﾄﾜｰｸ'],
  ['情報システム', 'コンピュータ、ネットワーク及び電磁的記録媒体で構成され、情報処理を行う仕組みをいう。', '情報ｼｽﾃﾑ'],
  ['情報セキュリティ', '情報資産の機密性、完全性及び可用性を維持することをいう。', '情報セキュリティー'],
  ['情報セキュリティポリシー', '基本方針及び対策基準をいう。', '情報セキュリティーポリシー'],
  ['機密性', '認められた者だけが情報にアクセスできる状態を確保することをいう。', '機密性'],
  ['完全性', '情報が破壊、改ざん又は消去されていない状態を確保することをいう。', '完全性'],
  ['可用性', '必要なときに情報にアクセスできる状態を確保することをいう。', '可用性'],
  ['インターネット接続系', 'インターネットに接続された情報システム及びデータをいう。', 'インターネット接続系'],
  ['通信経路の分割', '両環境間の通信環境を分離することをいう。', '通信経路の分割'],
  ['サーバ', '業務用の情報システムの処理を担う機器をいう。', 'サーバー'],
  ['電磁的記録媒体', '電磁的方式により情報を記録する媒体をいう。', '電磁的記録媒体'],
  ['管理区域', '入退室を制限する区域をいう。', '管理区域'],
];
const SENTENCES = [
  '{t}の管理者は、{u}の状況を定期的に確認し、その結果を記録しなければならない。',
  '職員等は、{t}を業務以外の目的で利用してはならない。',
  '{t}に関する手順は、実施手順として別に定めるものとする。',
  '情報システム管理者は、{t}及び{u}の設定を変更する場合は、事前に承認を得なければならない。',
  '統括情報セキュリティ責任者は、{t}の運用状況を年一回以上点検するものとする。',
  '{t}の障害が発生した場合は、速やかにCSIRTへ報告し、その指示に従わなければならない。',
];

/** A small seeded generator (mulberry32), so that a size gives the same corpus every time. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function policy() {
  const lines = ['---', '種別: 基本方針', '---', '# 架空町情報セキュリティ基本方針', '', '## 1 目的', '',
    '本基本方針は、架空町が保有する情報資産の機密性、完全性及び可用性を維持するため、基本的な事項を定める。', '', '## 2 定義', ''];
  TERMS.forEach(([term, def], i) => lines.push(`(${i + 1}) ${term}　${def}`, ''));
  lines.push('## 5 職員等の遵守義務', '', '職員、会計年度任用職員等（以下「職員等」という。）は、情報セキュリティポリシーを遵守しなければならない。', '');
  lines.push('## 6 情報セキュリティ対策', '', '次の情報セキュリティ対策を講じる。', '');
  MEASURES.forEach((m, i) => lines.push(`### (${i + 1}) ${m}`, '', `${m}について必要な対策を講じる。`, ''));
  return lines.join('\n');
}

function sentence(rnd) {
  const pick = () => {
    const [term, , variant] = TERMS[Math.floor(rnd() * TERMS.length)];
    return rnd() < 0.03 ? variant : term;
  };
  return SENTENCES[Math.floor(rnd() * SENTENCES.length)].replace('{t}', pick()).replace('{u}', pick());
}

function standards(index, target, rnd) {
  const article = index % 3 === 2;
  const lines = ['---', '種別: 対策基準', '---', `# 情報セキュリティ対策基準 第${index + 1}編`, ''];
  let chapter = 0;
  let articleNo = 0;
  while (Buffer.byteLength(lines.join('\n')) < target) {
    const m = chapter % MEASURES.length;
    chapter++;
    lines.push(article ? `## 第${chapter}章　${CHAPTER_TITLES[m]}` : `## ${chapter} ${CHAPTER_TITLES[m]}`, '');
    if (rnd() < 0.6) lines.push(`根拠: 基本方針 6(${m + 1})`, '');
    for (let s = 1; s <= 4; s++) {
      if (article) {
        articleNo++;
        lines.push(`（第${s}の事項）`, `第${articleNo}条　${sentence(rnd)}`);
        lines.push(`2　${sentence(rnd)}`, '');
      } else {
        lines.push(`### ${chapter}.${s} 第${s}の事項`, '');
        for (let k = 1; k <= 3; k++) lines.push(`(${k}) ${sentence(rnd)}`, '');
        if (rnd() < 0.2) lines.push('| 区分 | 内容 |', '| --- | --- |', `| 重要 | ${sentence(rnd)} |`, `| 一般 | ${sentence(rnd)} |`, '');
        if (rnd() < 0.2) lines.push(`- ${sentence(rnd)}`, `- ${sentence(rnd)}`, '');
        if (rnd() < 0.05) lines.push(`担当者（以下「担当${chapter}-${s}」という。）を置く。`, '');
      }
    }
  }
  return lines.join('\n');
}

function procedure(index, standardsIds, rnd) {
  const target = standardsIds[Math.floor(rnd() * standardsIds.length)];
  const lines = ['---', '種別: 実施手順', `根拠: [対策基準 ${target}]`, '---', `# 実施手順 ${index + 1}`, ''];
  for (let s = 1; s <= 8; s++) {
    lines.push(`## ${s} 手順`, '');
    for (let k = 1; k <= 8; k++) lines.push(`${k}. ${sentence(rnd)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Writes the corpus into `dir`; returns the file count and the total size in bytes. The first
 * standards file is the large one (`largeSize`) the keystroke benchmark edits.
 */
export function generate(dir, targetBytes, { largeSize = 200_000, standardsSize = 40_000, seed = 1 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '基準'), { recursive: true });
  mkdirSync(join(dir, '手順'), { recursive: true });
  const rnd = random(seed);
  let total = 0;
  let files = 0;
  const write = (path, text) => { writeFileSync(join(dir, path), text); total += Buffer.byteLength(text); files++; };
  write('基本方針.md', policy());
  // Standards take about 60 % of the corpus, procedures (about 10 KB each) the rest.
  const standardsCount = Math.max(1, Math.round((targetBytes * 0.6 - largeSize) / standardsSize) + 1);
  for (let i = 0; i < standardsCount; i++) {
    write(`基準/対策基準${String(i + 1).padStart(3, '0')}.md`, standards(i, i === 0 ? largeSize : standardsSize, rnd));
  }
  const ids = ['1.1', '1.2', '2.1', '3.1', '4.2', '5.3', '第1条', '第5条'];
  for (let i = 0; total < targetBytes; i++) write(`手順/手順${String(i + 1).padStart(5, '0')}.md`, procedure(i, ids, rnd));
  return { files, bytes: total };
}
