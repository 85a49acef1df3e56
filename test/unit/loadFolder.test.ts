// Reading a folder: one file that cannot be read leaves the others to be checked, and is told.

import assert from 'node:assert/strict';
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
});
