import * as vscode from 'vscode';
import type { MergedPullRequest } from '../../core/github/changesTable';
import { Disposable } from '../../core/lifecycle';
import { formatTime } from '../../core/time/formatTime';

export type ChangesElement = { readonly type: 'group'; readonly label: string; readonly items: readonly MergedPullRequest[] } | { readonly type: 'pr'; readonly pr: MergedPullRequest } | { readonly type: 'note'; readonly text: string; readonly icon: string };

/** "Recent Changes": merged PRs as they arrive, grouped by repository or by day. */
export class ChangesTreeProvider extends Disposable implements vscode.TreeDataProvider<ChangesElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private items: MergedPullRequest[] = [];
  private notes: { text: string; icon: string }[] = [];
  private reference: Date | undefined;
  groupBy: 'repository' | 'day' = 'repository';

  get results(): readonly MergedPullRequest[] {
    return this.items;
  }

  reset(reference: Date | undefined): void {
    this.items = [];
    this.notes = [];
    this.reference = reference;
    this._onDidChangeTreeData.fire(undefined);
  }

  add(items: readonly MergedPullRequest[]): void {
    this.items.push(...items);
    this._onDidChangeTreeData.fire(undefined);
  }

  note(text: string, icon = 'warning'): void {
    this.notes.push({ text, icon });
    this._onDidChangeTreeData.fire(undefined);
  }

  toggleGrouping(): void {
    this.groupBy = this.groupBy === 'repository' ? 'day' : 'repository';
    this._onDidChangeTreeData.fire(undefined);
  }

  getChildren(element?: ChangesElement): ChangesElement[] {
    if (element?.type === 'group') return [...element.items].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt)).map((pr) => ({ type: 'pr', pr }));
    if (element) return [];
    const groups = new Map<string, MergedPullRequest[]>();
    for (const pr of this.items) {
      const key = this.groupBy === 'repository' ? pr.repo : localDay(new Date(pr.mergedAt));
      groups.set(key, [...(groups.get(key) ?? []), pr]);
    }
    const sorted = [...groups.entries()].sort(([a], [b]) => (this.groupBy === 'day' ? b.localeCompare(a) : a.localeCompare(b)));
    return [...this.notes.map((n): ChangesElement => ({ type: 'note', ...n })), ...sorted.map(([label, items]): ChangesElement => ({ type: 'group', label, items }))];
  }

  getTreeItem(element: ChangesElement): vscode.TreeItem {
    if (element.type === 'note') {
      const item = new vscode.TreeItem(element.text);
      item.iconPath = new vscode.ThemeIcon(element.icon);
      item.tooltip = element.text;
      return item;
    }
    if (element.type === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(this.groupBy === 'repository' ? 'repo' : 'calendar');
      item.description = `${element.items.length}`;
      return item;
    }
    const { pr } = element;
    const item = new vscode.TreeItem(`#${pr.number} ${pr.title}`);
    item.id = `${pr.repo}#${pr.number}`;
    item.iconPath = new vscode.ThemeIcon('git-merge');
    const merged = new Date(pr.mergedAt);
    item.description = [pr.author, this.reference ? relative(merged, this.reference) : formatTime(merged), ...pr.labels].join(' · ');
    const offset = this.reference ? ` (${relative(merged, this.reference)} from the incident's start)` : '';
    item.tooltip = new vscode.MarkdownString().appendText(`${pr.repo}#${pr.number}: ${pr.title}\nby ${pr.author}, merged ${formatTime(merged)}${offset}${pr.labels.length ? `\nlabels: ${pr.labels.join(', ')}` : ''}`);
    item.contextValue = 'pullRequest';
    item.command = { command: 'runbook.openLink', title: 'Open on GitHub', arguments: [{ url: pr.url }] };
    return item;
  }
}

/** YYYY-MM-DD of the day in the viewer's zone, for grouping by day. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "−2h 10m" before the reference (the incident's start), "+15m" after it. */
export function relative(date: Date, reference: Date): string {
  const minutes = Math.round((date.getTime() - reference.getTime()) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const text = abs >= 60 ? `${Math.floor(abs / 60)}h ${String(abs % 60).padStart(2, '0')}m` : `${abs}m`;
  return `${sign}${text}`;
}
