// Client side of the navigation features: the command the measures' code lenses run, and the
// language status item.
import * as vscode from 'vscode';
import type { LanguageClient, Location, Position } from 'vscode-languageclient/node';
import { registerStatus } from './status';

/** The command of a resolved code lens (server/src/lsp/navigationHandlers.ts SHOW_REFERENCES_COMMAND). */
const SHOW_REFERENCES = 'policyTrace.showReferences';

export function registerNavigation(context: vscode.ExtensionContext, client: LanguageClient): void {
  registerStatus(context, client);
  // The server sends LSP values (JSON); editor.action.showReferences only accepts vscode classes.
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_REFERENCES, (uri: string, position: Position, locations: Location[]) => {
    const convert = client.protocol2CodeConverter;
    return vscode.commands.executeCommand('editor.action.showReferences', convert.asUri(uri), convert.asPosition(position), locations.map((l) => convert.asLocation(l)));
  }));
}
