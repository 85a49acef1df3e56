// Writes deterministic Japanese policy sets of about the given size in UTF-8 bytes, in one of two
// modes (MODES). Same seed, same bytes.
//
// Plain (the default, and byte for byte the corpus of the bench runs before the realistic mode):
// about 20 KB a file on average, as real sets are (10 MB is some 800 files): a basic policy with a
// 定義 section and nine measures, standards files (numbered or 章/節/条, numbered on from file to
// file, 根拠 lines, tables, lists, inline definitions, spelling variants) and procedures that cite
// them. No inline markup at all: the checker reads nearly all of it by its plain-chunk fast path
// (server/src/core/parse/simpleChunk.ts), without the Markdown parser.
//
// Realistic: the same tiers, IDs, 根拠 lines, terms and variants, written as users write them, so
// that the Markdown parser is measured too: front matter with 版 and 施行日 on half the files, a
// table of document data under each title, relative links to sections that exist (with the
// anchors GitHub and VS Code make), bold, emphasis, code spans, lists nesting two or three levels,
// notes in block quotes, revision comments, tables of 3 to 5 columns with markup in their cells,
// full-width digits and half-width kana here and there. Its sentences recur about as seldom as in
// real sets: the rules of the standards vary in who, what, how often and where, and procedures
// write steps of their own (who does what, with which form, by when), one in twenty of them
// repeating word for word a sentence of the standards section the procedure rests on.
// Measured by describeCorpus on the 10 MB corpus of seed 1 (of its bytes): 15 % table rows, 62 %
// list items (procedures are numbered steps), 18 % paragraphs, 2 % block quotes, 1.4 % headings;
// 60 % in lines with a link (2.7 links a KB); every paragraph, list item and quote carries a
// link, bold, emphasis or a code span (all but the policy's 定義 items; 根拠 lines and captions
// are not counted); every fifth file has CRLF line endings; one 1.5 MB standards volume in each
// set of 5 MB or more, besides the 200 KB first standards file the keystroke benchmark edits, as
// full of links and tables as the rest. (Plain,
// for comparison: 3 % table rows, 60 % list items, no links, markup, quotes or CRLF.)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** The two corpora the bench can generate side by side: options for `generate`, by name. */
export const MODES = { plain: { realistic: false }, realistic: { realistic: true } };

/**
 * Writes the corpus into `dir`; returns the file count and the total size in bytes. Up to 10 MB
 * it is one policy set; above, one folder per municipality, each a whole set of up to 10 MB, and
 * a policy-trace.json that declares them. The first standards file is the large one
 * (`largeSize`) the keystroke benchmark edits. `realistic` writes documents as users write them
 * (see the top of this file); `hugeSize` is then the one standards volume of a set of 5 MB or more
 * that is far larger than the rest.
 */
