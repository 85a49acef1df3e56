// The language status item of Markdown files: how many documents the folder's policy sets hold and
// how many measures lack standards or procedures, asked of the server whenever diagnostics change.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

/** The server's custom request (server/src/lsp/navigationHandlers.ts STATUS_REQUEST). */
const STATUS_REQUEST = 'policyTrace/status';

interface FolderStatus {
  documents: number;
  measures: number;
  gaps: number;
  missingStandards: number;
  missingProcedures: number;
}

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.languages.createLanguageStatusItem('policyTrace.status', { language: 'markdown' });
  item.name = 'Policy Trace';
  item.text = 'Policy Trace';
  item.busy = true;
  context.subscriptions.push(item);

  const show = (status: FolderStatus | null): void => {
    item.busy = false;
    if (!status) {
      item.text = vscode.l10n.t('Not in a policy set');
      item.detail = undefined;
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
      return;
    }
    item.text = status.gaps
      ? vscode.l10n.t('{0} documents · {1} gaps', status.documents, status.gaps)
      : vscode.l10n.t('{0} documents · no gaps', status.documents);
    item.detail = vscode.l10n.t('{0} measures: {1} without standards, {2} without procedures', status.measures, status.missingStandards, status.missingProcedures);
    item.severity = status.gaps ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    // The gaps are diagnostics: the Problems panel is where they are listed and can be opened.
    item.command = { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' };
  };

  // One request at a time; changes that arrive meanwhile are folded into one more request after it.
  let inFlight = false;
  let again = false;
  const update = async (): Promise<void> => {
    if (client.state !== State.Running) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    try {
      do {
        again = false;
        const document = vscode.window.activeTextEditor?.document;
        // The item is shown for Markdown only; another editor keeps the last figures.
        if (document?.languageId !== 'markdown') continue;
        const uri = client.code2ProtocolConverter.asUri(document.uri);
        show(await client.sendRequest<FolderStatus | null>(STATUS_REQUEST, { uri }));
      } while (again);
    } catch (e) {
      client.error('Policy Trace: status request failed', e, false);
    } finally {
      inFlight = false;
    }
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    // Gaps are published as diagnostics, so a change of diagnostics is when the figures may change.
    vscode.languages.onDidChangeDiagnostics(() => void update()),
    client.onDidChangeState((e) => {
      item.busy = e.newState !== State.Running;
      void update();
    }),
  );
}
