import * as vscode from 'vscode';
import type { MergedPullRequest } from '../../core/github/changesTable';
import { type RankedPullRequest, rankSuspects, type SuspectRules } from '../../core/github/suspects';
import { Disposable } from '../../core/lifecycle';
import { formatTime } from '../../core/time/formatTime';

type Row = MergedPullRequest & Partial<Pick<RankedPullRequest, 'suspect' | 'reason'>>;

export type ChangesElement =
  | { readonly type: 'group'; readonly label: string; readonly items: readonly Row[]; readonly suspects?: true }
  | { readonly type: 'pr'; readonly pr: Row }
  | { readonly type: 'note'; readonly text: string; readonly icon: string };

const SUSPECT_COLOR = new vscode.ThemeColor('list.warningForeground');

/**
 * "Recent Changes": merged PRs as they arrive, grouped by repository or by day. During an
 * incident its suspects come first, in a group of their own, and every group lists its PRs
 * by how close each merge is to the start (before it first); without one, newest first.
 */
export class ChangesTreeProvider extends Disposable implements vscode.TreeDataProvider<ChangesElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private items: MergedPullRequest[] = [];
  private ranked: readonly Row[] | undefined;
  private notes: { text: string; icon: string }[] = [];
  private rules: SuspectRules | undefined;
  groupBy: 'repository' | 'day' = 'repository';

  /** A new list; `rules` (the incident's) rank it, without them it lists newest first. */
  reset(rules: SuspectRules | undefined): void {
    this.items = [];
    this.ranked = undefined;
    this.notes = [];
    this.rules = rules;
    this._onDidChangeTreeData.fire(undefined);
  }

  add(items: readonly MergedPullRequest[]): void {
    this.items.push(...items);
    this.ranked = undefined;
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

  /** Every PR in the order the view shows them (ranked once per change of the list). */
  private rows(): readonly Row[] {
    this.ranked ??= this.rules ? rankSuspects(this.items, this.rules) : [...this.items].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt));
    return this.ranked;
  }

  getChildren(element?: ChangesElement): ChangesElement[] {
    if (element?.type === 'group') return element.items.map((pr) => ({ type: 'pr', pr }));
    if (element) return [];
    const rows = this.rows();
    const suspects = rows.filter((pr) => pr.suspect);
    const groups = new Map<string, Row[]>();
    for (const pr of rows) {
      if (pr.suspect) continue;
      const key = this.groupBy === 'repository' ? pr.repo : localDay(new Date(pr.mergedAt));
      groups.set(key, [...(groups.get(key) ?? []), pr]);
    }
    const sorted = [...groups.entries()].sort(([a], [b]) => (this.groupBy === 'day' ? b.localeCompare(a) : a.localeCompare(b)));
    return [
      ...this.notes.map((n): ChangesElement => ({ type: 'note', ...n })),
      ...(suspects.length ? [{ type: 'group', label: 'Suspects', items: suspects, suspects: true } as const] : []),
      ...sorted.map(([label, items]): ChangesElement => ({ type: 'group', label, items })),
    ];
  }

  getTreeItem(element: ChangesElement): vscode.TreeItem {
    if (element.type === 'note') {
      const item = new vscode.TreeItem(element.text);
      item.iconPath = new vscode.ThemeIcon(element.icon);
      item.tooltip = element.text;
      return item;
    }
    if (element.type === 'group') return this.groupItem(element);
    const { pr } = element;
    const item = new vscode.TreeItem(`#${pr.number} ${pr.title}`);
    item.id = `${pr.repo}#${pr.number}`;
    item.iconPath = pr.suspect ? new vscode.ThemeIcon('warning', SUSPECT_COLOR) : new vscode.ThemeIcon('git-merge');
    const merged = new Date(pr.mergedAt);
    const reference = this.rules?.startedAt;
    // Narrow sidebar: the time and labels first, the rest in the tooltip.
    item.description = [reference ? relative(merged, reference) : formatTime(merged), ...pr.labels, pr.author].join(' · ');
    const offset = reference ? ` (${relative(merged, reference)} from the incident's start)` : '';
    const lines = [
      ...(pr.suspect ? [`Suspect: ${pr.reason ?? ''}`] : []),
      `${pr.repo}#${pr.number}: ${pr.title}`,
      `by ${pr.author}, merged ${formatTime(merged)}${offset}`,
      ...(pr.labels.length ? [`labels: ${pr.labels.join(', ')}`] : []),
    ];
    item.tooltip = new vscode.MarkdownString().appendText(lines.join('\n'));
    item.contextValue = 'pullRequest';
    item.command = { command: 'runbook.openLink', title: 'Open on GitHub', arguments: [{ url: pr.url }] };
    return item;
  }

  private groupItem(group: Extract<ChangesElement, { type: 'group' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.description = `${group.items.length}`;
    if (!group.suspects) {
      item.iconPath = new vscode.ThemeIcon(this.groupBy === 'repository' ? 'repo' : 'calendar');
      return item;
    }
    item.id = 'suspects';
    item.iconPath = new vscode.ThemeIcon('warning', SUSPECT_COLOR);
    const rules = this.rules;
    if (rules) item.tooltip = `Merged within ${rules.suspectHours}h before the incident's start, labelled ${rules.riskyLabels.join(', ') || '(no risky labels set)'}, or naming a system of the incident${rules.systems.length ? ` (${rules.systems.join(', ')})` : ''}. Closest to the start first.`;
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
