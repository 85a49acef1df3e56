// Markdown links to places in the workspace, as VS Code opens them from hovers (file#L12).

import type { NodeRef } from '../index/traceIndex';
import { nodeSpan } from '../checks/context';
import type { Location } from '../types';

export function locationOf(n: NodeRef): Location {
  return { uri: n.doc.uri, range: n.doc.lines.range(nodeSpan(n)) };
}

export function markdownLink(text: string, n: NodeRef): string {
  const line = n.doc.lines.position(nodeSpan(n).start).line + 1;
  return `[${escapeMarkdown(text)}](${n.doc.uri}#L${line})`;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
