// The VS Code side of Policy Trace: starts the bundled language server and adds its commands.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { COMMANDS, SECTION, SERVER_ENV, SERVER_NODE_FLAGS, debounceMs, messageLocale } from './settings';
import { registerTraceTree } from './traceTree';
import { registerMatrixView } from './matrixView';
import { registerNavigation } from './navigation';
import { registerReviews } from './reviews';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // On stdio, as other editors and the bench start it: the server then writes its messages itself,
  // a file's diagnostics piece by piece (server/src/lsp/stdio.ts), where node's IPC channel made
  // each message one string (a 200 KB file's diagnostics: 1.2 ms a keystroke against 0.7).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...SERVER_ENV } } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } } },
  };

  const outputChannel = vscode.window.createOutputChannel('Policy Trace', { log: true });
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}'),
    vscode.workspace.createFileSystemWatcher('**/policy-trace.json'),
    vscode.workspace.createFileSystemWatcher('**/policy-trace.lock'),
    // prh dictionaries named in policy-trace.json (terms.prh).
    vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}'),
  ];
  const clientOptions: LanguageClientOptions = {
    // The lock file too: a "mark reviewed" fix edits it, and the suspect clears before it is saved.
    documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'file', pattern: '**/policy-trace.lock' }],
    synchronize: { fileEvents: watchers },
    outputChannel,
    // A function, so that 'Restart Server' picks up a changed setting.
    initializationOptions: () => ({
      debounceMs: debounceMs(vscode.workspace.getConfiguration(SECTION).get('debounceMs')),
      locale: messageLocale(vscode.workspace.getConfiguration(SECTION).get('language'), vscode.env.language),
      trusted: vscode.workspace.isTrusted,
    }),
  };

  // The client id 'policyTrace' makes vscode-languageclient honour the `policyTrace.trace.server` setting.
  client = new LanguageClient('policyTrace', 'Policy Trace', serverOptions, clientOptions);
  registerTraceTree(context, client);
  registerMatrixView(context, client);
  registerNavigation(context, client);
  registerReviews(context, client);

  context.subscriptions.push(
    outputChannel,
    ...watchers,
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await client?.restart();
    }),
    // Trusted now: the server starts again and runs the workspace's prh regular expressions too.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.reindex, async () => {
      await client?.sendRequest('policyTrace/reindex');
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => {
      outputChannel.show(true);
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
