// Writes deterministic, realistic Japanese policy sets of about the given size in UTF-8 bytes
// (about 20 KB a file on average, as real sets are: 10 MB is some 500 files): a basic policy
// with a 定義 section and nine measures, standards files (numbered or 章/節/条, numbered on from
// file to file, 根拠 lines, tables, lists, inline definitions, spelling variants) and procedures
// that cite them. Same seed, same bytes.
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

function policy(name) {
  const lines = ['---', '種別: 基本方針', '---', `# ${name}情報セキュリティ基本方針`, '', '## 1 目的', '',
    `本基本方針は、${name}が保有する情報資産の機密性、完全性及び可用性を維持するため、基本的な事項を定める。`, '', '## 2 定義', ''];
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

/**
 * One volume (編) of the standards, as a standards document split into files numbers it: numbered
 * volumes carry the volume in their IDs (12.3.1 is section 1 of chapter 3 of volume 12), and
 * articles run on from volume to volume, so a procedure's 対策基準 12.3.1 names one section.
 * `numbers` carries the article count and the measure cycle across volumes and collects the IDs
 * procedures may cite.
 */
function standards(index, target, rnd, numbers) {
  const article = index % 3 === 2;
  const volume = index + 1;
  const lines = ['---', '種別: 対策基準', '---', `# 情報セキュリティ対策基準 第${volume}編`, ''];
  for (let chapter = 1; Buffer.byteLength(lines.join('\n')) < target; chapter++) {
    const m = numbers.chapters++ % MEASURES.length;
    lines.push(article ? `## 第${chapter}章　${CHAPTER_TITLES[m]}` : `## ${volume}.${chapter} ${CHAPTER_TITLES[m]}`, '');
    if (rnd() < 0.6) lines.push(`根拠: 基本方針 6(${m + 1})`, '');
    for (let s = 1; s <= 4; s++) {
      if (article) {
        const articleNo = ++numbers.article;
        lines.push(`（第${s}の事項）`, `第${articleNo}条　${sentence(rnd)}`);
        numbers.ids.push(`第${articleNo}条`);
        lines.push(`2　${sentence(rnd)}`, '');
      } else {
        const id = `${volume}.${chapter}.${s}`;
        lines.push(`### ${id} 第${s}の事項`, '');
        numbers.ids.push(id);
        for (let k = 1; k <= 3; k++) lines.push(`(${k}) ${sentence(rnd)}`, '');
        if (rnd() < 0.2) lines.push('| 区分 | 内容 |', '| --- | --- |', `| 重要 | ${sentence(rnd)} |`, `| 一般 | ${sentence(rnd)} |`, '');
        if (rnd() < 0.2) lines.push(`- ${sentence(rnd)}`, `- ${sentence(rnd)}`, '');
        if (rnd() < 0.05) lines.push(`担当者（以下「担当${id}」という。）を置く。`, '');
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

/** A set grows to this size; a larger corpus holds several sets, as a shared repository does. */
const SET_BYTES = 10_000_000;

/**
 * Writes the corpus into `dir`; returns the file count and the total size in bytes. Up to 10 MB
 * it is one policy set; above, one folder per municipality, each a whole set of up to 10 MB, and
 * a policy-trace.json that declares them. The first standards file is the large one
 * (`largeSize`) the keystroke benchmark edits.
 */
export function generate(dir, targetBytes, { largeSize = 200_000, standardsSize = 40_000, seed = 1 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const rnd = random(seed);
  const count = Math.max(1, Math.ceil(targetBytes / SET_BYTES));
  const out = { files: 0, bytes: 0 };
  const folders = [];
  for (let k = 0; k < count; k++) {
    const folder = count === 1 ? '' : `自治体${String(k + 1).padStart(2, '0')}`;
    const name = count === 1 ? '架空町' : `架空${k + 1}町`;
    // Each set takes its share of what is left, so the corpus ends close to the size asked for.
    const target = (targetBytes - out.bytes) / (count - k);
    writeSet(join(dir, folder), name, target, k === 0 ? largeSize : standardsSize, standardsSize, rnd, out);
    folders.push(folder);
  }
  if (count > 1) {
    const config = JSON.stringify({ sets: folders.map((f) => ({ name: f, include: [`${f}/**/*.md`] })) }, null, 2) + '\n';
    writeFileSync(join(dir, 'policy-trace.json'), config);
  }
  return out;
}

function writeSet(dir, name, targetBytes, firstSize, standardsSize, rnd, out) {
  mkdirSync(join(dir, '基準'), { recursive: true });
  mkdirSync(join(dir, '手順'), { recursive: true });
  let total = 0;
  const write = (path, text) => {
    writeFileSync(join(dir, path), text);
    const bytes = Buffer.byteLength(text);
    total += bytes;
    out.bytes += bytes;
    out.files++;
  };
  write('基本方針.md', policy(name));
  // Standards take about 40 % of a set, procedures (about 10 KB each) the rest.
  const standardsCount = Math.max(1, Math.round((targetBytes * 0.4 - firstSize) / standardsSize) + 1);
  const numbers = { chapters: 0, article: 0, ids: [] };
  for (let i = 0; i < standardsCount; i++) {
    write(`基準/対策基準${String(i + 1).padStart(3, '0')}.md`, standards(i, i === 0 ? firstSize : standardsSize, rnd, numbers));
  }
  for (let i = 0; total < targetBytes; i++) write(`手順/手順${String(i + 1).padStart(5, '0')}.md`, procedure(i, numbers.ids, rnd));
}
