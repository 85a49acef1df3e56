// The traceability requests through the real server: policyTrace/matrix and policyTrace/exportMatrix.

import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { REPO, Server, uriOf } from './harness';

const ROOT = join(REPO, 'test', 'fixtures', 'cli', 'clean');
const POLICY = uriOf(join(ROOT, '基本方針.md'));
const STANDARDS = uriOf(join(ROOT, '対策基準.md'));
const PROCEDURE = uriOf(join(ROOT, '実施手順', '体制手順.md'));
const PROCEDURE2 = uriOf(join(ROOT, '実施手順', '入退室手順.md'));
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('protocol: traceability matrix requests', () => {
  let server: Server;
  before(async () => {
    server = await Server.start({ root: ROOT });
    await server.waitForFirstPublish([POLICY, STANDARDS, PROCEDURE, PROCEDURE2]);
  });
  after(() => server.stop());

  it('answers policyTrace/matrix with the rows of the document\'s set, locations in the client\'s URIs', async () => {
    const result = await server.connection.sendRequest('policyTrace/matrix', { uri: STANDARDS });
    assert.deepEqual(result, {
      matrices: [{
        name: '',
        counts: { 'covered': 2, 'missing-procedure': 0, 'missing-standard': 0, 'waived': 0 },
        rows: [
          {
            id: '6(1)', title: '組織体制', location: { uri: POLICY, path: '基本方針.md', range: range(8, 4, 8, 12) },
            standards: [{ id: '2', title: '組織体制', name: '2 組織体制', location: { uri: STANDARDS, path: '対策基準.md', range: range(6, 3, 6, 9) }, procedures: [0] }],
            procedures: [{ document: '体制運営手順', name: '体制運営手順', location: { uri: PROCEDURE, path: '実施手順/体制手順.md', range: range(5, 2, 5, 8) } }],
            status: 'covered',
          },
          {
            id: '6(2)', title: '物理的セキュリティ', location: { uri: POLICY, path: '基本方針.md', range: range(12, 4, 12, 17) },
            standards: [{ id: '3', title: '物理的セキュリティ', name: '3 物理的セキュリティ', location: { uri: STANDARDS, path: '対策基準.md', range: range(10, 3, 10, 14) }, procedures: [0] }],
            procedures: [{ document: '入退室管理手順', section: '1 入室', name: '入退室管理手順 › 1 入室', location: { uri: PROCEDURE2, path: '実施手順/入退室手順.md', range: range(6, 3, 6, 7) } }],
            status: 'covered',
          },
        ],
      }],
    });
    // Without a document: every set of every folder, here the same one.
    assert.deepEqual(await server.connection.sendRequest('policyTrace/matrix', {}), result);
  });

  it('renders CSV and Markdown through policyTrace/exportMatrix, links relative to the target file', async () => {
    const csv = await server.connection.sendRequest('policyTrace/exportMatrix', { uri: POLICY, format: 'csv' });
    assert.equal(csv, '\uFEFF' + [
      '措置,表題,対策基準,対策基準数,実施手順,実施手順数,状態,備考,場所',
      '6(1),組織体制,2 組織体制 (対策基準.md:7),1,体制運営手順 (実施手順/体制手順.md:6),1,○ 充足,,基本方針.md:9',
      '6(2),物理的セキュリティ,3 物理的セキュリティ (対策基準.md:11),1,入退室管理手順 › 1 入室 (実施手順/入退室手順.md:7),1,○ 充足,,基本方針.md:13',
      '',
    ].join('\r\n'));
    const md = await server.connection.sendRequest('policyTrace/exportMatrix', { uri: POLICY, format: 'md', target: uriOf(join(ROOT, 'reports', 'm.md')) }) as string;
    assert.equal(md.split('\n')[6], '| [6(1)](../基本方針.md#L9) | 組織体制 | [2 組織体制](../対策基準.md#L7) | 1 | [体制運営手順](../実施手順/体制手順.md#L6) | 1 | ○ 充足 | |');
  });

  it('renders a matrix for publication: the non-public procedures counted, not named', async () => {
    const csv = await server.connection.sendRequest('policyTrace/exportMatrix', { uri: POLICY, format: 'csv', public: true });
    assert.equal(csv, '\uFEFF' + [
      '措置,表題,対策基準,対策基準数,実施手順,実施手順数,状態,備考,場所',
      '6(1),組織体制,2 組織体制 (対策基準.md:7),1,非公開 1件,1,○ 充足,,基本方針.md:9',
      '6(2),物理的セキュリティ,3 物理的セキュリティ (対策基準.md:11),1,非公開 1件,1,○ 充足,,基本方針.md:13',
      '',
    ].join('\r\n'));
  });

  it('renders the webview page: a strict CSP, the style by nonce, links as command URIs, no script', async () => {
    const html = await server.connection.sendRequest('policyTrace/exportMatrix', { uri: POLICY, format: 'html', generated: '2025-04-01 09:30', webview: { nonce: 'n0nce' } }) as string;
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-n0nce&#39;; img-src &#39;none&#39;; script-src &#39;none&#39;; form-action &#39;none&#39;">`));
    assert.ok(html.includes('<style nonce="n0nce">'));
    assert.ok(html.includes('<p class="generated">作成日時: 2025-04-01 09:30</p>'));
    const href = `command:policyTrace.openLocation?${encodeURIComponent(JSON.stringify([STANDARDS, 6]))}`;
    assert.ok(html.includes(`<li><a href="${href}">2 組織体制</a></li>`), href);
    assert.ok(!/<script/i.test(html));
  });

  it('answers an unknown format with null, and a document outside every folder with no matrices', async () => {
    assert.equal(await server.connection.sendRequest('policyTrace/exportMatrix', { uri: POLICY, format: 'pdf' }), null);
    assert.deepEqual(await server.connection.sendRequest('policyTrace/matrix', { uri: 'file:///nowhere/x.md' }), { matrices: [] });
  });
});
