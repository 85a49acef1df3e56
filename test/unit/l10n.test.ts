// Every message of the server and the CLI has its Japanese in the l10n bundle the client uses too.

import assert from 'node:assert/strict';
import bundle from '../../l10n/bundle.l10n.ja.json';
import { bundleKey, MESSAGE_IDS, messagesFor } from '../../server/src/core/messages';

describe('localisation', () => {
  it('has a Japanese translation for every message, with the same placeholders', () => {
    const japanese = bundle as Record<string, string>;
    const en = messagesFor('en');
    const holes = (s: string) => [...s.matchAll(/\{(\d)\}/g)].map((m) => m[1]).sort().join();
    assert.ok(MESSAGE_IDS.length > 100, `${MESSAGE_IDS.length} messages`);
    for (const id of MESSAGE_IDS) {
      const ja = japanese[bundleKey(id)];
      assert.ok(ja, `no Japanese for ${id}`);
      const source = en(id, '{0}', '{1}', '{2}', '{3}', '{4}');
      assert.equal(holes(ja), holes(source), `placeholders of ${id}`);
    }
  });

  it('speaks Japanese unless the locale is English', () => {
    assert.equal(messagesFor('ja')('hoverNoStandard'), '対策基準なし');
    assert.equal(messagesFor(undefined)('hoverNoStandard'), '対策基準なし');
    assert.equal(messagesFor('en-US')('hoverNoStandard'), 'no standards');
    assert.equal(messagesFor('en_US.UTF-8')('hoverNoStandard'), 'no standards');
  });
});
