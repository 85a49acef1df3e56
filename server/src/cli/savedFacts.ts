// The facts `check --cache` saved, put back into a workspace, and what is kept of each analysed
// document to save again: the same on the command's thread and on the threads of --concurrency.

import { TIERS, type ComputedFacts, type DocumentFacts, type PolicyWorkspace } from '../core/api';
import { decodeFacts, encodeFacts } from '../core/factsCodec';

/** What runCheck keeps of an analysed document (see check.ts). */
export interface DocumentNote { uri: string; title: string; saved?: Record<string, unknown>; reused: boolean }

/**
 * Gives the workspace a file's saved facts (by configured tier, '' for none), each noted in
 * `primed` with its encoded form, to be saved again as it is.
 */
export function primeSaved(ws: PolicyWorkspace, uri: string, path: string, saved: Record<string, unknown>, primed: WeakMap<DocumentFacts, unknown>): void {
  for (const [key, encoded] of Object.entries(saved)) {
    const tier = TIERS.find((t) => t === key);
    if (key !== '' && !tier) continue;
    const facts = decodeFacts(encoded);
    // The same bytes under another folder or name make other facts (uri, path, path-based tier).
    if (!facts || facts.uri !== uri || facts.path !== path) continue;
    ws.primeFacts(uri, tier, facts);
    primed.set(facts, encoded);
  }
}

/** The note of a document's facts: its title, with --cache its facts to save, whether all were saved ones. */
export function noteOf(uri: string, computed: ComputedFacts[], primed: WeakMap<DocumentFacts, unknown>, withSaved: boolean): DocumentNote | undefined {
  if (!computed.length) return undefined;
  return {
    uri,
    title: computed[0].facts.title,
    ...(withSaved ? { saved: Object.fromEntries(computed.map((c) => [c.configTier ?? '', primed.get(c.facts) ?? encodeFacts(c.facts)])) } : {}),
    reused: computed.every((c) => primed.has(c.facts)),
  };
}
