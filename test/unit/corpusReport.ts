// `npm run corpus`: per set of test/fixtures/realworld/rw*, how many expected findings the checker
// reports and what it reports that nobody expected; the README's "Real-world corpus" table.

import { actual, compare, corpusSets, readExpected } from './corpus';

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  let expected = 0;
  let found = 0;
  let unwanted = 0;
  const rows: string[] = ['| set | findings expected | found | unwanted | measures | tiers | terms |', '| --- | ---: | ---: | ---: | --- | --- | --- |'];
  for (const set of corpusSets()) {
    const want = readExpected(set);
    const got = await actual(set);
    const f = compare(want.findings, got.findings);
    const m = compare(want.measures, got.measures);
    const t = compare(want.tiers, got.tiers);
    const terms = compare(want.terms, got.terms);
    expected += f.expected;
    found += f.found;
    unwanted += f.unwanted.length;
    const mark = (c: { missed: string[]; unwanted: string[] }): string => (c.missed.length || c.unwanted.length ? `${c.missed.length} missed, ${c.unwanted.length} extra` : 'as expected');
    rows.push(`| ${set} | ${f.expected} | ${f.found} | ${f.unwanted.length} | ${mark(m)} | ${mark(t)} | ${mark(terms)} |`);
    if (verbose) {
      for (const [name, c] of [['findings', f], ['measures', m], ['tiers', t], ['terms', terms]] as const) {
        for (const x of c.missed) console.error(`${set} ${name} missed:   ${x}`);
        for (const x of c.unwanted) console.error(`${set} ${name} unwanted: ${x}`);
      }
    }
  }
  rows.push(`| **all** | **${expected}** | **${found}** | **${unwanted}** | | | |`);
  console.log(rows.join('\n'));
}

void main();
