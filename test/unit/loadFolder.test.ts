// Reading a folder: one file that cannot be read leaves the others to be checked, and is told.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder, readTextFile } from '../../server/src/host/folder';
import { eachFile } from '../../server/src/host/paths';
import { FIXTURES } from './helpers';

describe('loadFolder', () => {
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
