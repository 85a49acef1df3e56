// The peer teams run today for 表記ゆれ: textlint with textlint-rule-prh and a prh.yml of the same
// terms and variants the corpus has. Times one run over the corpus.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TERMS } from './generate.mjs';

const dir = resolve(process.argv[2]);
const prh = join(dir, '.prh.yml');
const rules = TERMS.filter(([term, , variant]) => variant !== term)
  .map(([term, , variant]) => `  - expected: ${term}\n    pattern: ${variant}`).join('\n');
writeFileSync(prh, `version: 1\nrules:\n${rules}\n`);
const config = join(dir, '.textlintrc.json');
writeFileSync(config, JSON.stringify({ rules: { prh: { rulePaths: [prh] } } }));
const start = performance.now();
const r = spawnSync(process.execPath, [resolve('node_modules/textlint/bin/textlint.js'), '--config', config, '--format', 'json', `${dir}/**/*.md`],
  { encoding: 'utf8', maxBuffer: 1 << 30 });
const ms = performance.now() - start;
if (r.status !== 0 && r.status !== 1) throw new Error(`textlint failed: ${r.stderr.slice(0, 500)}`);
const messages = JSON.parse(r.stdout).reduce((n, f) => n + f.messages.length, 0);
process.stdout.write(JSON.stringify({ ms, messages }) + '\n');
