// The traceability matrix in a webview, and its export to a file: both are the server's rendered
// matrix (policyTrace/exportMatrix), so what is shown, printed and saved is the same page.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from './settings';
import { OPEN_LOCATION_COMMAND, requestExport } from './matrixRequests';

/** As for the tree view: one refresh after a burst of diagnostics. */
const REFRESH_DELAY_MS = 300;

export function registerMatrixView(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: vscode.WebviewPanel | undefined;
  let panelUri: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const render = async (): Promise<void> => {
    if (!panel) return;
    // A fresh nonce per page: the page's CSP allows its one <style> and nothing else, no scripts.
    // Links are `command:` URIs of the one command the webview may run, so no script is needed.
    const nonce = randomBytes(16).toString('base64');
    const html = await requestExport(client, { uri: panelUri, format: 'html', generated: now(), webview: { nonce } });
    if (panel && html) panel.webview.html = html;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_LOCATION_COMMAND, async (uri: string, line: number) => {
      const position = new vscode.Position(Number(line) || 0, 0);
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    }),

    vscode.commands.registerCommand(COMMANDS.showMatrix, async () => {
      panelUri = activeMarkdownUri();
      if (panel) panel.reveal();
      else {
        panel = vscode.window.createWebviewPanel('policyTrace.matrix', vscode.l10n.t('Traceability Matrix'), vscode.ViewColumn.Beside, {
          enableScripts: false,
          enableCommandUris: [OPEN_LOCATION_COMMAND],
          localResourceRoots: [],
          enableFindWidget: true,
        });
        panel.onDidDispose(() => { panel = undefined; });
      }
      await render();
    }),

    vscode.commands.registerCommand(COMMANDS.exportMatrix, async () => {
      const formats = [
        { label: 'HTML', description: vscode.l10n.t('One printable page for an audit'), format: 'html', extension: 'html' },
        { label: 'CSV', description: vscode.l10n.t('For Excel (UTF-8 with BOM)'), format: 'csv', extension: 'csv' },
        { label: 'Markdown', description: vscode.l10n.t('A table with links to the documents'), format: 'md', extension: 'md' },
      ] as const;
      const picked = await vscode.window.showQuickPick(formats, { title: vscode.l10n.t('Export Traceability Matrix'), placeHolder: vscode.l10n.t('Choose a format') });
      if (!picked) return;
      const audiences = [
        { label: vscode.l10n.t('For publication'), description: vscode.l10n.t('Non-public documents (実施手順) are counted, not named'), public: true },
        { label: vscode.l10n.t('For internal use'), description: vscode.l10n.t('Every document by name, with links'), public: false },
      ];
      const audience = await vscode.window.showQuickPick(audiences, { title: vscode.l10n.t('Export Traceability Matrix'), placeHolder: vscode.l10n.t('Who will read it?') });
      if (!audience) return;
      const uri = activeMarkdownUri();
      const folder = (uri && vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))) ?? vscode.workspace.workspaceFolders?.[0];
      const defaultUri = folder ? vscode.Uri.joinPath(folder.uri, `traceability-matrix.${picked.extension}`) : undefined;
      const target = await vscode.window.showSaveDialog({ defaultUri, filters: { [picked.label]: [picked.extension] }, title: vscode.l10n.t('Export Traceability Matrix') });
      if (!target) return;
      const text = await requestExport(client, { uri, format: picked.format, target: target.toString(), generated: now(), public: audience.public });
      if (text === null) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The traceability matrix could not be made; see the Policy Trace output.'));
        return;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      const open = vscode.l10n.t('Open');
      if (await vscode.window.showInformationMessage(vscode.l10n.t('Wrote the traceability matrix to {0}.', target.fsPath), open) === open) {
        if (picked.format === 'html') await vscode.env.openExternal(target);
        else await vscode.window.showTextDocument(target);
      }
    }),

    vscode.languages.onDidChangeDiagnostics(() => {
      if (!panel) return;
      clearTimeout(timer);
      timer = setTimeout(() => void render(), REFRESH_DELAY_MS);
    }),
    { dispose: () => { clearTimeout(timer); panel?.dispose(); } },
  );
}

/** The Markdown document in the active editor: its policy set is the one to show. */
function activeMarkdownUri(): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'markdown' ? document.uri.toString() : undefined;
}

/** The generation date on the page, in the user's display language. */
function now(): string {
  return new Date().toLocaleString(vscode.env.language);
}
