// The code action request: quick fixes from the diagnostics' data, and the one `source.fixAll.policyTrace`
// action that editor.codeActionsOnSave asks for.

import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { fixAllEdits, messagesFor } from '../core/api';
import { toCodeActions, type UriMapper } from './convert';
import { canonicalUri, type Folders } from './folders';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policyTrace`;

/** What the code action handler reads from the server's state. */
export interface FixContext {
  folders: Folders;
  locale: string | undefined;
  toClient: UriMapper;
}

export async function codeActions(params: CodeActionParams, context: FixContext): Promise<CodeAction[]> {
  const only = params.context.only;
  const quickFixes = !only || only.some((kind) => kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix)
    ? toCodeActions(params.context.diagnostics, context.toClient)
    : [];
  // Only on request: a source action is not a fix for the diagnostics under the cursor.
  const fixAll = only?.some((kind) => covers(kind, FIX_ALL_KIND)) ? await fixAllActions(params.textDocument.uri, context) : [];
  return [...quickFixes, ...fixAll];
}

/** `source` and `source.fixAll` ask for `source.fixAll.policyTrace` too, as code action kinds nest. */
function covers(requested: string, kind: string): boolean {
  return requested === kind || kind.startsWith(`${requested}.`);
}

/** No action when nothing needs fixing, so a save changes nothing and shows nothing. */
async function fixAllActions(uri: string, context: FixContext): Promise<CodeAction[]> {
  const key = canonicalUri(uri);
  const folder = key ? context.folders.ownerOf(key) : undefined;
  if (!key || !folder) return [];
  await folder.ready;
  const edits = fixAllEdits(folder.workspace.findings(context.locale).get(key) ?? [], key);
  if (!edits.length) return [];
  return [{ title: messagesFor(context.locale)('fixAllTitle'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } }];
}
