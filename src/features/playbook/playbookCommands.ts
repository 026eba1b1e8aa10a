import * as vscode from 'vscode';
import type { IDisposable } from '../../core/lifecycle';
import { firstUnchecked, type ViewNode } from '../../core/runbook/treeModel';
import { openExternalLink } from '../openExternalLink';
import type { PlaybookElement, PlaybookTreeProvider } from './playbookTreeProvider';
import type { RunbookDiscovery } from './runbookDiscovery';

interface Deps {
  readonly discovery: RunbookDiscovery;
  readonly provider: PlaybookTreeProvider;
  readonly view: vscode.TreeView<PlaybookElement>;
}

/** Commands on the Playbook view's rows and on runbook files. */
export function registerPlaybookCommands({ discovery, provider, view }: Deps): IDisposable[] {
  return [
    vscode.commands.registerCommand('runbook.revealLine', revealLine),
    vscode.commands.registerCommand('runbook.openRunbook', (arg?: PlaybookElement) => (arg ? revealLine(arg.file.uri, 0) : undefined)),
    vscode.commands.registerCommand('runbook.openLink', (arg?: PlaybookElement | { url: string }) => {
      const url = arg && 'url' in arg ? arg.url : rowOf(arg)?.source.kind === 'link' ? (rowOf(arg)?.source as { url: string }).url : undefined;
      return url === undefined ? false : openExternalLink(url);
    }),
    vscode.commands.registerCommand('runbook.copyCode', async (arg?: PlaybookElement) => {
      const source = rowOf(arg)?.source;
      if (source?.kind !== 'code') return undefined;
      await vscode.env.clipboard.writeText(source.text);
      vscode.window.setStatusBarMessage('$(check) Code block copied', 3000);
      return source.text;
    }),
    vscode.commands.registerCommand('runbook.copyHandle', async (arg?: PlaybookElement) => {
      const source = rowOf(arg)?.source;
      if (source?.kind !== 'contact') return undefined;
      const text = source.handle ?? source.name ?? source.role;
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`$(check) Copied ${text}`, 3000);
      return text;
    }),
    vscode.commands.registerCommand('runbook.openChannel', (arg?: PlaybookElement) => {
      const source = rowOf(arg)?.source;
      if (source?.kind !== 'contact') return false;
      const channel = source.channels.find((c) => /^https?:/i.test(c));
      if (!channel) {
        void vscode.window.showInformationMessage(`No channel link for ${source.name ?? source.role}: the runbook names ${source.channels.join(', ') || 'none'}.`);
        return false;
      }
      return openExternalLink(channel);
    }),
    vscode.commands.registerCommand('runbook.goToNextUncheckedStep', () => goToNextUnchecked(discovery, provider, view)),
    vscode.commands.registerCommand('runbook.openAsRunbook', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target || !/\.(md|markdown)$/i.test(target.path)) {
        void vscode.window.showWarningMessage('Open as Runbook works on Markdown files: select one in the Explorer or open it in an editor.');
        return false;
      }
      if (!vscode.workspace.getWorkspaceFolder(target)) {
        void vscode.window.showWarningMessage(`${target.fsPath || target.toString()} is outside the workspace folders; only workspace files can be runbooks.`);
        return false;
      }
      await discovery.setAdded(target, true);
      await vscode.commands.executeCommand('runbook.playbook.focus');
      return true;
    }),
    vscode.commands.registerCommand('runbook.removeFromRunbooks', async (arg?: vscode.Uri | PlaybookElement) => {
      const uri = arg instanceof vscode.Uri ? arg : arg?.file.uri;
      if (!uri) return false;
      const wasAdded = discovery.addedFiles().some((u) => u.toString() === uri.toString());
      if (!wasAdded) {
        void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri)} is a runbook because it matches the runbook.files setting; change that setting to hide it.`);
        return false;
      }
      await discovery.setAdded(uri, false);
      return true;
    }),
  ];
}

function rowOf(arg: unknown): ViewNode | undefined {
  return typeof arg === 'object' && arg !== null && (arg as PlaybookElement).type === 'row' ? (arg as { row: ViewNode }).row : undefined;
}

async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), 0);
  const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preserveFocus: true, preview: false });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Reveals the first unchecked step of the active runbook (or the first runbook) in the view and the editor. */
async function goToNextUnchecked(discovery: RunbookDiscovery, provider: PlaybookTreeProvider, view: vscode.TreeView<PlaybookElement>): Promise<{ label: string; line: number } | undefined> {
  const runbooks = await discovery.findRunbooks();
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const ordered = [...runbooks.filter((r) => r.uri.toString() === active), ...runbooks.filter((r) => r.uri.toString() !== active)];
  for (const file of ordered) {
    const root = await provider.rootFor(file.uri);
    if (root?.type !== 'runbook') continue;
    const row = firstUnchecked(root.rows);
    if (!row) continue;
    await view.reveal({ type: 'row', file, row }, { select: true, focus: true, expand: true });
    await revealLine(file.uri, row.line);
    return { label: row.label, line: row.line };
  }
  void vscode.window.showInformationMessage(runbooks.length ? 'Every step and checklist item is checked.' : 'No runbook found in this workspace.');
  return undefined;
}
