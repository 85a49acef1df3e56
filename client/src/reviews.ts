// The "record every reference as reviewed" command: asks the server for the edit of each folder's
// policy-trace.lock, asks the user, applies it and saves the file, so the suspects clear at once
// and the file is ready to commit.
import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';
import { COMMANDS } from './settings';

/** server/src/lsp/reviewHandlers.ts FolderReviews, as it crosses the wire. */
interface FolderReviews {
  lock: string;
  unchanged: boolean;
  edit?: WorkspaceEdit;
  summary: string;
  question: string;
  warning?: string;
}

export function registerReviews(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.recordReviews, async () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    let answers: FolderReviews[];
    try {
      answers = await client.sendRequest<FolderReviews[]>('policyTrace/recordReviews', { uri: active && client.code2ProtocolConverter.asUri(active) });
    } catch {
      void vscode.window.showErrorMessage(vscode.l10n.t('The references could not be recorded; see the Policy Trace output.'));
      return;
    }
    for (const answer of answers) {
      if (answer.warning) void vscode.window.showWarningMessage(answer.warning);
      if (answer.unchanged) {
        void vscode.window.showInformationMessage(answer.summary);
        continue;
      }
      if (!answer.edit) {
        void vscode.window.showWarningMessage(vscode.l10n.t('policy-trace.lock changed meanwhile; nothing was recorded. Run the command again.'));
        continue;
      }
      const record = vscode.l10n.t('Record');
      if (await vscode.window.showWarningMessage(answer.question, { modal: true }, record) !== record) continue;
      const applied = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(answer.edit));
      if (!applied) {
        void vscode.window.showWarningMessage(vscode.l10n.t('policy-trace.lock changed meanwhile; nothing was recorded. Run the command again.'));
        continue;
      }
      const lock = await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(answer.lock));
      await lock.save();
      void vscode.window.showInformationMessage(answer.summary);
    }
  }));
}
