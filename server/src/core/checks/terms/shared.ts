// What the term rules share: pointing at where a term is defined.

import type { RelatedInfo } from '../../types';
import type { GlossaryEntry } from '../../terms/glossary';
import type { CheckContext } from '../context';

export function definitionRelated(entry: GlossaryEntry | undefined, ctx: CheckContext): RelatedInfo[] {
  return (entry?.definitions ?? []).map((d) => ({ uri: d.doc.uri, range: d.doc.lines.range(d.span), message: ctx.msg('relatedDefinition', d.term) }));
}
