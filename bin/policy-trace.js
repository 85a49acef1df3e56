#!/usr/bin/env -S node --max-semi-space-size=4 --max-inlined-bytecode-size-cumulative=200 --single-threaded-gc
// The `policy-trace` command: the bundled CLI (built by `npm run build`, which `npm ci` runs).
// The first line gives node the flags V8 reads only as it starts (CLI_START_FLAGS in
// server/src/host/heap.ts): npm's link to this file starts node with them.
require('../dist/cli.js');
