// The Explorer's traceability view: measure → standards sections → procedures, with gaps and
// waivers marked, each item opening its place; refreshed when the diagnostics change.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestMatrices, type MatrixLocation, type MatrixRow, type TraceMatrix } from './matrixRequests';

export const TRACE_VIEW = 'policyTrace.traceability';

/** Diagnostics arrive in bursts (one publish per document): one refresh after the burst. */
const REFRESH_DELAY_MS = 300;

export function registerTraceTree(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider = new TraceTreeProvider(client);
  const view = vscode.window.createTreeView(TRACE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  // The view is declared with `when: policyTrace.active`: shown once the extension runs (a Markdown
  // file was opened), so that an Explorer in any workspace does not start the language server.
  void vscode.commands.executeCommand('setContext', 'policyTrace.active', true);
  let timer: NodeJS.Timeout | undefined;
  // A hidden view is not asked for its children; it is refreshed when it is shown again.
  let stale = false;
  const refresh = (): void => {
    if (view.visible) provider.refresh();
    else stale = true;
  };
  context.subscriptions.push(
    view,
    provider,
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((uri) => /\.(md|markdown)$/i.test(uri.path))) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DELAY_MS);
    }),
    view.onDidChangeVisibility((event) => {
      if (event.visible && stale) {
        stale = false;
        provider.refresh();
      }
    }),
    { dispose: () => clearTimeout(timer) },
  );
}

type Node =
  | { kind: 'set'; matrix: TraceMatrix }
  | { kind: 'measure'; matrix: TraceMatrix; row: MatrixRow }
  | { kind: 'standard'; row: MatrixRow; index: number }
  | { kind: 'procedure'; row: MatrixRow; index: number }
  | { kind: 'gap'; row: MatrixRow };

class TraceTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void { this.changed.fire(undefined); }

  dispose(): void { this.changed.dispose(); }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      let matrices: TraceMatrix[];
      try {
        matrices = await requestMatrices(this.client);
      } catch {
        // The server is starting or restarting; the next diagnostics refresh the view.
        return [];
      }
      if (matrices.length === 1) return topMeasures(matrices[0]);
      return matrices.map((matrix) => ({ kind: 'set', matrix }));
    }
    switch (node.kind) {
      case 'set': return topMeasures(node.matrix);
      case 'measure': {
        const { row, matrix } = node;
        const cited = new Set(row.standards.flatMap((s) => s.procedures));
        return [
          ...(row.status === 'missing-standard' || row.status === 'missing-procedure' ? [{ kind: 'gap', row } as const] : []),
          ...row.standards.map((_, index) => ({ kind: 'standard', row, index }) as const),
          // Procedures that cite the measure itself, not one of its standards sections.
          ...row.procedures.flatMap((_, index) => (cited.has(index) ? [] : [{ kind: 'procedure', row, index } as const])),
          ...matrix.rows.filter((r) => r.parent === row.id).map((r) => ({ kind: 'measure', matrix, row: r }) as const),
        ];
      }
      case 'standard':
        return node.row.standards[node.index].procedures.map((index) => ({ kind: 'procedure', row: node.row, index }));
      default: return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'set': {
        const item = new vscode.TreeItem(node.matrix.name || vscode.l10n.t('Policy set'), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'measure': return measureItem(node.matrix, node.row);
      case 'standard': {
        const s = node.row.standards[node.index];
        const item = new vscode.TreeItem(s.name, s.procedures.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('Standards');
        item.iconPath = new vscode.ThemeIcon('book');
        return opens(item, s.location);
      }
      case 'procedure': {
        const p = node.row.procedures[node.index];
        const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('Procedure');
        item.iconPath = new vscode.ThemeIcon('checklist');
        return opens(item, p.location);
      }
      case 'gap': {
        const none = node.row.status === 'missing-standard';
        const item = new vscode.TreeItem(none ? vscode.l10n.t('No standards section implements this measure') : vscode.l10n.t('No procedure stands behind the standards'));
        item.iconPath = new vscode.ThemeIcon(none ? 'error' : 'warning', new vscode.ThemeColor(none ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'));
        return opens(item, node.row.location);
      }
    }
  }
}

function topMeasures(matrix: TraceMatrix): Node[] {
  return matrix.rows.filter((r) => !r.parent).map((row) => ({ kind: 'measure', matrix, row }));
}

const STATUS_ICON: Record<MatrixRow['status'], [string, string]> = {
  'covered': ['pass', 'testing.iconPassed'],
  'missing-procedure': ['warning', 'problemsWarningIcon.foreground'],
  'missing-standard': ['error', 'problemsErrorIcon.foreground'],
  'waived': ['circle-slash', 'disabledForeground'],
};

function measureItem(matrix: TraceMatrix, row: MatrixRow): vscode.TreeItem {
  const hasChildren = row.standards.length || row.procedures.length || row.status !== 'covered' && row.status !== 'waived'
    || matrix.rows.some((r) => r.parent === row.id);
  const item = new vscode.TreeItem(`${row.id} ${row.title}`, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const [icon, colour] = STATUS_ICON[row.status];
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
  item.description = row.status === 'waived'
    ? (row.waiver?.reason ? vscode.l10n.t('Waived: {0}', row.waiver.reason) : vscode.l10n.t('Waived'))
    : vscode.l10n.t('Standards {0} · Procedures {1}', row.standards.length, row.procedures.length);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${row.id} ${row.title}\n\n${statusLabel(row.status)}`);
  if (row.waiver?.reason) tooltip.appendText(`\n\n${vscode.l10n.t('Reason: {0}', row.waiver.reason)}`);
  item.tooltip = tooltip;
  item.contextValue = `measure.${row.status}`;
  return opens(item, row.location);
}

function statusLabel(status: MatrixRow['status']): string {
  switch (status) {
    case 'covered': return vscode.l10n.t('Covered: standards and procedures');
    case 'missing-procedure': return vscode.l10n.t('No procedure stands behind the standards');
    case 'missing-standard': return vscode.l10n.t('No standards section implements this measure');
    case 'waived': return vscode.l10n.t('Waived');
  }
}

function opens(item: vscode.TreeItem, location: MatrixLocation): vscode.TreeItem {
  const { start, end } = location.range;
  item.command = {
    command: 'vscode.open',
    title: vscode.l10n.t('Open'),
    arguments: [vscode.Uri.parse(location.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) } satisfies vscode.TextDocumentShowOptions],
  };
  return item;
}
