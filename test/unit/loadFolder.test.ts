// Reading a folder: one file that cannot be read leaves the others to be checked, and is told.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder, readTextFile } from '../../server/src/host/folder';
import { eachFile, listFiles } from '../../server/src/host/paths';
import { FIXTURES } from './helpers';

describe('loadFolder', () => {
  it('lists each real file once, under its own path, with its size; refuses links out and to FIFOs, passes over dangling links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-trace-list-'));
    try {
      const root = join(dir, '町');
      mkdirSync(join(root, '基準'), { recursive: true });
      writeFileSync(join(root, '基本方針.md'), '# 基本方針\n');
      writeFileSync(join(root, '基準', '𠮷野.md'), '# 対策基準\n\n本文。\n');
      writeFileSync(join(dir, '外部.md'), '# 外部\n');
      // A folder reached through a link, a file linked to a file inside, a link out, a dangling link,
      // a FIFO (not listed) and a link to it.
      symlinkSync(join(root, '基準'), join(root, '別名'));
      symlinkSync(join(root, '基本方針.md'), join(root, 'リンク.md'));
      symlinkSync(join(dir, '外部.md'), join(root, '外部.md'));
      symlinkSync(join(root, 'ない.md'), join(root, '切れた.md'));
      execFileSync('mkfifo', [join(root, 'パイプ.md')]);
      symlinkSync(join(root, 'パイプ.md'), join(root, '管.md'));
      const refused: string[] = [];
      const sizes = new Map<string, number>();
      const files = await listFiles(root, ['**/*.md'], (path, why) => refused.push(`${path.slice(root.length + 1)} ${why}`), undefined, sizes);
      assert.deepEqual(files.map((f) => f.slice(root.length + 1)), ['基本方針.md', '基準/𠮷野.md']);
      assert.deepEqual(refused.sort(), ['外部.md outside', '管.md special']);
      assert.deepEqual(files.map((f) => sizes.get(f)), [15, 26]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips a file it cannot read, tells why, and loads the rest', async () => {
    const root = join(FIXTURES, '..', 'fixtures', 'cli', 'clean');
    const ws = new PolicyWorkspace();
    const refused: string[] = [];
    await loadFolder(root, ws, undefined, {
      readText: async (path) => {
        if (path.endsWith('対策基準.md')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readTextFile(path);
      },
      refused: (path, why) => refused.push(`${path.slice(root.length + 1)} ${why}`),
    });
    assert.deepEqual(refused, ['対策基準.md unreadable']);
    assert.deepEqual(ws.uris().map((u) => decodeURIComponent(u).split('/clean/')[1]).sort(), ['基本方針.md', '実施手順/体制手順.md', '実施手順/入退室手順.md']);
  });

  it('gives the files read elsewhere (the CLI\'s threads) with the sizes the listing found, and reads the others', async () => {
    const root = join(FIXTURES, '..', 'fixtures', 'cli', 'clean');
    const ws = new PolicyWorkspace();
    let given: [string, number | undefined][] = [];
    const files = await loadFolder(root, ws, undefined, {
      readElsewhere: (listed, sizes) => {
        given = listed.map((file) => [file.slice(root.length + 1), sizes.get(file)]);
        return new Set(listed.filter((file) => file.includes('実施手順')));
      },
    });
    assert.deepEqual(given, files.map((file) => [file.slice(root.length + 1), statSync(file).size]));
    assert.deepEqual(given.map(([path]) => path), ['基本方針.md', '実施手順/体制手順.md', '実施手順/入退室手順.md', '対策基準.md']);
    assert.ok(given.every(([, size]) => size! > 100), JSON.stringify(given));
    assert.deepEqual(ws.uris().map((u) => decodeURIComponent(u).split('/clean/')[1]).sort(), ['基本方針.md', '対策基準.md']);
  });

  it('asks the file system file after file while it is quick, and for the rest all at once once it is slow, with the same answers in order', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `f${i}`);
    const asked: string[] = [];
    const sync = (item: string): string => { asked.push(`sync ${item}`); return item.toUpperCase(); };
    const async = async (item: string): Promise<string> => { asked.push(`async ${item}`); return item.toUpperCase(); };
    const quick = await eachFile(items, sync, async, Infinity);
    assert.deepEqual(quick, items.map((i) => i.toUpperCase()));
    assert.ok(asked.every((a) => a.startsWith('sync ')));
    asked.length = 0;
    // A probe that always finds the file system slow: the first 32 one by one, the rest at once.
    const slow = await eachFile(items, sync, async, -1);
    assert.deepEqual(slow, quick);
    assert.deepEqual(asked.filter((a) => a.startsWith('sync ')).length, 32);
    assert.deepEqual(asked.slice(32), items.slice(32).map((i) => `async ${i}`));
  });
});
