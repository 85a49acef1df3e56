// Bundles the client, the language server and the CLI with esbuild (one file each, CommonJS,
// Node 20). `--production` minifies and drops source maps: the .vsix and `npm ci` (prepare) build it so.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const production = process.argv.includes('--production');
// The build's id (server/src/cli/cache.ts toolId): bundled as this placeholder, then replaced in
// both bundles of the command by a hash of the two as built, of the same length so that the source
// maps stay true. A `check --cache` made by another build is then not taken for this one's.
const BUILD_PLACEHOLDER = 'policy-trace-build-id-to-be-written-here';
const BUILD_FILES = ['dist/cli.js', 'dist/cli-engine.js'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url), which CommonJS
  // output leaves undefined; give them this file's URL.
  define: { 'import.meta.url': 'importMetaUrl', POLICY_TRACE_BUILD: JSON.stringify(BUILD_PLACEHOLDER) },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// The CLI's engine (checker, matrix, server) is a bundle of its own, loaded only by runs that
// analyse: the command itself stays small, so `--version` and an unchanged `check --cache` start fast.
// The Word import and export (mammoth, docx) are another: most runs never read or write Word.
const engineApart = {
  name: 'engine-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/engine$/ }, () => ({ path: './cli-engine.js', external: true }));
    b.onResolve({ filter: /^\.\/wordEngine$/ }, () => ({ path: './cli-word.js', external: true }));
    b.onResolve({ filter: /^\.\/lspEngine$/ }, () => ({ path: './cli-lsp.js', external: true }));
  },
};

// The configuration's validator, made from its JSON schema here rather than at each start: compiling
// the schema with ajv took 90-100 ms of every run and of every thread of `check`. Written beside
// config.ts (not committed), so the tests, which run after the build, read the same code.
const schema = JSON.parse(readFileSync('schemas/policy-trace.schema.json', 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
writeFileSync('server/src/core/configValidator.js', `// Made by scripts/build.mjs from schemas/policy-trace.schema.json: do not edit.\n${standaloneCode(ajv, ajv.compile(schema))}\n`);

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [engineApart] }),
  build({ ...common, entryPoints: ['server/src/cli/engine.ts'], outfile: 'dist/cli-engine.js' }),
  build({ ...common, entryPoints: ['server/src/cli/wordEngine.ts'], outfile: 'dist/cli-word.js' }),
  build({ ...common, entryPoints: ['server/src/cli/lspEngine.ts'], outfile: 'dist/cli-lsp.js' }),
  build({ ...common, entryPoints: ['server/src/cli/setWorker.ts'], outfile: 'dist/cli-sets.js', plugins: [engineApart] }),
]);

{
  const bundles = BUILD_FILES.map((file) => readFileSync(file, 'utf8'));
  const id = createHash('sha1').update(bundles.join('\u0000')).digest('hex');
  if (id.length !== BUILD_PLACEHOLDER.length) throw new Error('the build id and its placeholder differ in length');
  bundles.forEach((text, i) => {
    if (!text.includes(BUILD_PLACEHOLDER)) throw new Error(`${BUILD_FILES[i]} has no build id to write`);
    writeFileSync(BUILD_FILES[i], text.replaceAll(BUILD_PLACEHOLDER, id));
  });
}

// The engine's code cache (server/src/cli/codeCache.ts): made by a check of the samples run as the
// command runs (node with the flags of bin/policy-trace.js's first line), for V8 takes a cache only
// under the flags it was made with. Without it the command works as well, compiling as it goes.
const startFlags = readFileSync('bin/policy-trace.js', 'utf8').split('\n')[0].split(/\s+/).filter((a) => a.startsWith('--'));
const made = spawnSync(process.execPath, [...startFlags, 'bin/policy-trace.js', 'check', 'samples', '--format', 'json', '--concurrency', 'off'], {
  env: { ...process.env, POLICY_TRACE_MAKE_CODE_CACHE: '1' }, stdio: 'ignore',
});
if (made.status !== 0 && made.status !== 1) throw new Error(`making the engine's code cache failed (exit ${made.status})`);
