// `check --format sarif | github | junit`: the findings where CIs show problems, exact output on
// small sets, and the same findings as the text output on the samples.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { ROOT, lines, run } from './run';
import { formatGithub, formatJunit } from '../../server/src/cli/ciFormats';
import { messagesFor } from '../../server/src/core/messages';
import type { FolderReport } from '../../server/src/cli/format';

const ORPHAN = '実施手順「日常点検手順」は対策基準・基本方針のどこにも紐付いていません。';
const MISSING = '措置 6(2)「物理的セキュリティ」には対策基準がありますが、それに基づく実施手順がありません。';

describe('policy-trace check: formats for CI', () => {
  it('github: one workflow command per finding, then the summary; the exit code as always', () => {
    const r = run(['check', 'warnings', '--format', 'github']);
    assert.deepEqual(lines(r.stdout), [
      `::warning file=warnings/基本方針.md,line=13,endLine=13,col=5,endColumn=18,title=trace/missing-procedure::${MISSING}`,
      `::notice file=warnings/実施手順/日常点検手順.md,line=1,endLine=1,col=3,endColumn=9,title=trace/orphan::${ORPHAN}`,
      '0 件のエラー、1 件の警告、1 件の情報、0 件のヒント（4 文書）',
    ]);
    assert.equal(r.status, 0);
    assert.equal(run(['check', 'warnings', '--format', 'github', '--max-warnings', '0']).status, 1);
  });

  it('github: a message or path cannot end the command early or add properties', () => {
    const report: FolderReport = {
      root: '/r', documents: 1, sets: [],
      findings: [{ uri: 'file:///r/a,b:c.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error', code: 'ref/unresolved', message: '100% です\n::error::偽' }],
    };
    assert.equal(formatGithub([report], { cwd: '/r', msg: messagesFor('ja') }).split('\n')[0],
      '::error file=a%2Cb%3Ac.md,line=1,endLine=1,col=1,endColumn=2,title=ref/unresolved::100%25 です%0A::error::偽');
  });

  it('junit: a suite per document, warnings and errors as failures, information as output', () => {
    const r = run(['check', 'warnings', '--format', 'junit']);
    assert.equal(r.stdout, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="policy-trace" tests="2" failures="1" errors="0">',
      '  <testsuite name="warnings/基本方針.md" tests="1" failures="1" errors="0">',
      `    <testcase classname="warnings/基本方針.md" name="13:5 trace/missing-procedure" file="warnings/基本方針.md" line="13"><failure type="trace/missing-procedure" message="${MISSING}">warning trace/missing-procedure warnings/基本方針.md:13:5\n${MISSING}</failure></testcase>`,
      '  </testsuite>',
      '  <testsuite name="warnings/実施手順/日常点検手順.md" tests="1" failures="0" errors="0">',
      `    <testcase classname="warnings/実施手順/日常点検手順.md" name="1:3 trace/orphan" file="warnings/実施手順/日常点検手順.md" line="1"><system-out>information trace/orphan warnings/実施手順/日常点検手順.md:1:3\n${ORPHAN}</system-out></testcase>`,
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  it('junit: a clean run is one passing case; markup and characters XML cannot hold are escaped or dropped', () => {
    assert.equal(run(['check', 'clean', '--format', 'junit']).stdout, [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="policy-trace" tests="1" failures="0" errors="0">',
      '  <testsuite name="policy-trace" tests="1" failures="0" errors="0">',
      '    <testcase classname="policy-trace" name="0 件のエラー、0 件の警告、0 件の情報、0 件のヒント（4 文書）"/>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
    const report: FolderReport = {
      root: '/r', documents: 1, sets: [],
      findings: [{ uri: 'file:///r/a.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error', code: 'ref/unresolved', message: '<b>"&\'</b>\u0001\ud800𠮷' }],
    };
    assert.match(formatJunit([report], { cwd: '/r', msg: messagesFor('en') }), /message="&lt;b&gt;&quot;&amp;&apos;&lt;\/b&gt;𠮷"/);
  });

  describe('sarif', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'policy-trace-sarif-'));
      cpSync(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const sarif = (): { log: Sarif.Log; status: number | null } => {
      const r = run(['check', 'samples', '--format', 'sarif'], { cwd: dir });
      return { log: JSON.parse(r.stdout) as Sarif.Log, status: r.status };
    };

    it('describes every rule, with its level and the README section on it', () => {
      const { log, status } = sarif();
      assert.equal(status, 1);
      assert.equal(log.version, '2.1.0');
      const run0 = log.runs[0];
      assert.equal(run0.columnKind, 'utf16CodeUnits');
      const rules = run0.tool.driver.rules!;
      assert.equal(rules.length, 24);
      assert.deepEqual(rules.find((r) => r.id === 'trace/suspect'), {
        id: 'trace/suspect', name: 'TraceSuspect',
        shortDescription: { text: '参照先の本文が、最後の確認（policy-trace.lock）の後に変わった。' },
        helpUri: 'https://github.com/policy-trace/policy-trace/blob/main/README.md#trace-suspect',
        defaultConfiguration: { level: 'warning' },
      });
    });

    it('has the findings of the text output, at the same places, each pointing at its rule', () => {
      const { log } = sarif();
      const text = lines(run(['check', 'samples'], { cwd: dir }).stdout).filter((l) => /^samples\//.test(l));
      const rules = log.runs[0].tool.driver.rules!;
      const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as Record<string, string>;
      const asText = log.runs[0].results!.map((r) => {
        assert.equal(rules[r.ruleIndex!].id, r.ruleId);
        const at = r.locations![0].physicalLocation!;
        assert.equal(at.artifactLocation!.uriBaseId, '%SRCROOT%');
        return `${decodeURIComponent(at.artifactLocation!.uri!)}:${at.region!.startLine}:${at.region!.startColumn} ${r.level} ${r.ruleId} ${r.message.text}`;
      });
      assert.deepEqual(asText, text.map((l) => l.replace(/ (error|warning|information|hint) /, (_, s: string) => ` ${LEVEL[s]} `)));
    });

    it('carries a finding\'s fixes as replacements, and its related places', () => {
      const { log } = sarif();
      const results = log.runs[0].results!;
      const suspect = results.find((r) => r.ruleId === 'trace/suspect')!;
      assert.deepEqual(suspect.locations![0].physicalLocation!.artifactLocation!.uri, 'samples/%E5%AF%BE%E7%AD%96%E5%9F%BA%E6%BA%96.md');
      assert.deepEqual(suspect.relatedLocations!.map((l) => [decodeURIComponent(l.physicalLocation!.artifactLocation!.uri!), l.physicalLocation!.region!.startLine, l.message!.text]), [
        ['samples/基本方針.md', 107, '6(6) 技術的セキュリティ'],
      ]);
      assert.deepEqual(suspect.fixes!.map((f) => f.description!.text), ['この参照を確認済みにする（policy-trace.lock）']);
      const change = suspect.fixes![0].artifactChanges[0];
      assert.equal(decodeURIComponent(change.artifactLocation.uri!), 'samples/policy-trace.lock');
      assert.equal(change.replacements.length, 1);
      assert.match(change.replacements[0].insertedContent!.text!, /^"[0-9a-f]{16}"$/);
      const inferred = results.find((r) => r.ruleId === 'trace/inferred-link')!;
      assert.equal(inferred.level, 'note');
      assert.deepEqual(inferred.properties, { severity: 'hint' });
      // A fix that would create a file (a new procedure) is left to the editor.
      assert.equal(results.find((r) => r.ruleId === 'trace/missing-procedure')!.fixes, undefined);
      // So is the one that mends every variant at once: each variant carries its own replacement.
      const variants = results.filter((r) => r.ruleId === 'term/variant');
      assert.equal(variants.length, 2);
      for (const v of variants) {
        assert.deepEqual(v.fixes!.map((f) => f.artifactChanges.map((c) => c.replacements.map((x) => x.deletedRegion))), [[[v.locations![0].physicalLocation!.region]]]);
      }
    });

    it('is printed the same from the cache, which keeps no fixes', () => {
      const first = run(['check', 'samples', '--format', 'sarif'], { cwd: dir });
      const debug = { POLICY_TRACE_DEBUG_CACHE: '1' };
      // A cache written by a JSON run: its reports keep no fixes, so SARIF is made from its facts.
      run(['check', 'samples', '--format', 'json', '--cache', '--cache-location', 'json.cache'], { cwd: dir });
      const fromFacts = run(['check', 'samples', '--format', 'sarif', '--cache', '--cache-location', 'json.cache'], { cwd: dir, env: debug });
      assert.equal(fromFacts.stdout, first.stdout);
      assert.equal(fromFacts.stderr, 'cache: 9 of 9 documents reused\n');
      // That run saved its SARIF: the next one prints it again.
      const again = run(['check', 'samples', '--format', 'sarif', '--cache', '--cache-location', 'json.cache'], { cwd: dir, env: debug });
      assert.equal(again.stdout, first.stdout);
      assert.equal(again.stderr, 'cache: result reused\n');
    });
  });
});