export function generate(dir, targetBytes, { largeSize = 200_000, standardsSize = 40_000, seed = 1, realistic = false, hugeSize = 1_500_000 } = {}) {
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
    const firstSize = k === 0 ? largeSize : standardsSize;
    if (realistic) writeRealisticSet(join(dir, folder), name, target, { firstSize, standardsSize, hugeSize: target >= HUGE_FROM ? hugeSize : 0 }, rnd, out);
    else writeSet(join(dir, folder), name, target, firstSize, standardsSize, rnd, out);
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

// ---------------------------------------------------------------------------------------------
// The realistic mode. Plain mode stays as it was (its bytes are the baseline of earlier bench
// runs); what follows draws from the same seed but in its own order.

/** A set at least this large holds one huge standards volume (`hugeSize`). */
const HUGE_FROM = 5_000_000;

/** Sentences that carry the markup and mixed widths of real documents; `filled` fills their blanks. */
const RICH_SENTENCES = [
  '{t}の設定値（{code}）は、{role}の承認を得ずに変更してはならない。',
  'CSIRTは、{t}に関する情報セキュリティインシデントの報告を受けたときは、直ちに影響範囲を確認し、{office}に伝えるものとする。',
  'LGWAN回線に接続する{t}のアドレスは、{ip} の範囲に限り、{role}が管理するものとする。',
  '{role}は、{t}のﾊﾟｽﾜｰﾄﾞを{n}文字以上とし、他の職員等に知らせてはならない。',
  '{topic}のためVPNを経由して{t}に接続する場合は、多要素認証を用いなければならない。',
  '{role}は、{t}のﾛｸﾞを９０日以上保存し、{period}点検しなければならない。',
  '{t}の構成は、{code} に記録し、{role}が変更の都度更新するものとする。',
];
const SETTINGS = ['policy-trace.json', 'MaxPasswordAge=90', 'LockoutThreshold=5', 'ScreenSaverTimeout=600', 'sshd_config', 'PermitRootLogin no', 'backup.conf'];
const IP_RANGES = ['192.168.10.0/24', '10.20.0.0/16', '172.16.5.0/24', '10.1.1.0/28'];
const ROLES = ['情報システム管理者', '情報セキュリティ管理者', '統括情報セキュリティ責任者', '情報システム担当者', '所属長'];
const OFFICES = ['情報政策課', '総務課情報管理係', 'デジタル推進室', '情報システム課'];
const PERIODS = ['毎日', '毎週', '月1回', '四半期ごと', '年1回', '随時'];
const WEB_LINKS = [
  '[NISC](https://www.nisc.go.jp/)',
  '[総務省のガイドライン](https://www.soumu.go.jp/denshijiti/jyouhou_policy/)',
  '[IPA](https://www.ipa.go.jp/security/)',
];
const TOPICS = ['パスワード管理', 'サーバ室入退室管理', 'バックアップ', 'ログ点検', 'USBメモリ等の取扱い', '委託先管理',
  'クラウドサービス利用', 'インシデント対応', '端末の廃棄', 'アクセス権の見直し'];
const STEP_TITLES = ['事前準備', '申請', '承認', '実施', '記録', '報告'];
/**
 * The steps of a procedure say who does what, with which form and by when: their own sentences,
 * not the rules of the standards they rest on (which RESTATED of them repeat word for word).
 */
const STEP_SENTENCES = [
  '{role}は、{t}に関する申請書（様式第{n}号）を受け付け、記載内容を確認する。',
  '申請者は、{t}の利用を開始する日の{n}営業日前までに、所属長の承認を得て申請する。',
  '{role}は、作業の結果を{t}管理台帳に記録し、{period}所属長に報告する。',
  '{t}に関する作業は二名以上で行い、立会者は作業記録に署名する。',
  '{t}の設定を変更した後は、{code} の内容を確認し、変更前の設定を保存しておく。',
  '手順に不明な点がある場合は、{office}に問い合わせる。',
  '{role}は、{t}に異常を認めたときは、作業を中止して直ちにCSIRTに連絡する。',
  '各段階で作成した記録は、{t}の管理区分に従い{n}年間保存する。',
  '{role}は、{period}{t}の一覧を出力し、{u}の状況と照合する。',
  '{role}は、ﾊﾟｽﾜｰﾄﾞの再発行を求められたときは、本人を確認したうえで仮ﾊﾟｽﾜｰﾄﾞを発行する。',
  '{t}のﾛｸﾞは、{n}日分を{code} に従って退避する。',
];
/**
 * The share of a procedure's steps that repeat, word for word, a sentence of the standards section
 * it rests on (one without a link, whose relative address would not hold in the procedure).
 */
const RESTATED = 0.05;
/**
 * The rules of the standards in the realistic mode: who, what, how often and where vary from
 * sentence to sentence, so that a sentence recurs in a set about as seldom as in a real one (from
 * the plain mode's six sentences, the 200 KB standards file repeated 345 sentences of procedures).
 */
const RULE_SENTENCES = [
  '{role}は、{t}の状況を{period}確認し、その結果を記録しなければならない。',
  '{role}は、{topic}に当たり、{t}を{office}の定める目的以外に利用してはならない。',
  '{topic}に係る{t}の具体的な手順は、{role}が実施手順として別に定めるものとする。',
  '{role}は、{t}及び{u}の設定を変更する場合は、事前に承認を得なければならない。',
  '{role}は、{t}の運用状況を{period}点検し、{office}に報告するものとする。',
  '{t}の障害が発生した場合は、{role}は{period}の点検を待たず速やかにCSIRTへ報告しなければならない。',
  '{role}は、{topic}の実施状況を{period}{u}の管理記録と照合しなければならない。',
  '{t}を庁外へ持ち出す場合は、{role}の許可を得て、その記録を{n}年間保存しなければならない。',
];

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
/** 4.1.2 → ４．１．２: some writers type their numbers full width. */
const wide = (s) => s.replace(/[0-9.()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const reiwa = (rnd) => `令和${1 + Math.floor(rnd() * 6)}年${1 + Math.floor(rnd() * 12)}月1日`;

/**
 * Heading anchors as GitHub and VS Code's preview make them: lower case, punctuation (full-width
 * brackets and spaces included) dropped, spaces to hyphens, -1, -2 … for a repeated heading.
 */
function slugger() {
  const seen = new Map();
  return (heading) => {
    const base = heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}-${n}` : base;
  };
}

/**
 * The href from one file of a set to another (and an anchor in it), relative as users write it;
 * files lie at the set's root or one folder down.
 */
function href(from, to, anchor) {
  const hash = anchor ? `#${anchor}` : '';
  if (from === to) return hash;
  const fromDir = from.includes('/') ? from.split('/')[0] : '';
  const [toDir, toFile] = to.includes('/') ? to.split('/') : ['', to];
  if (fromDir === toDir) return `./${toFile}${hash}`;
  return `${fromDir ? '../' : ''}${to}${hash}`;
}

/** Lines with their byte count kept as they come: a 1.5 MB volume must not be joined per chapter. */
class Lines {
  list = [];
  bytes = 0;
  push(...lines) {
    for (const l of lines) { this.list.push(l); this.bytes += Buffer.byteLength(l) + 1; }
  }
  text() { return this.list.join('\n'); }
}

// --- Inline markup -------------------------------------------------------------------------------

/**
 * One sentence with the markup of real text: a citation link, a term in bold, an obligation in
 * emphasis or a code span, at least one of them; `cite()` gives a link that fits the document.
 */
function richSentence(rnd, cite) {
  const template = rnd() < 0.3 ? pick(rnd, RICH_SENTENCES) : pick(rnd, RULE_SENTENCES);
  const { text, marked } = filled(rnd, template, 0.3);
  // A third of the sentences cite something; the rest carry bold, emphasis or code at least.
  if (rnd() < 0.3) return text.replace(/。$/u, `（${cite()}参照）。`);
  if (marked) return text;
  const emphasised = text.replace(/(しなければならない|してはならない|するものとする|ものとする)。$/u, '*$1*。');
  return emphasised !== text ? emphasised : text.replace(/。$/u, `（${cite()}参照）。`);
}

/** One step of a procedure, with the markup of richSentence: a term in bold, a code span or a citation. */
function stepSentence(rnd, cite) {
  const { text, marked } = filled(rnd, pick(rnd, STEP_SENTENCES), 0.4);
  return marked && rnd() >= 0.3 ? text : text.replace(/。$/u, `（${cite()}参照）。`);
}

/**
 * A template with its blanks filled: terms (a variant now and then, the first perhaps in bold, at
 * the share `bold`), settings and addresses as code spans, and who, how often, what, where and
 * how many; `marked` when the text carries bold or code.
 */
function filled(rnd, template, bold) {
  let marked = false;
  const text = template.replace(/\{(\w+)\}/g, (_, key) => {
    if (key === 'code' || key === 'ip') { marked = true; return `\`${pick(rnd, key === 'code' ? SETTINGS : IP_RANGES)}\``; }
    if (key === 'role') return pick(rnd, ROLES);
    if (key === 'period') return pick(rnd, PERIODS);
    if (key === 'topic') return pick(rnd, TOPICS);
    if (key === 'office') return pick(rnd, OFFICES);
    if (key === 'n') return rnd() < 0.5 ? wide(String(1 + Math.floor(rnd() * 9))) : String(1 + Math.floor(rnd() * 9));
    const [term, , variant] = pick(rnd, TERMS);
    const written = rnd() < 0.03 ? variant : term;
    if (!marked && rnd() < bold) { marked = true; return `**${written}**`; }
    return written;
  });
  return { text, marked };
}

function frontMatter(rnd, kind, extra = []) {
  const lines = ['---', `種別: ${kind}`, ...extra];
  if (rnd() < 0.5) lines.push(`版: 第${1 + Math.floor(rnd() * 5)}版`, `施行日: ${reiwa(rnd)}`);
  return [...lines, '---'];
}

/** The table of document data most templates put under the title. */
function documentTable(rnd, name) {
  return ['| 項目 | 内容 |', '| --- | --- |', `| 文書名 | ${name} |`, `| 版数 | 第${1 + Math.floor(rnd() * 5)}版 |`,
    `| 改定日 | ${reiwa(rnd)} |`, `| 所管 | ${pick(rnd, OFFICES)} |`, `| 承認 | **最高情報セキュリティ責任者** |`, ''];
}

function revisionComment(rnd, what) {
  return [`<!-- 改定メモ: ${reiwa(rnd)} ${what}（${pick(rnd, OFFICES)}） -->`, ''];
}

function note(rnd, cite, say = richSentence) {
  return rnd() < 0.5
    ? [`> 注: ${say(rnd, cite)}`, '']
    : ['> **注意**', `> ${say(rnd, cite)}`, `> ${say(rnd, cite)}`, ''];
}

/**
 * A list of `count` items (two to four unless told) nesting two or three levels, bullets and
 * numbers mixed; each level is indented to the content of the item above it, as CommonMark wants.
 */
function nestedList(rnd, cite, topOrdered = rnd() < 0.5, count = 2 + Math.floor(rnd() * 3), say = richSentence) {
  const lines = [];
  const level = (indent, ordered, count, depth) => {
    for (let i = 1; i <= count; i++) {
      const marker = ordered ? `${i}. ` : '- ';
      lines.push(`${indent}${marker}${say(rnd, cite)}`);
      if (depth < 3 && rnd() < (depth === 1 ? 0.5 : 0.3)) level(indent + ' '.repeat(marker.length), !ordered, 2, depth + 1);
    }
  };
  level('', topOrdered, count, 1);
  return [...lines, ''];
}

/** A table of three to five columns with links, bold and code in its cells. */
function markupTable(rnd, cite, say = richSentence) {
  const term = () => pick(rnd, TERMS)[0];
  const shapes = [
    () => ['| 区分 | 対象 | 内容 |', '| --- | --- | --- |',
      ...['**重要**', '一般', '*参考*'].map((k) => `| ${k} | ${term()} | ${say(rnd, cite)} |`)],
    () => ['| 対象 | 担当 | 頻度 | 根拠 |', '| --- | --- | --- | --- |',
      ...[1, 2, 3].map(() => `| **${term()}** | ${pick(rnd, ROLES)} | ${pick(rnd, PERIODS)} | ${cite()} |`)],
    () => ['| 項目 | 対象 | 設定 | 担当 | 備考 |', '| --- | --- | --- | --- | --- |',
      ...[1, 2, 3, 4].map(() => `| ${pick(rnd, TOPICS)} | ${term()} | \`${pick(rnd, SETTINGS)}\` | ${pick(rnd, ROLES)} | ${say(rnd, cite)} |`)],
  ];
  return [...pick(rnd, shapes)(), ''];
}

// --- Citations -----------------------------------------------------------------------------------

/**
 * What one set's documents can link to, so that every link names a section that exists and its
 * anchor is the one the target's heading makes: the policy's measures and 定義, the standards
 * sections written so far (`targets`), the procedures written so far.
 */
function citations(policyAnchors) {
  const targets = [];
  const procedures = [];
  const measure = (from, m, wideDigits = false) => {
    const id = wideDigits ? `６（${wide(String(m + 1))}）` : ` 6(${m + 1})`;
    return `[基本方針${id}](${href(from, '基本方針.md', policyAnchors.measures[m])})`;
  };
  const standard = (from, t) => `[対策基準${t.id.startsWith('第') ? '' : ' '}${t.id}](${href(from, t.path, t.anchor)})`;
  return {
    targets,
    procedures,
    measure,
    standard,
    /** Links a standards section writes: mostly to its own measure, then to other standards and the web. */
    forStandards(from, m, rnd) {
      return () => {
        const r = rnd();
        if (r < 0.35) return measure(from, m, rnd() < 0.1);
        if (r < 0.45) return measure(from, Math.floor(rnd() * MEASURES.length), rnd() < 0.1);
        if (r < 0.75 && targets.length) return standard(from, targets[Math.floor(rnd() * targets.length)]);
        if (r < 0.85) return `[基本方針 2](${href(from, '基本方針.md', policyAnchors.definitions)})`;
        return pick(rnd, WEB_LINKS);
      };
    },
    /** Links a procedure writes: mostly the standards section it rests on, then others. */
    forProcedure(from, own, rnd) {
      return () => {
        const r = rnd();
        if (r < 0.5) return standard(from, own);
        if (r < 0.7) return standard(from, targets[Math.floor(rnd() * targets.length)]);
        if (r < 0.8) return measure(from, Math.floor(rnd() * MEASURES.length), rnd() < 0.1);
        if (r < 0.9 && procedures.length) {
          const p = procedures[Math.floor(rnd() * procedures.length)];
          return `[${p.title}](${href(from, p.path)})`;
        }
        return pick(rnd, WEB_LINKS);
      };
    },
  };
}

// --- Documents -----------------------------------------------------------------------------------

function richPolicy(name, volumes, rnd) {
  const from = '基本方針.md';
  const lines = new Lines();
  lines.push(...frontMatter(rnd, '基本方針'), `# ${name}情報セキュリティ基本方針`, '', ...documentTable(rnd, `${name}情報セキュリティ基本方針`));
  lines.push(...revisionComment(rnd, '第6項の対策を総務省のガイドラインに合わせて改定'));
  lines.push('## 1 目的', '', `本基本方針は、${name}が保有する**情報資産**の機密性、完全性及び可用性を維持するため、基本的な事項を定める。`, '');
  lines.push('## 2 定義', '');
  TERMS.forEach(([term, def], i) => lines.push(`(${i + 1}) ${term}　${def}`, ''));
  lines.push('## 5 職員等の遵守義務', '', '職員、会計年度任用職員等（以下「職員等」という。）は、情報セキュリティポリシーを*遵守しなければならない*。', '');
  lines.push('> 注: 派遣労働者及び委託事業者の従業者にも、契約により同等の義務を課す（[NISC](https://www.nisc.go.jp/)の統一基準を参照）。', '');
  lines.push('## 6 情報セキュリティ対策', '', `次の情報セキュリティ対策を講じる。具体的な遵守事項は、[対策基準](${href(from, '基準/対策基準001.md')})に定める。`, '');
  MEASURES.forEach((m, i) => lines.push(`### (${i + 1}) ${m}`, '', `**${m}**について必要な対策を講じる。`, ''));
  lines.push('## 7 対策基準との対応', '', '| 対策 | 対策基準 | 所管 |', '| --- | --- | --- |');
  MEASURES.forEach((m, i) => {
    const volume = String(1 + (i % volumes)).padStart(3, '0');
    lines.push(`| **${m}** | [第${Number(volume)}編](${href(from, `基準/対策基準${volume}.md`)}) | ${pick(rnd, OFFICES)} |`);
  });
  lines.push('', '## 改定履歴', '', '| 版数 | 改定日 | 内容 |', '| --- | --- | --- |');
  for (let v = 1; v <= 3; v++) lines.push(`| 第${v}版 | ${reiwa(rnd)} | ${v === 1 ? '制定' : '*一部改定*'} |`);
  lines.push('');
  const anchor = slugger();
  const anchors = { definitions: anchor('2 定義'), measures: MEASURES.map((m, i) => anchor(`(${i + 1}) ${m}`)) };
  return { text: lines.text(), anchors };
}

/** The 根拠 line of a chapter, as people write it: plain, as a link, or in full-width digits. */
function basisLine(from, m, rnd, cite, plain) {
  const r = plain ? 0 : rnd();
  if (r < 0.5) return `根拠: 基本方針 6(${m + 1})`;
  if (r < 0.85) return `根拠: ${cite.measure(from, m)}`;
  return `根拠: 基本方針 ６（${wide(String(m + 1))}）`;
}

/**
 * A standards volume as in plain mode (numbered or 章/条, IDs and articles running on across
 * volumes, 根拠 lines on 60 % of chapters; `numbers` carries the count of chapters and articles,
 * `cite.targets` collects the sections procedures may cite), with the markup of richSentence everywhere and tables,
 * nested lists, notes and revision comments between the sections. The first chapter of a volume
 * always has a plain 根拠 line: the keystroke benchmark types into the first one it finds.
 */
function richStandards(index, path, target, rnd, numbers, cite) {
  const article = index % 3 === 2;
  const volume = index + 1;
  const anchor = slugger();
  const name = `情報セキュリティ対策基準 第${volume}編`;
  const lines = new Lines();
  lines.push(...frontMatter(rnd, '対策基準'), `# ${name}`, '', ...documentTable(rnd, name));
  anchor(name);
  if (rnd() < 0.5) lines.push(...revisionComment(rnd, `第${volume}編の構成を見直し`));
  for (let chapter = 1; lines.bytes < target; chapter++) {
    const m = numbers.chapters++ % MEASURES.length;
    const links = cite.forStandards(path, m, rnd);
    const heading = article ? `第${chapter}章　${CHAPTER_TITLES[m]}` : `${volume}.${chapter} ${CHAPTER_TITLES[m]}`;
    const chapterAnchor = anchor(heading);
    lines.push(`## ${heading}`, '');
    if (chapter === 1 || rnd() < 0.6) lines.push(basisLine(path, m, rnd, cite, chapter === 1), '');
    if (rnd() < 0.4) lines.push(`本章は、基本方針に定める**${MEASURES[m]}**について、遵守すべき事項を定める。`, '');
    for (let s = 1; s <= 4; s++) {
      let say;
      if (article) {
        const articleNo = ++numbers.article;
        const target = { id: `第${articleNo}条`, path, anchor: chapterAnchor, sentences: [] };
        say = saying(target);
        lines.push(`（第${s}の事項）`, `第${articleNo}条　${say(rnd, links)}`, `2　${say(rnd, links)}`, '');
        cite.targets.push(target);
        if (rnd() < 0.25) lines.push(...markupTable(rnd, links, say));
        if (rnd() < 0.25) lines.push(...nestedList(rnd, links, false, undefined, say));
      } else {
        const id = `${volume}.${chapter}.${s}`;
        const heading = rnd() < 0.05 ? `${wide(id)} 第${wide(String(s))}の事項` : `${id} 第${s}の事項`;
        lines.push(`### ${heading}`, '');
        const target = { id, path, anchor: anchor(heading), sentences: [] };
        say = saying(target);
        cite.targets.push(target);
        for (let k = 1; k <= 3; k++) lines.push(`${rnd() < 0.1 ? `（${wide(String(k))}）　` : `(${k}) `}${say(rnd, links)}`, '');
        if (rnd() < 0.3) lines.push(...markupTable(rnd, links, say));
        if (rnd() < 0.3) lines.push(...nestedList(rnd, links, undefined, undefined, say));
        if (rnd() < 0.05) lines.push(`**担当者**（以下「担当${id}」という。）を置く。`, '');
      }
      if (rnd() < 0.1) lines.push(...note(rnd, links, say));
      if (rnd() < 0.05) lines.push(...revisionComment(rnd, '字句の修正'));
    }
  }
  return lines.text();
}

/** richSentence, keeping the sentences without a link in `target.sentences` for procedures to repeat. */
function saying(target) {
  return (rnd, cite) => {
    const sentence = richSentence(rnd, cite);
    if (!sentence.includes('](')) target.sentences.push(sentence);
    return sentence;
  };
}

/**
 * A procedure resting on one standards section (two now and then), in numbered steps of its own;
 * RESTATED of them repeat a sentence of that section.
 */
function richProcedure(index, path, cite, rnd) {
  const own = cite.targets[Math.floor(rnd() * cite.targets.length)];
  const extra = rnd() < 0.2 ? [cite.targets[Math.floor(rnd() * cite.targets.length)]] : [];
  const basis = extra.length ? ['根拠:', `  - 対策基準 ${own.id}`, `  - 対策基準 ${extra[0].id}`] : [`根拠: [対策基準 ${own.id}]`];
  if (rnd() < 0.1) basis.push('公開区分: 非公開');
  const topic = pick(rnd, TOPICS);
  const title = `実施手順 ${index + 1}　${topic}手順`;
  const links = cite.forProcedure(path, own, rnd);
  const say = (r, c) => (r() < RESTATED && own.sentences.length ? pick(r, own.sentences) : stepSentence(r, c));
  const lines = new Lines();
  lines.push(...frontMatter(rnd, '実施手順', basis), `# ${title}`, '', ...documentTable(rnd, `${topic}手順`));
  if (rnd() < 0.3) lines.push(...revisionComment(rnd, '様式を更新'));
  lines.push('## 1 目的', '', `この手順は、${cite.standard(path, own)}に基づき、**${topic}**の手順を定める。`, '');
  STEP_TITLES.forEach((step, i) => {
    const s = i + 2;
    lines.push(`## ${s} ${step}`, '', ...nestedList(rnd, links, true, 3 + Math.floor(rnd() * 2), say));
    if (rnd() < 0.25) lines.push(...markupTable(rnd, links, say));
    if (rnd() < 0.15) lines.push(...note(rnd, links, say));
    if (rnd() < 0.1) lines.push(...revisionComment(rnd, `手順${s}を追加`));
  });
  cite.procedures.push({ title: `実施手順 ${index + 1}`, path });
  return lines.text();
}

/**
 * One set in the realistic mode: the policy, standards volumes (the first `firstSize`, one of
 * `hugeSize` when asked for, written last), procedures to the size asked for; a fifth of the
 * files with CRLF line endings.
 */
function writeRealisticSet(dir, name, targetBytes, { firstSize, standardsSize, hugeSize }, rnd, out) {
  mkdirSync(join(dir, '基準'), { recursive: true });
  mkdirSync(join(dir, '手順'), { recursive: true });
  let total = 0;
  let files = 0;
  const write = (path, text) => {
    // Every fifth file (not the policy nor the first standards file) as saved on Windows.
    const written = files++ % 5 === 4 ? text.replace(/\n/g, '\r\n') : text;
    writeFileSync(join(dir, path), written);
    const bytes = Buffer.byteLength(written);
    total += bytes;
    out.bytes += bytes;
    out.files++;
  };
  const regular = Math.max(0, Math.round((targetBytes * 0.4 - firstSize - hugeSize) / standardsSize));
  const volumes = 1 + regular + (hugeSize ? 1 : 0);
  const policy = richPolicy(name, volumes, rnd);
  write('基本方針.md', policy.text);
  const cite = citations(policy.anchors);
  const numbers = { chapters: 0, article: 0 };
  for (let i = 0; i < volumes; i++) {
    const path = `基準/対策基準${String(i + 1).padStart(3, '0')}.md`;
    const size = i === 0 ? firstSize : hugeSize && i === volumes - 1 ? hugeSize : standardsSize;
    write(path, richStandards(i, path, size, rnd, numbers, cite));
  }
  for (let i = 0; total < targetBytes; i++) {
    const path = `手順/手順${String(i + 1).padStart(5, '0')}.md`;
    write(path, richProcedure(i, path, cite, rnd));
  }
}

// --- Measuring a corpus --------------------------------------------------------------------------

const PROSE_MARKUP = /\]\(|\*\*|\*[^*\s]|`/;

/** What one line of a written file is, by its look; front matter is told by the caller. */
function lineKind(line) {
  if (/^\s*$/.test(line)) return 'blank';
  if (/^#{1,6}\s/.test(line)) return 'headings';
  if (/^\s*\|/.test(line)) return 'tableRows';
  if (/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(line)) return 'listItems';
  if (/^\s*>/.test(line)) return 'quotes';
  if (/^\s*<!--/.test(line)) return 'comments';
  return 'paragraphs';
}

/**
 * The proportions of a written corpus, measured on its files (so the README can state them): the
 * share of bytes in each kind of line, in lines with a link, the share of prose lines (paragraphs,
 * list items, quotes) with a link, bold, emphasis or code span, CRLF files and the largest file.
 */
export function describeCorpus(dir) {
  const bytesOf = { frontMatter: 0, headings: 0, tableRows: 0, listItems: 0, quotes: 0, comments: 0, paragraphs: 0, blank: 0 };
  const out = { files: 0, bytes: 0, crlfFiles: 0, largest: { path: '', bytes: 0 }, links: 0, linkLineBytes: 0, prose: 0, proseWithMarkup: 0, wideDigitLines: 0, halfKanaLines: 0 };
  for (const path of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.md')).sort()) {
    const text = readFileSync(join(dir, path), 'utf8');
    const size = Buffer.byteLength(text);
    out.files++;
    out.bytes += size;
    if (text.includes('\r\n')) out.crlfFiles++;
    if (size > out.largest.bytes) out.largest = { path, bytes: size };
    let inFrontMatter = text.startsWith('---');
    text.split('\n').forEach((line, i) => {
      const bytes = Buffer.byteLength(line) + 1;
      const kind = inFrontMatter ? 'frontMatter' : lineKind(line);
      if (inFrontMatter && i > 0 && /^---\r?$/.test(line)) inFrontMatter = false;
      bytesOf[kind] += bytes;
      const links = line.match(/\]\(/g)?.length ?? 0;
      out.links += links;
      if (links) out.linkLineBytes += bytes;
      if (/[０-９]/.test(line)) out.wideDigitLines++;
      if (/[\uff66-\uff9f]/.test(line)) out.halfKanaLines++;
      // 根拠 lines and captions such as （第1の事項） are no prose.
      if ((kind === 'paragraphs' && !/^(?:根拠:|（[^）]*）\r?$)/u.test(line)) || kind === 'listItems' || kind === 'quotes') {
        out.prose++;
        if (PROSE_MARKUP.test(line)) out.proseWithMarkup++;
      }
    });
  }
  const share = (n, of) => (of ? Math.round((n / of) * 1000) / 10 : 0);
  return {
    files: out.files,
    bytes: out.bytes,
    largest: out.largest,
    crlfFilesPercent: share(out.crlfFiles, out.files),
    /** Percent of all bytes, line endings included. */
    bytesPercent: Object.fromEntries(Object.entries(bytesOf).map(([k, v]) => [k, share(v, out.bytes)])),
    linkLinesPercent: share(out.linkLineBytes, out.bytes),
    linksPerKB: Math.round((out.links / (out.bytes / 1000)) * 10) / 10,
    proseWithMarkupPercent: share(out.proseWithMarkup, out.prose),
    wideDigitLines: out.wideDigitLines,
    halfKanaLines: out.halfKanaLines,
  };
}

// `node scripts/bench/generate.mjs <dir> <MB> [plain|realistic]`: writes a corpus, prints its proportions.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, mb, mode = 'realistic'] = process.argv.slice(2);
  if (!dir || !mb || !MODES[mode]) {
    console.error('usage: node scripts/bench/generate.mjs <dir> <MB> [plain|realistic]');
    process.exit(2);
  }
  generate(dir, Number(mb) * 1_000_000, MODES[mode]);
  console.log(JSON.stringify(describeCorpus(dir), null, 2));
}
