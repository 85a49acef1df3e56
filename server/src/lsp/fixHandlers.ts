// The code action request: quick fixes for the diagnostics under the cursor, and the one
// `source.fixAll.policyTrace` action that editor.codeActionsOnSave asks for.
//
// A fix is never taken from the diagnostic the client hands back: that diagnostic was published for
// an older text. The fix is computed again from the server's current text, and its edit names the
// document versions it was made for (exactEdits.ts), so an edit can only land on the text it fits.
// Clients that resolve code actions get the edit only when the user picks the action.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { fixAllEdits, messagesFor, type Finding } from '../core/api';
import { isRuleCode, SOURCE, type UriMapper } from './convert';
import { withFreshFiles, type EditSources, type FileEdits } from './exactEdits';
import { canonicalUri, type Folder, type Folders } from './folders';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policyTrace`;

/** What the code action handlers read from the server's state. */
export interface FixContext {
  folders: Folders;
  locale: string | undefined;
  toClient: UriMapper;
  sources: EditSources;
  /** The client asks for an action's edit when the user picks it (codeAction/resolve). */
  resolvesEdits: boolean;
}

/** Where an action comes from, so its edit can be computed again when it is applied. */
export type ActionData =
  | { uri: string; finding: { code: string; message: string; range: Range }; fix: string }
  | { uri: string; fixAll: true };

export async function codeActions(params: CodeActionParams, context: FixContext): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && isRuleCode(d.code));
  const wantsQuickFixes = !only || only.some((kind) => kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix);
  // Only on request: a source action is not a fix for the diagnostics under the cursor.
  const wantsFixAll = only?.some((kind) => covers(kind, FIX_ALL_KIND)) ?? false;
  if (!(wantsQuickFixes && ours.length) && !wantsFixAll) return [];
  const found = await documentFindings(uri, context);
  if (!found) return [];
  const actions: CodeAction[] = [];
  if (wantsQuickFixes) {
    for (const d of ours) {
      const f = currentFinding(found.findings, d);
      f?.fixes.forEach((fix, i) => actions.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], ...(i === 0 ? { isPreferred: true } : {}),
        data: { uri, finding: { code: f.code, message: f.message, range: f.range }, fix: fix.title } satisfies ActionData,
      }));
    }
  }
  // No action when nothing needs fixing, so a save changes nothing and shows nothing.
  if (wantsFixAll && fixAllEdits(found.findings, found.key).length) {
    actions.push({ title: messagesFor(context.locale)('fixAllTitle'), kind: FIX_ALL_KIND, data: { uri, fixAll: true } satisfies ActionData });
  }
  if (context.resolvesEdits) return actions;
  const out: CodeAction[] = [];
  for (const action of actions) {
    const resolved = await resolveCodeAction(action, context);
    if (resolved.edit) out.push(withoutData(resolved));
  }
  return out;
}

/** Fills in the edit of an action from the current text; an action whose fix is gone gets none. */
export async function resolveCodeAction(action: CodeAction, context: FixContext): Promise<CodeAction> {
  const data = action.data as ActionData | undefined;
  if (!data || typeof data.uri !== 'string') return action;
  const key = canonicalUri(data.uri);
  const folder = key ? context.folders.ownerOf(key) : undefined;
  if (!key || !folder) return action;
  const edit = await freshEdit(folder, key, data, context);
  return edit ? { ...action, edit } : action;
}

function freshEdit(folder: Folder, key: string, data: ActionData, context: FixContext): Promise<WorkspaceEdit | undefined> {
  const compute = (): { files: FileEdits[]; create: { uri: string }[] } | undefined => {
    const findings = folder.workspace.findingsFor(key, context.locale);
    if ('fixAll' in data) {
      const edits = fixAllEdits(findings, key);
      return edits.length ? { files: [{ uri: key, edits }], create: [] } : undefined;
    }
    const fix = currentFinding(findings, data.finding)?.fixes.find((x) => x.title === data.fix);
    return fix && { files: fix.edits, create: fix.create ?? [] };
  };
  const refresh = async (keys: string[]): Promise<void> => {
    for (const k of keys) await folder.refresh(k);
  };
  return folder.ready.then(() => withFreshFiles(compute, refresh, context.sources, context.toClient));
}

async function documentFindings(uri: string, context: FixContext): Promise<{ key: string; findings: Finding[] } | undefined> {
  const key = canonicalUri(uri);
  const folder = key ? context.folders.ownerOf(key) : undefined;
  if (!key || !folder) return undefined;
  await folder.ready;
  return { key, findings: folder.workspace.findingsFor(key, context.locale) };
}

/**
 * The finding a diagnostic of an older publish stands for now: same rule and message, nearest to
 * where it was (text typed before it moved it).
 */
function currentFinding(findings: Finding[], d: Pick<Diagnostic, 'code' | 'message' | 'range'>): Finding | undefined {
  let best: Finding | undefined;
  let bestDistance = Infinity;
  for (const f of findings) {
    if (f.code !== d.code || f.message !== d.message) continue;
    const distance = Math.abs(f.range.start.line - d.range.start.line) * 1e6 + Math.abs(f.range.start.character - d.range.start.character);
    if (distance < bestDistance) {
      best = f;
      bestDistance = distance;
    }
  }
  return best;
}

/** `source` and `source.fixAll` ask for `source.fixAll.policyTrace` too, as code action kinds nest. */
function covers(requested: string, kind: string): boolean {
  return requested === kind || kind.startsWith(`${requested}.`);
}

function withoutData(action: CodeAction): CodeAction {
  const { data: _, ...rest } = action;
  return rest;
}
