// test/e2e/checks.mjs: drives code-server (started by run.sh, the .vsix installed, a copy of
// samples/ open) through headless Chromium and reads the UI as a person would: the Problems
// panel, hovers, the status bar's Ln/Col after F12, the editor's lines after a quick fix, code
// lenses and the matrix webview. Every wait is for a condition; nothing sleeps blindly.
// On a failure: FAIL-<check>.png and FAIL-<check>.txt (the page's text) in --out.
// The last line printed is "N passed, N failed".
//
//   node checks.mjs --url http://127.0.0.1:PORT --folder WORKSPACE --ext INSTALLED_EXTENSION_DIR \
//                   --out DIR --playwright DIR_WITH_PLAYWRIGHT_CORE [--chromium /usr/bin/chromium]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' }, folder: { type: 'string' }, ext: { type: 'string' }, out: { type: 'string' },
    playwright: { type: 'string' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
for (const k of ['url', 'folder', 'ext', 'out', 'playwright']) {
  if (!args[k]) { console.error(`--${k} is required`); process.exit(2); }
}
const { chromium } = createRequire(path.join(args.playwright, 'package.json'))('playwright-core');
fs.mkdirSync(args.out, { recursive: true });

const STEP_MS = 60_000; // the longest any one condition may take (the first one includes activation)
const TOTAL_MS = 6 * 60_000; // a hung browser must not hang CI
setTimeout(() => { console.error('[e2e] checks took over 6 minutes: giving up'); console.log('0 passed, 1 failed'); process.exit(1); }, TOTAL_MS).unref();

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (...m) => console.error(`[e2e ${secs()}s]`, ...m);

// ---- the workspace's own text: where the things to click are (robust to edits of samples/) ----

const readWs = (rel) => fs.readFileSync(path.join(args.folder, rel), 'utf8').split(/\r?\n/);
/** 1-based line and column of `needle` on the first line matching `lineRe` (column of needle + offset). */
function locate(rel, lineRe, needle = '', offset = 0) {
  const lines = readWs(rel);
  const i = lines.findIndex((l) => lineRe.test(l) && l.includes(needle));
  if (i < 0) throw new Error(`${rel}: no line matches ${lineRe}`);
  return { line: i + 1, col: lines[i].indexOf(needle) + 1 + offset };
}

// ---- browser ---------------------------------------------------------------------------------

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-trace-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: args.chromium,
  headless: true,
  viewport: { width: 1280, height: 800 },
  env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(STEP_MS);

/** Polls `probe` until it returns something truthy (a throw counts as "not yet" and is what
 *  the timeout reports, with the last value seen). */
async function until(what, probe, timeout = STEP_MS) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message.split('\n')[0];
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
    await page.waitForTimeout(150);
  }
}

const quickInput = page.locator('.quick-input-widget input');

/** Quick Open (Ctrl+P): type the file name, wait for it in the list, open it, wait for its tab. */
async function openFile(rel) {
  const base = path.basename(rel);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill(rel);
    // Enter opens the focused row: wait until that is the file (the list fills asynchronously)
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: base }).first().waitFor();
    await page.keyboard.press('Enter');
    try {
      await until(`the active tab to be ${base}`, activeTabIs(base), attempt < 3 ? 10_000 : STEP_MS);
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      log(`${base} did not open; Quick Open again`);
    }
  }
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

const activeTab = () => page.locator('.editor-group-container.active .tab.active').first().getAttribute('aria-label');
const activeTabIs = (base) => async () => ((await activeTab()) ?? '').includes(base);

/** The status bar's cursor position: { line, col } from "Ln 12, Col 3". */
async function cursor() {
  const text = await page.locator('[id="status.editor.selection"]').first().innerText({ timeout: 2000 });
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), col: Number(m[2]), text } : { text };
}

/** Go to Line (Ctrl+G), then → to the column; waits for the status bar to show each. */
async function gotoLine(line, col = 1) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  await quickInput.waitFor({ state: 'visible' });
  await quickInput.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await until(`the cursor at Ln ${line}, Col 1`, async () => {
    const c = await cursor();
    return c.line === line && c.col === 1;
  }, 10_000);
  for (let i = 1; i < col; i++) await page.keyboard.press('ArrowRight');
  await until(`the cursor at Ln ${line}, Col ${col}`, async () => {
    const c = await cursor();
    return c.line === line && c.col === col;
  }, 10_000);
}

