// Reading a folder: one file that cannot be read leaves the others to be checked, and is told.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from '../../server/src/core/api';
import { loadFolder, readTextFile } from '../../server/src/host/folder';
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
});
