// `policy-trace check --cache` on a copy of samples/: the cache never changes what is printed or the
// exit code, only how much is analysed. POLICY_TRACE_DEBUG_CACHE=1 makes the CLI say on stderr
// what it reused, which is how these tests see that a warm run analysed nothing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, lines, run, type Run } from './run';

const DEBUG = { POLICY_TRACE_DEBUG_CACHE: '1' };
const SECTION_NAMES = ['output', 'reports', 'facts'] as const;
type SectionName = typeof SECTION_NAMES[number];
interface Head extends Record<SectionName, { bytes: number; sha: string }> {
  folders: { digest: string; known: Record<string, string> }[];
}
const PASSWORD = join('samples', '実施手順', 'パスワード管理手順.md');

describe('policy-trace check --cache', () => {
  let dir: string;
  let cacheFile: string;
  /** Documents of samples/ (README.md, excluded by default, has no facts). */
  let files: number;

  const check = (args: string[], env: Record<string, string> = {}): Run => run(['check', 'samples', ...args], { cwd: dir, env });
  const fresh = (args: string[] = []): Run => check(args);
  const cached = (args: string[] = []): Run => check(['--cache', ...args], DEBUG);

  // Runs without the cache on the untouched samples, by arguments: they are the same in every copy.
  const untouched = new Map<string, Run>();
  const pristine = (args: string[] = []): Run => {
    const key = args.join('\u0000');
    if (!untouched.has(key)) untouched.set(key, fresh(args));
    return untouched.get(key)!;
  };

  /** Same stdout and exit code as a run without the cache, and the cache's own note on stderr. */
  function assertSameAsFresh(r: Run, args: string[], note: string | RegExp, f: Run = fresh(args)): void {
    assert.equal(r.stdout, f.stdout);
    assert.equal(r.status, f.status);
    if (typeof note === 'string') assert.equal(r.stderr, `${note}\n`);
    else assert.match(r.stderr, note);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-cache-'));
    cpSync(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true });
    cacheFile = join(dir, '.policytracecache');
    files = 9;
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The cache file cut into its head (the line's text and its parse) and its sections, as bytes. */
  function cacheParts(bytes: Buffer = readFileSync(cacheFile)): { headLine: string; head: Head; sections: Record<SectionName, Buffer> } {
    const end = bytes.indexOf(10);
    const headLine = bytes.subarray(0, end).toString('utf8');
    const head = (JSON.parse(headLine) as { head: Head }).head;
    let at = end + 1;
    const sections = {} as Record<SectionName, Buffer>;
    for (const name of SECTION_NAMES) {
      sections[name] = bytes.subarray(at, at + head[name].bytes);
      at += head[name].bytes + 1;
    }
    return { headLine, head, sections };
  }

  /** The file made again from a head line and sections, each followed by a line break. */
  const cacheBytes = (headLine: string, sections: Record<SectionName, Buffer>): Buffer =>
    Buffer.concat([Buffer.from(`${headLine}\n`), ...SECTION_NAMES.flatMap((name) => [sections[name], Buffer.from('\n')])]);

  /** A section replaced and the head made to vouch for it (its length, sha256 and the head's sum): a file as the tool would write it. */
  function vouchedFor(name: SectionName, bytes: Buffer): Buffer {
    const { head, sections } = cacheParts();
    head[name] = { ...head[name], bytes: bytes.length, sha: createHash('sha256').update(bytes).digest('hex') };
    const headText = JSON.stringify(head);
    return cacheBytes(`{"head":${headText},"sum":"${createHash('sha256').update(headText).digest('hex')}"}`, { ...sections, [name]: bytes });
  }

  it('writes .policytracecache in the current directory on a cold run, output unchanged', () => {
    const r = cached();
    assertSameAsFresh(r, [], `cache: 0 of ${files} documents reused`, pristine());
    assert.equal(r.status, 1);
    assert.ok(existsSync(cacheFile));
    assert.ok(readFileSync(cacheFile, 'utf8').startsWith('{"head":'));
    // After the head, the output as printed, then the reports and the facts as JSON.
    const { sections } = cacheParts();
    assert.equal(sections.output.toString('utf8'), r.stdout);
    assert.doesNotThrow(() => JSON.parse(sections.reports.toString('utf8')));
    assert.doesNotThrow(() => JSON.parse(sections.facts.toString('utf8')));
  });

  it('names the build that wrote it: the id the build wrote into both bundles of the command', () => {
    cached();
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const tool = /^\{"head":\{"schema":\d+,"tool":"([^"]*)"/.exec(cacheParts().headLine)?.[1];
    const ids = ['cli.js', 'cli-engine.js'].map((name) => [...readFileSync(join(ROOT, 'dist', name), 'utf8').matchAll(/(?<![0-9a-f])([0-9a-f]{40})(?![0-9a-f])/g)].map((m) => m[1]));
    const both = ids[0].filter((id) => ids[1].includes(id));
    assert.equal(both.length, 1);
    assert.equal(tool, `${version}+${both[0]}`);
  });

  for (const format of ['text', 'json']) {
    it(`prints the same ${format} output from the cache without analysing anything`, () => {
      cached(['--format', format]);
      const r = cached(['--format', format]);
      assertSameAsFresh(r, ['--format', format], 'cache: result reused', pristine(['--format', format]));
      assert.equal(r.status, 1);
    });
  }

  it('keeps one result for both formats and any --max-warnings', () => {
    cached();
    assertSameAsFresh(cached(['--format', 'json']), ['--format', 'json'], 'cache: result reused', pristine(['--format', 'json']));
    const r = cached(['--max-warnings', '2', '--locale', 'ja']);
    assertSameAsFresh(r, ['--max-warnings', '2', '--locale', 'ja'], /^cache: result reused\n.*--max-warnings 2/);
  });

  it('is silent on stderr without the debug variable', () => {
    check(['--cache']);
    const r = check(['--cache']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, pristine().stdout);
  });

  it('analyses only the edited file, and reports what the edit changed', () => {
    cached();
    const before = lines(pristine().stdout).filter((l) => l.includes('パスワード管理手順.md'));
    assert.deepEqual(before, [
      'samples/実施手順/パスワード管理手順.md:6:5 error trace/unresolved-reference 参照先「6.9」が対策基準に見つかりません。 もしかして: 6.4、6.3、6.2',
    ]);

    const path = join(dir, PASSWORD);
    writeFileSync(path, readFileSync(path, 'utf8').replace('根拠: 対策基準 6.9', '根拠: 対策基準 6.4\n根拠: 対策基準 9.9'));
    const r = cached();
    assertSameAsFresh(r, [], `cache: ${files - 1} of ${files} documents reused`);
    // The samples keep a policy-trace.lock: the new reference to 6.4 is not recorded there yet.
    assert.deepEqual(lines(r.stdout).filter((l) => l.includes('パスワード管理手順.md')), [
      'samples/実施手順/パスワード管理手順.md:6:5 information trace/suspect 「6.4 ID及びパスワード等の管理」へのこの参照は、まだ policy-trace.lock に確認済みとして記録されていません。記録すると、参照先の変更がわかるようになります。',
      'samples/実施手順/パスワード管理手順.md:7:5 error trace/unresolved-reference 参照先「9.9」が対策基準に見つかりません。 もしかして: 9.3、9.2、9.1',
    ]);

    // Fixed for good, with the samples' other error (上記5.5 in the standards): no error left
    // anywhere, so the exit code changes too.
    writeFileSync(path, readFileSync(path, 'utf8').replace('\n根拠: 対策基準 9.9', ''));
    const standards = join(dir, 'samples', '対策基準.md');
    writeFileSync(standards, readFileSync(standards, 'utf8').replace('上記5.5の定めによる', '上記5.4の定めによる'));
    const fixed = cached();
    assertSameAsFresh(fixed, [], `cache: ${files - 2} of ${files} documents reused`);
    assert.equal(fixed.status, 0);
    assert.deepEqual(lines(fixed.stdout).filter((l) => l.includes('パスワード管理手順.md')).map((l) => l.split(' ').slice(0, 3).join(' ')), [
      'samples/実施手順/パスワード管理手順.md:6:5 information trace/suspect',
    ]);
    assertSameAsFresh(cached(), [], 'cache: result reused');
  });

  it('notices a file added to the folder, and one removed', () => {
    cached();
    const added = join(dir, 'samples', '実施手順', '新しい手順.md');
    writeFileSync(added, '---\n種別: 実施手順\n---\n# 新しい手順\n\n根拠: 対策基準 4.4\n');
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files + 1} documents reused`);
    rmSync(added);
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`);
  });

  it('reuses the facts but not the result in another language', () => {
    cached();
    const en = pristine(['--locale', 'en']);
    assertSameAsFresh(cached(['--locale', 'en']), [], `cache: ${files} of ${files} documents reused`, en);
    assertSameAsFresh(cached(['--locale', 'en']), [], 'cache: result reused', en);
  });

  it('starts over when the configuration changes, is added or removed, or another one is named', () => {
    cached();
    const config = join(dir, 'samples', 'policy-trace.json');
    writeFileSync(config, JSON.stringify({ severity: { 'trace/orphan': 'off' } }));
    const r = cached();
    assertSameAsFresh(r, [], `cache: ${files} of ${files} documents reused`);
    assert.ok(!r.stdout.includes('trace/orphan'));

    writeFileSync(config, JSON.stringify({ severity: { 'trace/orphan': 'error' } }));
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`);
    assert.match(cached().stdout, / error trace\/orphan /);

    // A tier assigned by the configuration makes other facts: those files are analysed again.
    writeFileSync(config, JSON.stringify({ tiers: { procedure: ['実施手順/パスワード管理手順.md'] } }));
    assertSameAsFresh(cached(), [], `cache: ${files - 1} of ${files} documents reused`);

    rmSync(config);
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`);

    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ severity: { 'term/variant': 'off' } }));
    assertSameAsFresh(cached(['--config', 'other.json']), ['--config', 'other.json'], `cache: ${files} of ${files} documents reused`);
    assertSameAsFresh(cached(['--config', 'other.json']), ['--config', 'other.json'], 'cache: result reused');
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`);
  });

  it('knows files by their stamp only once they have not changed for two seconds, and sees an edit that keeps size and time', async () => {
    const known = (): Record<string, string> => cacheParts().head.folders[0].known;
    cached();
    // Just copied: changed within two seconds of the run, so each is read and hashed every time.
    assert.deepEqual(known(), {});
    // A modification time a whole number of seconds ago, which can be put back exactly below.
    const path = join(dir, PASSWORD);
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(path, hourAgo, hourAgo);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    rmSync(cacheFile);
    cached();
    // Every file read: the configuration, the lock and the Markdown (README.md too, read but in no set).
    const read = readdirSync(join(dir, 'samples'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.md$|^policy-trace\.(json|lock)$/.test(f));
    assert.deepEqual(Object.keys(known()).sort(), read.map((f) => join(dir, 'samples', f)).sort());
    assert.match(known()[path], /^\d+:\d+:\d+:\d+ [0-9a-f]{40}$/);
    assertSameAsFresh(cached(), [], 'cache: result reused', pristine());
    // The same number of bytes, and the old modification time put back: the change time shows it.
    const before = statSync(path);
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('根拠: 対策基準 6.9', '根拠: 対策基準 6.8');
    assert.notEqual(edited, text);
    writeFileSync(path, edited);
    utimesSync(path, hourAgo, hourAgo);
    assert.equal(statSync(path).mtimeMs, before.mtimeMs);
    assert.equal(statSync(path).size, before.size);
    assertSameAsFresh(cached(), [], `cache: ${files - 1} of ${files} documents reused`);
  });

  it('starts over when a prh dictionary the configuration names changes', () => {
    writeFileSync(join(dir, 'samples', 'policy-trace.json'), JSON.stringify({ terms: { prh: ['prh.yml'] } }));
    const dictionary = join(dir, 'samples', 'prh.yml');
    writeFileSync(dictionary, 'rules:\n  - expected: サーバ\n    pattern: サーバー\n');
    cached();
    assertSameAsFresh(cached(), [], 'cache: result reused');
    writeFileSync(dictionary, 'rules:\n  - expected: パスワード\n    pattern: パスワド\n');
    assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`);
    // A dictionary named but gone is a configuration error: the cached result is not printed.
    rmSync(dictionary);
    const r = cached();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /samples\/policy-trace.json:1:18 error config\/invalid 設定ファイルが不正です: prh 辞書「prh.yml」がありません。/);
    assert.equal(r.stdout, '');
  });

  it('starts over when policy-trace.lock is written, changed or removed', () => {
    const suspects = (r: Run): number => lines(r.stdout).filter((l) => l.includes('trace/suspect')).length;
    assert.equal(suspects(cached()), 1);
    // Every reference recorded as reviewed: the samples' suspect is gone.
    assert.equal(run(['lock', 'samples'], { cwd: dir }).status, 0);
    const lock = join(dir, 'samples', 'policy-trace.lock');
    const recorded = cached();
    assertSameAsFresh(recorded, [], `cache: ${files} of ${files} documents reused`);
    assert.equal(suspects(recorded), 0);
    assertSameAsFresh(cached(), [], 'cache: result reused');
    // A fingerprint from before a review: the reference it stands for is suspect again.
    writeFileSync(lock, readFileSync(lock, 'utf8').replace(/"[0-9a-f]{16}"/, '"0000000000000000"'));
    const r = cached();
    assertSameAsFresh(r, [], `cache: ${files} of ${files} documents reused`);
    assert.equal(suspects(r), 1);
    rmSync(lock);
    const none = cached();
    assertSameAsFresh(none, [], `cache: ${files} of ${files} documents reused`);
    assert.equal(suspects(none), 0);
  });

  describe('a damaged cache file is a cold run', () => {
    const ignored = `cache: file ignored\ncache: 0 of 9 documents reused`;
    const damages: [string, (text: string) => string, string][] = [
      ['garbage', () => '\u0000\u00ff garbage \n{{{', ignored],
      ['an empty file', () => '', ignored],
      ['JSON truncated in its head', (text) => text.slice(0, 200), ignored],
      ['a head without the rest', (text) => text.slice(0, text.indexOf('\n')), ignored],
      ['JSON of another shape', () => JSON.stringify([1, 2, 3]), ignored],
      ['a head of the wrong shape', (text) => `${text.slice(0, text.indexOf('"folders":'))}"folders":[{"inputs":5}]},\n"facts":{}}\n`, ignored],
      ['a head from another build', (text) => text.replace(/"tool":"[^"]*"/, '"tool":"0.0.0+other"'), ignored],
      // Edited by hand: the head no longer matches its sum, so nothing of the file is trusted.
      ['a head whose counts say there is no error', (text) => text.replace(/"counts":\{"error":\d+/, '"counts":{"error":0'), ignored],
      ['a head that names another output', (text) => text.replace(/"output":\{"key":"[^"]*"/, '"output":{"key":"other"'), ignored],
    ];
    it('on any damage, and the next run writes it whole again', () => {
      cached();
      const whole = readFileSync(cacheFile, 'utf8');
      const digest = (text: string): unknown => cacheParts(Buffer.from(text)).head.folders[0].digest;
      for (const [what, damage, note] of damages) {
        writeFileSync(cacheFile, damage(whole));
        const r = cached();
        assert.equal(r.stderr, `${note}\n`, what);
        assert.equal(r.stdout, pristine().stdout, what);
        assert.equal(r.status, pristine().status, what);
        assert.equal(digest(readFileSync(cacheFile, 'utf8')), digest(whole), what);
      }
    });

    it('analyses every file again when the facts are damaged', () => {
      cached();
      const whole = readFileSync(cacheFile);
      const path = join(dir, PASSWORD);
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n追記。\n`);
      // Cut in the middle of the facts: the head still reads, the facts do not.
      writeFileSync(cacheFile, whole.subarray(0, whole.length - cacheParts(whole).head.facts.bytes / 2));
      assertSameAsFresh(cached(), [], `cache: 0 of ${files} documents reused`);
      // Facts that parse but are not facts, in a file whose head vouches for them.
      const facts = JSON.parse(cacheParts().sections.facts.toString('utf8')) as Record<string, { facts: Record<string, unknown> }>;
      for (const entry of Object.values(facts)) for (const key of Object.keys(entry.facts)) entry.facts[key] = { uri: 1 };
      writeFileSync(cacheFile, vouchedFor('facts', Buffer.from(JSON.stringify(facts))));
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n追記。\n`);
      assertSameAsFresh(cached(), [], `cache: 0 of ${files} documents reused`);
    });

    it('prints the result even when the reports and facts after the output are cut off', () => {
      cached();
      const whole = readFileSync(cacheFile);
      const { headLine, head } = cacheParts(whole);
      writeFileSync(cacheFile, whole.subarray(0, Buffer.byteLength(headLine) + 1 + head.output.bytes + 1 + 10));
      assertSameAsFresh(cached(), [], 'cache: result reused', pristine());
    });

    /** The cache file with one of its sections changed (its length kept), the head left as it was. */
    const withSection = (bytes: Buffer, name: SectionName, change: (text: string) => string): Buffer => {
      const { headLine, sections } = cacheParts(bytes);
      const changed = Buffer.from(change(sections[name].toString('utf8')));
      assert.equal(changed.length, sections[name].length);
      assert.notDeepEqual(changed, sections[name]);
      return cacheBytes(headLine, { ...sections, [name]: changed });
    };
    // A finding moved to another line, in the output or in the reports.
    const nextDigit = (d: string): string => String((Number(d) + 1) % 10);
    const otherOutput = (text: string): string => text.replace(/:( ?)(\d)/, (_, space: string, d: string) => `:${space}${nextDigit(d)}`);
    const otherReports = (text: string): string => text.replace(/"line":(\d)/, (_, d: string) => `"line":${nextDigit(d)}`);

    it('formats the reports again when the saved output is damaged', () => {
      cached();
      writeFileSync(cacheFile, withSection(readFileSync(cacheFile), 'output', otherOutput));
      assertSameAsFresh(cached(), [], 'cache: result reused', pristine());
    });

    it('analyses again, from the facts, when the output and the reports are damaged', () => {
      cached(['--format', 'json']);
      const bytes = readFileSync(cacheFile);
      writeFileSync(cacheFile, withSection(bytes, 'reports', otherReports));
      // Another format needs the reports: they are not what was written.
      assertSameAsFresh(cached(), [], `cache: ${files} of ${files} documents reused`, pristine());
      writeFileSync(cacheFile, withSection(withSection(bytes, 'output', otherOutput), 'reports', otherReports));
      assertSameAsFresh(cached(['--format', 'json']), ['--format', 'json'], `cache: ${files} of ${files} documents reused`, pristine(['--format', 'json']));
    });

    it('prints a saved output only where it was made (format, working directory)', () => {
      cached(['--format', 'json']);
      const head = (): string => readFileSync(cacheFile, 'utf8').split('\n')[0];
      assert.match(head(), /"output":\{"key":"\[\\"json\\",/);
      // The text output is formatted from the reports; a reused result writes nothing.
      assertSameAsFresh(cached(), [], 'cache: result reused', pristine());
      assert.match(head(), /"output":\{"key":"\[\\"json\\",/);
      // The text output saved here, then asked for from another directory: its paths differ.
      rmSync(cacheFile);
      cached();
      assert.match(head(), /"output":\{"key":"\[\\"text\\",/);
      mkdirSync(join(dir, 'sub'));
      const elsewhere = run(['check', '../samples', '--cache', '--cache-location', '../.policytracecache'], { cwd: join(dir, 'sub'), env: DEBUG });
      const fromThere = run(['check', '../samples'], { cwd: join(dir, 'sub') });
      assert.equal(elsewhere.stdout, fromThere.stdout);
      assert.match(elsewhere.stdout, /^\.\.\/samples\//);
      assert.equal(elsewhere.stderr, 'cache: result reused\n');
    });
  });

  describe('--cache-location', () => {
    it('names the file', () => {
      assertSameAsFresh(cached(['--cache-location', 'my.cache']), [], `cache: 0 of ${files} documents reused`, pristine());
      assert.ok(existsSync(join(dir, 'my.cache')));
      assert.ok(!existsSync(cacheFile));
      assertSameAsFresh(cached(['--cache-location', 'my.cache']), [], 'cache: result reused', pristine());
    });

    it('puts the file inside a folder it names', () => {
      mkdirSync(join(dir, 'existing'));
      cached(['--cache-location', 'existing']);
      assert.ok(existsSync(join(dir, 'existing', '.policytracecache')));
      cached(['--cache-location', 'new/']);
      assert.ok(existsSync(join(dir, 'new', '.policytracecache')));
      assertSameAsFresh(cached(['--cache-location', 'new']), [], 'cache: result reused', pristine());
    });

    it('warns on one line when the cache cannot be written, and reports as usual', () => {
      writeFileSync(join(dir, 'a-file'), '');
      for (const locale of ['ja', 'en']) {
        const r = check(['--cache', '--cache-location', 'a-file/cache', '--locale', locale]);
        const f = pristine(['--locale', locale]);
        assert.equal(r.stdout, f.stdout);
        assert.equal(r.status, f.status);
        assert.equal(lines(r.stderr).length, 1);
        assert.match(r.stderr, locale === 'ja'
          ? /^警告: キャッシュファイル「a-file\/cache」に書き出せません: .+\n$/
          : /^Warning: cannot write the cache file "a-file\/cache": .+\n$/);
      }
    });

    it('refuses a FIFO, a symbolic link and a file of /proc, and leaves them as they were', () => {
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      writeFileSync(join(dir, 'target'), 'precious');
      symlinkSync(join(dir, 'target'), join(dir, 'link'));
      const cases: [string, RegExp][] = [
        ['fifo', /^The cache location "fifo" is not a regular file \(a device, a FIFO or a socket\); name a regular file or a folder\.$/],
        ['link', /^The cache location "link" is a symbolic link; name a regular file or a folder\.$/],
        ['/proc/version', /^The cache location "\/proc\/version" is on a system file system \(\/proc, \/sys\); name a regular file or a folder\.$/],
        ['/proc/self/new-cache', /is on a system file system/],
      ];
      for (const [location, message] of cases) {
        const r = check(['--cache', '--cache-location', location], { LANG: 'en_US.UTF-8' });
        assert.equal(r.status, 2, location);
        assert.match(lines(r.stderr)[0], message, location);
        assert.equal(r.stdout, '', location);
      }
      assert.ok(lstatSync(fifo).isFIFO());
      assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
      assert.equal(readFileSync(join(dir, 'target'), 'utf8'), 'precious');
      const ja = check(['--cache', '--cache-location', 'fifo', '--locale', 'ja']);
      assert.equal(lines(ja.stderr)[0], 'キャッシュの場所「fifo」は通常のファイルではありません（デバイス、FIFO、ソケット）。通常のファイルかフォルダを指定してください。');
    });

    it('refuses a device such as /dev/null', () => {
      const r = check(['--cache', '--cache-location', '/dev/null'], { LANG: 'en_US.UTF-8' });
      assert.equal(r.status, 2);
      assert.match(lines(r.stderr)[0], /"\/dev\/null" is not a regular file/);
      assert.ok(lstatSync('/dev/null').isCharacterDevice());
    });

    it('writes only the cache file, readable by its owner alone, and leaves no temporary file behind', () => {
      cached(['--cache-location', 'out/']);
      assert.deepEqual(readdirSync(join(dir, 'out')), ['.policytracecache']);
      assert.equal(lstatSync(join(dir, 'out', '.policytracecache')).mode & 0o777, 0o600);
    });

    it('needs --cache', () => {
      const r = check(['--cache-location', 'x'], { LANG: 'en_US.UTF-8' });
      assert.equal(r.status, 2);
      assert.equal(lines(r.stderr)[0], 'Option "--cache-location" needs "--cache".');
    });
  });

  it('does not apply to lsp', () => {
    const r = run(['lsp', '--cache'], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(r.status, 2);
    assert.equal(lines(r.stderr)[0], 'Option "--cache" does not apply to the lsp command.');
  });

  it('builds the matrix from cached facts, never from the cached result', () => {
    cached();
    const r = cached(['--matrix', 'md']);
    assertSameAsFresh(r, [], `cache: ${files} of ${files} documents reused`, pristine(['--matrix', 'md']));
    assert.match(r.stdout, /^# /);
  });

  it('is in the usage, in both languages', () => {
    assert.match(run(['--help']).stdout, /--cache-location <パス>/);
    assert.match(run(['--help', '--locale', 'en']).stdout, /--cache +reuse the results/);
  });
});
