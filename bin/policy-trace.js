#!/usr/bin/env node
// The `policy-trace` command: the bundled CLI (built by `npm run build`, which `npm ci` runs).
require('../dist/cli.js');
