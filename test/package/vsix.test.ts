// `npm run package` makes a small .vsix with only the bundles and the files the extension reads.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = join(__dirname, '..', '..');
const vsix = join(root, 'policy-trace.vsix');

interface ZipEntry { name: string; method: number; compressedSize: number; localHeaderOffset: number }

/** The entries of a zip file, read from its central directory. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory found');
  const count = zip.readUInt16LE(end + 10);
  const entries: ZipEntry[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory header');
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry's content (stored or deflated). */
function zipRead(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  const data = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(data, data + entry.compressedSize);
  return entry.method === 0 ? raw : inflateRawSync(raw);
}

describe('npm run package', function () {
  this.timeout(120_000);
  let zip: Buffer;
  let entries: ZipEntry[];

  before(() => {
    rmSync(vsix, { force: true });
    const run = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', timeout: 110_000 });
    assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}\n${run.stderr}`);
    zip = readFileSync(vsix);
    entries = zipEntries(zip);
  });

  after(() => {
    rmSync(vsix, { force: true });
    // Put back the development bundles (with source maps) that the production build replaced.
    spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  });

  it('holds exactly the bundles, the manifest, the docs, the schema, the grammar and the icon', () => {
    assert.deepEqual(entries.map((e) => e.name).sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/bin/policy-trace.js',
      'extension/changelog.md',
      'extension/dist/cli-engine.js',
      'extension/dist/cli-lsp.js',
      'extension/dist/cli-sets.js',
      'extension/dist/cli-word.js',
      'extension/dist/cli.js',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/images/icon.png',
      'extension/l10n/bundle.l10n.ja.json',
      'extension/package.json',
      'extension/package.nls.ja.json',
      'extension/package.nls.json',
      'extension/readme.md',
      'extension/schemas/policy-trace.schema.json',
      'extension/syntaxes/policy-trace.injection.tmLanguage.json',
    ]);
    for (const { name } of entries) {
      assert.doesNotMatch(name, /\.ts$|\.map$|node_modules|samples|\/test\//, name);
    }
  });

  it('is small: under 2 MB', () => {
    assert.ok(statSync(vsix).size < 2 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  it('packs a manifest whose main, icon, grammar, schema and CLI are all inside', () => {
    const manifest = JSON.parse(zipRead(zip, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    const names = new Set(entries.map((e) => e.name));
    const inside = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
    for (const p of [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.jsonValidation.map((v: { url: string }) => v.url),
      ...Object.values(manifest.bin as Record<string, string>),
    ]) {
      assert.ok(names.has(inside(p)), p);
    }
  });

  it('runs the packed CLI, both of its bundles, as the checker the tests build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-trace-vsix-'));
    try {
      for (const entry of entries.filter((e) => e.name.startsWith('extension/'))) {
        const path = join(dir, entry.name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, zipRead(zip, entry));
      }
      const args = ['check', join(root, 'samples'), '--format', 'json'];
      const packed = spawnSync(process.execPath, [join(dir, 'extension', 'bin', 'policy-trace.js'), ...args], { encoding: 'utf8' });
      const built = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
      assert.equal(packed.stderr, '');
      assert.equal(packed.status, 1);
      assert.equal(packed.stdout, built.stdout);
      assert.ok((JSON.parse(packed.stdout) as { diagnostics: unknown[] }).diagnostics.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the protocol machinery out of the engine that every thread of a check loads, in the server\'s bundle of the CLI', () => {
    const bundle = (name: string): string => zipRead(zip, entries.find((e) => e.name === `extension/dist/${name}`)!).toString('utf8');
    // JSON-RPC's header: vscode-jsonrpc writes and reads it.
    assert.doesNotMatch(bundle('cli-engine.js'), /Content-Length/);
    assert.match(bundle('cli-lsp.js'), /Content-Length/);
  });

  it('bundles the client with vscode left external and the language client inside', () => {
    const client = zipRead(zip, entries.find((e) => e.name === 'extension/dist/client.js')!).toString('utf8');
    assert.match(client, /require\("vscode"\)/);
    assert.doesNotMatch(client, /require\("vscode-languageclient/);
    assert.doesNotMatch(client, /sourceMappingURL/);
  });
});

