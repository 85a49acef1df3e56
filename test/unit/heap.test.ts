// The server's V8 flags: given on the command line by the VS Code client, set at run time otherwise.

import assert from 'node:assert/strict';
import { flagsToSet, NODE_FLAGS, SERVER_ENV } from '../../server/src/host/heap';
import { SERVER_ENV as CLIENT_SERVER_ENV, SERVER_NODE_FLAGS } from '../../client/src/settings';

describe('V8 flags of the server', () => {
  it('are the ones the VS Code client passes', () => {
    assert.deepEqual(SERVER_NODE_FLAGS, NODE_FLAGS);
    assert.deepEqual(NODE_FLAGS, ['--no-allocation-site-pretenuring', '--expose-gc', '--max-semi-space-size=16', '--enable-experimental-regexp-engine-on-excessive-backtracks']);
  });

  it('come with the environment the VS Code client gives the server', () => {
    assert.deepEqual(CLIENT_SERVER_ENV, SERVER_ENV);
    assert.deepEqual(SERVER_ENV, { MALLOC_ARENA_MAX: '2' });
  });

  it('are set at run time only when not given and when V8 still reads them, and never under Electron', () => {
    assert.deepEqual(flagsToSet([], { node: '20.20.2' }), ['--no-allocation-site-pretenuring', '--expose-gc', '--enable-experimental-regexp-engine-on-excessive-backtracks']);
    assert.deepEqual(flagsToSet(['--no-allocation-site-pretenuring'], { node: '20.20.2' }), ['--expose-gc', '--enable-experimental-regexp-engine-on-excessive-backtracks']);
    assert.deepEqual(flagsToSet(['--expose-gc', '--no-allocation-site-pretenuring', '--enable-experimental-regexp-engine-on-excessive-backtracks'], { node: '20.20.2' }), []);
    assert.deepEqual(flagsToSet(['--inspect=6009'], { node: '20.20.2' }), ['--no-allocation-site-pretenuring', '--expose-gc', '--enable-experimental-regexp-engine-on-excessive-backtracks']);
    assert.deepEqual(flagsToSet([], { node: '22.15.1', electron: '37.2.0' }), []);
  });
});
