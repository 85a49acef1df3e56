// The extension manifest agrees with the code: setting defaults, commands, translations, the schema.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { COMMANDS, DEFAULTS } from '../../client/src/settings';

const root = join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const manifest = readJson('package.json');
const nls: Record<string, Record<string, string>> = {
  'package.nls.json': readJson('package.nls.json'),
  'package.nls.ja.json': readJson('package.nls.ja.json'),
};

/** Every `%key%` placeholder anywhere in the manifest. */
function placeholders(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m) out.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) placeholders(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) placeholders(v, out);
  }
  return out;
}

describe('extension manifest', () => {
  it('declares exactly the settings the client knows, with the same defaults', () => {
    const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;
    const declared = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, p.default]));
    assert.deepEqual(declared, DEFAULTS);
  });

  it('declares exactly the commands the client registers', () => {
    const ids = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, Object.values(COMMANDS).sort());
    // Features register their own commands in their own files (matrixView.ts …).
    const source = readdirSync(join(root, 'client/src')).map((f) => readFileSync(join(root, 'client/src', f), 'utf8')).join('\n');
    for (const name of Object.keys(COMMANDS)) {
      assert.match(source, new RegExp(`registerCommand\\(COMMANDS\\.${name}\\b`), `${name} is registered`);
    }
  });

  it('has every %key% translated in English and Japanese, and no unused translation', () => {
    const keys = placeholders(manifest);
    assert.ok(keys.size >= 4, 'the manifest uses placeholders');
    for (const [file, table] of Object.entries(nls)) {
      assert.deepEqual([...keys].filter((k) => !(k in table)), [], `missing in ${file}`);
      assert.deepEqual(Object.keys(table).filter((k) => !keys.has(k)), [], `unused in ${file}`);
      for (const [k, v] of Object.entries(table)) assert.ok(v.trim() && !/^%.*%$/.test(v), `${file} ${k} is text`);
    }
  });

  it('points at files that exist: main, icon, grammar, schema, CLI', () => {
    const paths = [
      'client/src/extension.ts',
      manifest.icon,
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.jsonValidation.map((v: { url: string }) => v.url),
      ...Object.values(manifest.bin as Record<string, string>),
    ];
    for (const p of paths) assert.ok(existsSync(join(root, p)), p);
    assert.equal(manifest.main, './dist/client.js');
    const grammar = readJson(manifest.contributes.grammars[0].path);
    assert.equal(grammar.scopeName, manifest.contributes.grammars[0].scopeName);
    assert.deepEqual(manifest.contributes.grammars[0].injectTo, ['text.html.markdown']);
  });

  it('activates on Markdown only, and is safe in untrusted workspaces', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown']);
    // Limited: in an untrusted workspace the prh dictionaries' regular expressions are not run.
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /^%untrustedWorkspaces\.description%$/);
  });
});

describe('policy-trace.json schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(readJson('schemas/policy-trace.schema.json'));
  const ok = (config: unknown) => {
    const valid = validate(config);
    return valid ? 'valid' : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
  };

  it('accepts an empty configuration and a full one', () => {
    assert.equal(ok({}), 'valid');
    assert.equal(ok({
      $schema: './node_modules/policy-trace/schemas/policy-trace.schema.json',
      include: ['policies/**/*.md'],
      exclude: ['**/draft/**'],
      tiers: { policy: ['基本方針.md'], standard: ['対策基準/**/*.md'], procedure: ['実施手順/**/*.md'] },
      sets: [{ name: '病院', include: ['hospital/**/*.md'], exclude: ['hospital/old/**'], tiers: { policy: ['hospital/基本方針.md'] } }],
      severity: { 'trace/orphan': 'off', 'trace/unresolved-reference': 'warning', 'trace/inferred-link': 'hint' },
      measuresSection: '情報セキュリティ対策',
      orphanExemptTitles: ['総則', '附則'],
    }), 'valid');
  });

  it('rejects unknown keys, unknown rules, bad severities and incomplete sets', () => {
    assert.equal(ok({ includes: ['**/*.md'] }), '/ must NOT have additional properties');
    assert.equal(ok({ severity: { 'trace/typo': 'error' } }), '/severity must NOT have additional properties');
    assert.equal(ok({ severity: { 'trace/orphan': 'fatal' } }), '/severity/trace~1orphan must be equal to one of the allowed values');
    assert.equal(ok({ sets: [{ include: ['a/**'] }] }), "/sets/0 must have required property 'name'");
    assert.equal(ok({ tiers: { policy: '基本方針.md' } }), '/tiers/policy must be array');
    assert.equal(ok({ measuresSection: '' }), '/measuresSection must NOT have fewer than 1 characters');
  });
});
