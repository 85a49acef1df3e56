// The floor: what any checker must pay at least. Reads every file, NFKC-normalises it and finds
// every defined term in one scan.
import { readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { TERMS } from './generate.mjs';

const dir = process.argv[2];
const regex = new RegExp(TERMS.map(([t]) => t).sort((a, b) => b.length - a.length).join('|'), 'g');
const start = performance.now();
let uses = 0;
for (const file of await glob('**/*.md', { cwd: dir, absolute: true })) {
  const text = readFileSync(file, 'utf8').normalize('NFKC');
  for (const _ of text.matchAll(regex)) uses++;
}
process.stdout.write(JSON.stringify({ ms: performance.now() - start, uses }) + '\n');
