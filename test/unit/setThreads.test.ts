// The threads of `check --concurrency` (cli/setThreads.ts): a thread that cannot start, throws, or
// ends in the middle of a set leaves its sets to the command's own thread, and the result is what
// one thread gives. (That the real thread gives the same is test/cli/threads.test.ts.)

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PolicyWorkspace } from '../../server/src/core/api';
import { fileUri, loadFolder, relativePath } from '../../server/src/host/folder';
import { runSetJob, type SetJob, type SetOutcome } from '../../server/src/cli/setJob';
import { newShare, type SetAnswer } from '../../server/src/cli/setShare';
import { compilesOnOwnThread, mayThread, mostThreads, runSetJobs, startThread, threadsFor } from '../../server/src/cli/setThreads';

const SETS = resolve(__dirname, '../fixtures/cli/sets');

describe('set threads', () => {
  let dir: string;
  let jobs: SetJob[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-trace-set-threads-'));
    const ws = new PolicyWorkspace();
    const files = await loadFolder(SETS, ws);
    jobs = ws.getConfig().sets.map((_, set) => ({ set, locale: 'ja', settings: ws.settings(), fixes: true, documents: [] }));
    for (const file of files) {
      for (const i of ws.setsIncluding(relativePath(SETS, file))) jobs[i].documents.push({ uri: fileUri(file), path: relativePath(SETS, file), file });
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Checks a set here as runSetJobs does, a quarter of a second late: time for any thread to take the next. */
  const slowly = (job: SetJob): SetOutcome => {
    const until = Date.now() + 250;
    while (Date.now() < until);
    return runSetJob(job);
  };

  const script = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('gives, when no thread works, what the sets checked here give', async () => {
    const here = await runSetJobs(jobs, [1, 1], 1);
    assert.deepEqual(here.map((o) => o.name), ['本庁', '病院']);
    assert.deepEqual(here.map((o) => o.found.map(([uri, list]) => [decodeURIComponent(uri.slice(uri.lastIndexOf('/sets/') + 6)), list.map((f) => f.code)])), [[], [['病院/基本方針.md', ['trace/missing-procedure']]]]);
    const broken = {
      missing: join(dir, 'none.js'),
      throws: script('throws.js', "throw new Error('cannot start');\n"),
      exits: script('exits.js', 'process.exit(3);\n'),
      diesOnJob: script('dies.js', "require('node:worker_threads').parentPort.on('message', () => process.exit(5));\n"),
      answersWrong: script('wrong.js', "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', () => { throw new Error('fault'); });\n"),
    };
    for (const [why, file] of Object.entries(broken)) assert.deepEqual(await runSetJobs(jobs, [1, 1], 2, file), here, why);
    // A thread that takes the second set from the shared counter, says so, and ends without
    // checking it: this thread, held at its first set until then, checks the second at the end.
    const taken = join(dir, 'taken');
    const takes = script('takes.js', `const { writeFileSync } = require('node:fs');\nrequire('node:worker_threads').parentPort.on('message', ({ next }) => { Atomics.add(next, 0, 1); writeFileSync(${JSON.stringify(taken)}, ''); process.exit(6); });\n`);
    const afterTaken = (job: SetJob): SetOutcome => {
      const until = Date.now() + 10_000;
      while (!existsSync(taken) && Date.now() < until);
      assert.ok(existsSync(taken), 'the thread took no set');
      return runSetJob(job);
    };
    assert.deepEqual(await runSetJobs(jobs, [1, 1], 2, takes, [], afterTaken), here);
  });

  it('says, on a thread as on the command\'s own, which files were gone or unreadable when the set read them', async () => {
    // Listed, then deleted before its set was read; and a folder whose name ends in .md.
    const gone = join(dir, 'gone.md');
    const folder = join(dir, 'folder.md');
    mkdirSync(folder);
    const withBad = jobs.map((job) => ({ ...job, documents: [...job.documents, { uri: fileUri(gone), path: 'gone.md', file: gone }, { uri: fileUri(folder), path: 'folder.md', file: folder }] }));
    const here = await runSetJobs(withBad, [1, 1], 1);
    const script = resolve(__dirname, '../../dist/cli-sets.js');
    assert.deepEqual(await runSetJobs(withBad, [1, 1], 2, script), here);
    // Asked directly, so that a thread that failed (and left its set to this one) cannot pass.
    const worker = new Worker(script);
    const answers: SetAnswer[] = [];
    await new Promise<void>((done, fail) => {
      worker.on('message', (answer: SetAnswer) => {
        answers.push(answer);
        if ('done' in answer) done();
      });
      worker.once('error', fail);
      worker.postMessage(newShare(withBad, [1]));
    });
    await worker.terminate();
    assert.deepEqual(answers, [{ at: 1, outcome: here[1] }, { done: true }]);
    for (const o of here) {
      assert.deepEqual(o.files.slice(-2), [{ file: gone, read: 'gone' }, { file: folder, read: 'unreadable' }]);
      assert.ok(o.files.slice(0, -2).every((f) => f.read === 'text'), o.name);
    }
    // The files that could be read are checked as without the others.
    assert.deepEqual(here.map((o) => o.found), (await runSetJobs(jobs, [1, 1], 1)).map((o) => o.found));
  });

  it('makes the findings\' fixes only for a job that asks for them, on a thread as here', async () => {
    const script = resolve(__dirname, '../../dist/cli-sets.js');
    const withFixes = await runSetJobs(jobs, [1, 1], 1);
    const without = jobs.map((job) => ({ ...job, fixes: false }));
    const strip = (outcomes: SetOutcome[]): SetOutcome[] => outcomes.map((o) => ({ ...o, found: o.found.map(([uri, list]) => [uri, list.map((f) => ({ ...f, fixes: [] }))]) }));
    const fixTitles = (outcomes: SetOutcome[]): string[] => outcomes.flatMap((o) => o.found.flatMap(([, list]) => list.flatMap((f) => f.fixes.map((x) => `${f.code} ${x.title}`))));
    assert.deepEqual(fixTitles(withFixes), ['trace/missing-procedure 実施手順を作成: 6(1) 組織体制']);
    for (const threads of [1, 2]) {
      const made = await runSetJobs(without, [1, 1], threads, script);
      assert.deepEqual(fixTitles(made), [], `${threads} thread(s)`);
      assert.deepEqual(made, strip(withFixes), `${threads} thread(s)`);
    }
    assert.deepEqual(fixTitles(await runSetJobs(jobs, [1, 1], 2, script)), fixTitles(withFixes));
  });

  it('gives its sets to a thread started before the plan, unless that thread has ended', async () => {
    const here = await runSetJobs(jobs, [1, 1], 1);
    // The started thread answers with a name of its own. This thread takes the first (largest)
    // set, and is made slow at it: the started one, listening by then, takes the second; a third
    // thread without a script takes nothing.
    const tagged = script('tagged.js', [
      "const { parentPort } = require('node:worker_threads');",
      "parentPort.on('message', ({ jobs, order, next }) => {",
      '  for (let k = Atomics.add(next, 0, 1); k < order.length; k = Atomics.add(next, 0, 1)) {',
      "    parentPort.postMessage({ at: order[k], outcome: { set: jobs[order[k]].set, name: 'started', coverage: [], found: [], inSet: [], documents: [], files: [] } });",
      '  }',
      '  parentPort.postMessage({ done: true });',
      '});',
      "parentPort.postMessage('listening');",
      '',
    ].join('\n'));
    for (const threads of [2, 3]) {
      const started = startThread(1, tagged)!;
      assert.deepEqual(await once(started, 'message'), ['listening']);
      assert.deepEqual((await runSetJobs(jobs, [2, 1], threads, join(dir, 'none.js'), [started], slowly)).map((o) => o.name), ['本庁', 'started'], `${threads} threads`);
    }
    // One that failed before it was given a set is passed over: a thread of the real script checks them.
    const failed = startThread(1, script('exits-early.js', 'process.exit(4);\n'))!;
    await once(failed, 'exit');
    assert.deepEqual(await runSetJobs(jobs, [1, 1], 2, resolve(__dirname, '../../dist/cli-sets.js'), [failed]), here);
    // With one thread the sets are checked here, and the started thread is ended.
    const idle = startThread(1, tagged)!;
    const exited = once(idle, 'exit');
    assert.deepEqual(await runSetJobs(jobs, [1, 1], 1, tagged, [idle]), here);
    await exited;
    assert.equal(startThread(1, join(dir, 'none.js')), undefined);
  });

  it('starts a thread before the plan only when the sets may get several', () => {
    assert.equal(mayThread('auto', 2), availableParallelism() > 1);
    assert.equal(mayThread('auto', 1), false);
    assert.equal(mayThread('off', 5), false);
    assert.equal(mayThread(1, 5), false);
    assert.equal(mayThread(3, 2), true);
    assert.equal(mayThread(3, 1), false);
    // The threads it would be part of, which decide how the started thread compiles.
    assert.equal(mostThreads('auto', 5), Math.min(5, availableParallelism()));
    assert.equal(mostThreads('auto', 2), Math.min(2, availableParallelism()));
    assert.equal(mostThreads(3, 2), 2);
    assert.equal(mostThreads(3, 7), 3);
  });

  it('has the other threads compile on their own thread only when no core is left over', () => {
    assert.equal(compilesOnOwnThread(2, 2), true);
    assert.equal(compilesOnOwnThread(3, 2), true);
    assert.equal(compilesOnOwnThread(2, 4), false);
    assert.equal(compilesOnOwnThread(1, 1), true);
  });

  it('makes a thread started for every core compile on itself, and leaves this thread\'s compiling as it was', () => {
    // What the flag does is V8's: a thread's engine reads it as the thread starts. Seen in V8's own
    // trace of each optimising compile (--trace-opt), in a process of its own.
    const worker = script('hot-worker.js', [
      'function hotInWorker(n) { let x = 0; for (let i = 0; i < n; i++) x = (x * 31 + i) | 0; return x; }',
      'let sum = 0;',
      'for (let k = 0; k < 3000; k++) sum += hotInWorker(1000);',
      "require('node:worker_threads').parentPort.postMessage(sum);",
      '',
    ].join('\n'));
    const main = script('hot-main.ts', [
      `import { startThread } from ${JSON.stringify(resolve(__dirname, '../../server/src/cli/setThreads'))};`,
      'const thread = startThread(Number(process.argv[2]), process.argv[3])!;',
      'thread.ref();',
      "thread.once('message', () => {",
      '  function hotHere(n: number): number { let x = 0; for (let i = 0; i < n; i++) x = (x * 17 + i) | 0; return x; }',
      '  let sum = 0;',
      '  for (let k = 0; k < 3000; k++) sum += hotHere(1000);',
      '  process.exitCode = sum === 0.5 ? 1 : 0;',
      '  void thread.terminate();',
      '});',
      '',
    ].join('\n'));
    const modes = (threads: number, name: string): string[] => {
      const out = execFileSync(process.execPath, ['--trace-opt', '--import', 'tsx', main, String(threads), worker], { encoding: 'utf8' });
      return [...new Set(out.split('\n').filter((l) => l.startsWith('[compiling method') && l.includes(`<JSFunction ${name} `)).map((l) => /mode: ConcurrencyMode::(\w+)/.exec(l)?.[1]))] as string[];
    };
    const cores = availableParallelism();
    for (const threads of [cores, 1]) {
      assert.deepEqual(modes(threads, 'hotInWorker'), [threads >= cores ? 'kSynchronous' : 'kConcurrent'], `${threads} threads on ${cores} cores`);
      assert.deepEqual(modes(threads, 'hotHere'), ['kConcurrent'], `${threads} threads on ${cores} cores: this thread`);
    }
  });

  it('uses threads, when auto, only for several sets of 20 MB in all, and only when it has the script', () => {
    const file = script('thread.js', '');
    assert.equal(threadsFor('auto', [9_000_000, 9_000_000], file), 1);
    assert.equal(threadsFor('auto', [10_000_000, 10_000_000], file), Math.min(2, availableParallelism()));
    assert.equal(threadsFor('auto', [90_000_000], file), 1);
    assert.equal(threadsFor('off', [9_000_000, 9_000_000], file), 1);
    assert.equal(threadsFor(8, [10, 10], file), 2);
    assert.equal(threadsFor(1, [10, 10], file), 1);
    assert.equal(threadsFor(8, [10, 10], join(dir, 'none.js')), 1);
    // Sets without files count for nothing.
    assert.equal(threadsFor(8, [10, 0, 0, 10, 0], file), 2);
    assert.equal(threadsFor('auto', [30_000_000, 0], file), 1);
  });
});