/** The rendered text of the active editor's visible lines: { lineNumber: text }. */
async function visibleLines() {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first().evaluate((ed) => {
    const topOf = {};
    for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
      topOf[n.parentElement.style.top] = Number(n.textContent.trim());
    }
    const lines = {};
    for (const v of ed.querySelectorAll('.view-lines .view-line')) {
      if (topOf[v.style.top] !== undefined) lines[topOf[v.style.top]] = v.textContent.replace(/\u00a0/g, ' ');
    }
    return lines;
  });
}

/** The text of the hover widget that is showing (or ''). */
const hoverText = () => page.evaluate(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')]
  .map((h) => h.innerText).join('\n').trim());

/** Keyboard hover at the cursor (Ctrl+K Ctrl+I), re-triggered until the hover contains `want`. */
async function hoverAtCursor(want) {
  return until(`a hover containing ${JSON.stringify(want)}`, async () => {
    if (!(await hoverText()).includes(want)) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ timeout: 5000 }).catch(() => {});
    }
    const text = await hoverText();
    return text.includes(want) && text;
  });
}

/** Text rendered in any frame (webviews live in nested iframes). */
async function frameTexts() {
  const texts = [];
  for (const f of page.frames()) texts.push(await f.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
  return texts;
}

/** A screenshot of the window (or of one part of it) into --out. */
async function shot(name, part) {
  const file = path.join(args.out, `${name}.png`);
  // the mouse away from buttons, so that no tooltip covers the picture (not on a hover picture:
  // the hover was opened from the keyboard and stays where it is)
  if (name !== 'hover') {
    await page.mouse.move(300, 12);
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
  }
  await (part ? page.locator(part).first().screenshot({ path: file }) : page.screenshot({ path: file }));
  return file;
}

// ---- the checks ------------------------------------------------------------------------------

const results = [];
async function check(name, fn) {
  const started = Date.now();
  log(`… ${name}`);
  try {
    const skipped = await fn();
    if (typeof skipped === 'string') {
      results.push({ name, status: 'skip', reason: skipped });
      log(`SKIP ${name}: ${skipped}`);
    } else {
      results.push({ name, status: 'pass' });
      log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } catch (err) {
    results.push({ name, status: 'fail' });
    log(`FAIL ${name}: ${err.message}`);
    const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    await shot(`FAIL-${slug}`).catch(() => {});
    const text = (await frameTexts().catch(() => [])).join('\n\n----- frame -----\n\n');
    fs.writeFileSync(path.join(args.out, `FAIL-${slug}.txt`), `${err.stack}\n\n===== page text =====\n\n${text}`);
  } finally {
    await page.keyboard.press('Escape').catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
}

/** Opens the Ctrl+. menu at the cursor until it lists `title`, and picks it. */
async function pickQuickFix(title) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await until(`the quick fix "${title}" in the Ctrl+. menu`, async () => {
    if (!(await item.isVisible())) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await item.waitFor({ timeout: 5000 }).catch(() => {});
    }
    return item.isVisible();
  });
  await item.click();
}

const POLICY = '基本方針.md';
const STANDARDS = '対策基準.md';
const PASSWORDS = '実施手順/パスワード管理手順.md';
const SERVER_ROOM = '実施手順/サーバ室入退室管理手順.md';

// The extension as installed: which of the features other work adds are there yet.
const manifest = JSON.parse(fs.readFileSync(path.join(args.ext, 'package.json'), 'utf8'));
const nls = (() => { try { return JSON.parse(fs.readFileSync(path.join(args.ext, 'package.nls.json'), 'utf8')); } catch { return {}; } })();
const title = (t) => (/^%(.+)%$/.test(t) ? nls[t.slice(1, -1)] ?? t : t);
const matrixCommand = (manifest.contributes?.commands ?? [])
  .find((c) => /matrix/i.test(c.command) && !/export/i.test(c.command));
const serverBundle = fs.readFileSync(path.join(args.ext, 'dist', 'server.js'), 'utf8');
const hasCodeLens = /codeLensProvider/.test(serverBundle);

try {
  await page.goto(`${args.url}/?folder=${encodeURIComponent(args.folder)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.editor').waitFor();
  await page.locator('.monaco-workbench .part.statusbar').waitFor();
  log('workbench loaded');

  await check('Problems panel lists the gaps of samples/ in Japanese', async () => {
    await openFile(POLICY); // opening a Markdown file activates the extension
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const expected = [
      { file: '基本方針.md', text: '措置 6(9)「評価・見直し」を実施する対策基準がありません。' },
      { file: '基本方針.md', text: '措置 6(8)「業務委託と外部サービス（クラウドサービス）の利用」には対策基準がありますが、それに基づく実施手順がありません。' },
      { file: 'パスワード管理手順.md', text: '参照先「6.9」が対策基準に見つかりません。', error: true },
    ];
    // The list is virtualised (only rows on screen exist): filter it to each message in turn.
    const filter = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
    const rows = () => panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => ({
      text: e.innerText.replace(/\s+/g, ' ').trim(),
      label: e.getAttribute('aria-label') ?? '',
      marker: !!e.querySelector('.marker-icon'),
      error: !!e.querySelector('.marker-icon.codicon-error, .marker-icon .codicon-error, .codicon-error'),
    })));
    for (const want of expected) {
      await filter.fill(want.text.slice(0, 12));
      let tries = 0;
      const found = await until(`the Problems panel to list ${want.text}`, async () => {
        // The filter box sometimes drops a fill made while the list re-renders: type it again now and then.
        if (++tries % 20 === 0) {
          await filter.fill('');
          await filter.fill(want.text.slice(0, 12));
        }
        const all = await rows();
        const i = all.findIndex((r) => r.marker && r.text.includes(want.text));
        // the file row heads the group the marker is in
        const fileRow = all.slice(0, i + 1).reverse().find((r) => !r.marker);
        return i >= 0 && { marker: all[i], file: fileRow?.text ?? '' };
      });
      if (!found.file.includes(want.file)) throw new Error(`"${want.text}" listed under ${found.file}, not ${want.file}`);
      if (want.error && !found.marker.error) throw new Error(`"${want.text}" is not shown as an error: ${JSON.stringify(found.marker)}`);
    }
    await filter.fill('');
    // a picture for the README: the whole list, the panel maximised
    const maximize = page.locator('.part.panel .codicon-panel-maximize').first(); // "Maximize Panel" / "Restore Panel"
    await maximize.click();
    await until('the unfiltered list, maximised', async () =>
      (await rows()).filter((r) => r.marker && expected.some((w) => r.text.includes(w.text))).length === expected.length);
    await shot('problems');
    await maximize.click();
    await page.mouse.move(300, 12);
    await until('the panel restored', async () => !(await maximize.getAttribute('class')).includes('checked'), 10_000);
  });

  await check('the extension starts its server on stdio with the V8 flags and environment the server asks for', async () => {
    // The server process runs the installed bundle; its command line and environment are in /proc.
    const bundle = path.join(args.ext, 'dist', 'server.js');
    const read = (pid, file) => { try { return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0'); } catch { return []; } };
    const servers = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((pid) => read(pid, 'cmdline').includes(bundle));
    if (servers.length !== 1) throw new Error(`expected one server process running ${bundle}, found ${servers.length}`);
    const argv = read(servers[0], 'cmdline');
    for (const flag of ['--no-allocation-site-pretenuring', '--expose-gc', '--max-semi-space-size=16', '--enable-experimental-regexp-engine-on-excessive-backtracks']) {
      if (!argv.includes(flag)) throw new Error(`no ${flag} in the server command line: ${argv.join(' ')}`);
    }
    if (!read(servers[0], 'environ').includes('MALLOC_ARENA_MAX=2')) throw new Error('no MALLOC_ARENA_MAX=2 in the server environment');
    // On stdio the server writes its own messages (server/src/lsp/stdio.ts); node's IPC channel would not.
    if (!argv.includes('--stdio') || argv.includes('--node-ipc')) throw new Error(`the server is not on stdio: ${argv.join(' ')}`);
  });

  await check('hover on the measure heading (9) 評価・見直し shows its chain', async () => {
    await openFile(POLICY);
    const at = locate(POLICY, /^#+ \(9\) 評価/, '評価');
    await gotoLine(at.line, at.col + 1);
    const text = await hoverAtCursor('基本方針 6(9)「評価・見直し」');
    if (!/対策基準なし/.test(text)) throw new Error(`the hover does not say 対策基準なし: ${text}`);
    // and a covered measure: the chain names its standards section and procedures
    const at4 = locate(POLICY, /^#+ \(4\) 物理/, '物理');
    await gotoLine(at4.line, at4.col + 1);
    const text4 = await hoverAtCursor('基本方針 6(4)「物理的セキュリティ」');
    for (const part of ['対策基準 1件 · 実施手順 2件', '物理的セキュリティ', 'サーバ室入退室管理手順']) {
      if (!text4.includes(part)) throw new Error(`the hover of 6(4) lacks "${part}": ${text4}`);
    }
    await shot('hover');
  });

  await check('F12 on 対策基準 5.2 goes to that section; F12 on 職員等 goes to its definition', async () => {
    await openFile(SERVER_ROOM);
    const ref = locate(SERVER_ROOM, /根拠/, '5.2');
    const target = locate(STANDARDS, /^#+ 5\.2 /);
    await gotoLine(ref.line, ref.col + 1);
    await page.keyboard.press('F12');
    await until(`${STANDARDS} at Ln ${target.line} (status bar)`, async () =>
      (await activeTabIs(STANDARDS)()) && (await cursor()).line === target.line);

    await openFile(PASSWORDS);
    const use = locate(PASSWORDS, /^\d+\. 職員等は/, '職員等');
    const def = locate(POLICY, /（以下「職員等」という。）/);
    await gotoLine(use.line, use.col + 1);
    await page.keyboard.press('F12');
    await until(`${POLICY} at Ln ${def.line} (status bar)`, async () =>
      (await activeTabIs(POLICY)()) && (await cursor()).line === def.line);
  });

  await check('F12 on 上記5.2(2) inside the standards goes to that item; its hover shows the item', async () => {
    await openFile(STANDARDS);
    const ref = locate(STANDARDS, /上記5\.2\(2\)/, '上記5.2(2)');
    const target = locate(STANDARDS, /^\(2\) 入退室管理/);
    await gotoLine(ref.line, ref.col + 3);
    const text = await hoverAtCursor('5.2(2) 入退室管理');
    if (!text.includes('5.2(2) 入退室管理')) throw new Error(`the hover does not name 5.2(2) 入退室管理: ${text}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F12');
    await until(`${STANDARDS} at Ln ${target.line} (status bar)`, async () =>
      (await activeTabIs(STANDARDS)()) && (await cursor()).line === target.line);
  });

  await check('code lens over a measure counts its standards and procedures', async () => {
    if (!hasCodeLens) return 'skipped: code lens not provided (the packaged server declares no codeLensProvider)';
    await openFile(POLICY);
    const m = locate(POLICY, /^#+ \(4\) 物理/);
    await gotoLine(m.line);
    // code lenses are resolved lazily and shift the lines below them as they arrive: wait for
    // the one right above the line to read as expected
    const want = /対策基準\s*1\s*件\s*·\s*実施手順\s*2\s*件/;
    await until('the code lens over (4) 物理的セキュリティ to read 対策基準 1件 · 実施手順 2件', async () => {
      const seen = await page.locator('.editor-group-container.active .editor-instance .monaco-editor').first().evaluate((ed, line) => {
        const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent.trim() === String(line));
        if (!num) return '';
        const top = num.getBoundingClientRect().top;
        // the lens sits just above its line: the closest one whose bottom is at or above the line's top
        const lenses = [...ed.querySelectorAll('.codelens-decoration')]
          .map((l) => ({ text: l.textContent.replace(/\u00a0/g, ' ').trim(), bottom: l.getBoundingClientRect().bottom }))
          .filter((l) => l.text && l.bottom <= top + 2)
          .sort((a, b) => b.bottom - a.bottom);
        return lenses[0]?.text ?? '';
      }, m.line);
      if (!want.test(seen)) throw new Error(`the lens over line ${m.line} reads "${seen}"`);
      return true;
    }, 20_000);
    await shot('codelens', '.part.editor');
  });

  await check('the command shows the traceability matrix in a webview', async () => {
    if (!matrixCommand) return 'skipped: command not contributed (no matrix command in the packaged package.json)';
    const name = title(matrixCommand.title);
    await openFile(POLICY);
    await page.keyboard.press('F1');
    await quickInput.waitFor({ state: 'visible' });
    await quickInput.fill(`>${name}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    const want = ['6(1)', '6(4)', '6(9)', '物理的セキュリティ', '評価・見直し', '対策基準', '実施手順'];
    await until(`a webview showing ${want.join(', ')}`, async () =>
      (await frameTexts()).some((t) => want.every((w) => t.includes(w))));
    // the matrix alone in the window for its picture: side bar and panel hidden, its editor
    // group maximised (through its tab: keys typed in the webview stay in the webview)
    const label = await page.locator('.editor-group-container.active .tab.active').first().getAttribute('aria-label');
    const tab = page.locator(`.tab[aria-label="${label}"]`).first();
    const group = page.locator('.editor-group-container', { has: tab }).first();
    const wide = async () => (await group.boundingBox()).width > 1100;
    await tab.click();
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+M');
    await until('the matrix maximised', wide, 10_000);
    await shot('matrix');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');
    await until('the layout back', async () => !(await wide()) && (await page.locator('.part.sidebar').isVisible()), 10_000);
    await tab.click({ button: 'middle' }); // closes the tab
    await until('the matrix closed', async () => (await page.locator('.editor-group-container').count()) === 1, 10_000);
    await page.locator('.editor-group-container.active .tab.active').first().click();
  });

  await check('quick fix marks the suspect reference to 6(6) reviewed; policy-trace.lock is saved with it', async () => {
    const lockPath = path.join(args.folder, 'policy-trace.lock');
    const key = '"対策基準.md#7 -> 基本方針.md#6(6)"';
    const entry = () => fs.readFileSync(lockPath, 'utf8').split('\n').find((l) => l.includes(key));
    const before = entry();
    if (!before) throw new Error(`no ${key} in the workspace's policy-trace.lock`);
    await openFile(STANDARDS);
    const ref = locate(STANDARDS, /^根拠: 基本方針 6\(6\)/, '6(6)');
    const fixTitle = 'この参照を確認済みにする（policy-trace.lock）';
    await gotoLine(ref.line, ref.col + 1);
    await pickQuickFix(fixTitle);
    // VS Code saves a file a refactoring opened (files.refactoring.autoSave): the disk has the new fingerprint.
    const after = await until('policy-trace.lock on disk with a new fingerprint for 7 → 6(6)', async () => {
      const now = entry();
      return now && now !== before && now;
    }, 20_000);
    if (!/^ {4}"対策基準\.md#7 -> 基本方針\.md#6\(6\)": "[0-9a-f]{16}",?$/.test(after)) throw new Error(`the entry reads ${after}`);
    const dirty = await page.locator('.tab.dirty', { hasText: 'policy-trace.lock' }).count();
    if (dirty) throw new Error('policy-trace.lock is left unsaved in an editor');
  });

  await check('quick fix on the inferred link inserts 根拠: 基本方針 6(2)', async () => {
    await openFile(STANDARDS);
    const h = locate(STANDARDS, /^#+ 3 情報資産の分類及び管理/, '情報資産');
    const fixTitle = '根拠行「根拠: 基本方針 6(2)」を挿入';
    await gotoLine(h.line, h.col + 1);
    await pickQuickFix(fixTitle);
    const lines = await until('the basis line under the heading', async () => {
      const l = await visibleLines();
      const next = Object.keys(l).map(Number).filter((n) => n > h.line && l[n].trim()).sort((a, b) => a - b)[0];
      return l[next] === '根拠: 基本方針 6(2)' && l;
    }, 15_000);
    if (!lines[h.line].startsWith('## 3 情報資産の分類及び管理')) throw new Error(`the heading changed: ${lines[h.line]}`);
  });
} catch (err) {
  results.push({ name: 'no unexpected error', status: 'fail' });
  log(`FAIL ${err.stack}`);
  await shot('FAIL-unexpected').catch(() => {});
} finally {
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
}

const count = (s) => results.filter((r) => r.status === s).length;
log(`done in ${secs()} s`);
for (const r of results) console.log(`${r.status.toUpperCase().padEnd(4)} ${r.name}${r.reason ? ` (${r.reason})` : ''}`);
if (count('skip')) console.log(`${count('skip')} skipped`);
console.log(`${count('pass')} passed, ${count('fail')} failed`);
process.exit(count('fail') ? 1 : 0);
