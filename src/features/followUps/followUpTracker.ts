import * as vscode from 'vscode';
import { type ChecklistItem, followUpItems } from '../../core/followUps/actionItems';
import type { IssueRef } from '../../core/followUps/issueRefs';
import { issueKey, type IssueState } from '../../core/followUps/issueStates';
import { tickClosedFollowUps } from '../../core/followUps/recordFollowUps';
import { Disposable } from '../../core/lifecycle';
import { changeOrThrow, type IncidentEntry, type IncidentStore, isReadable, type ReadableEntry } from '../incident/incidentStore';
import type { Log } from '../log';
import { folderSettings } from '../settings';
import { readCurrentText } from '../workspaceFiles';
import type { GitHubIssues } from './githubIssues';

/** States are asked for again at most this often, unless a person asks (Refresh). */
export const REFRESH_INTERVAL_MS = 5 * 60_000;
const RETRY_INTERVAL_MS = 30_000;

/** A follow-up of an incident: its line in the record, and what GitHub last said of its issue. */
export interface FollowUp {
  readonly record: ReadableEntry;
  readonly issue: IssueRef;
  /** The line's own title; GitHub's title once known. */
  readonly title: string;
  readonly line: number;
  readonly checked: boolean;
  /** 'unknown' until GitHub answered (or when it cannot show the issue). */
  readonly state: 'open' | 'closed' | 'unknown';
  readonly assignee?: string;
  readonly createdAt?: string;
}

/** What the Incident view and the API read of the follow-ups. */
export interface FollowUpSource {
  readonly onDidChange: vscode.Event<void>;
  /** Why the last refresh could not tell every state. */
  readonly problem: string | undefined;
  of(uri: vscode.Uri): Promise<FollowUp[]>;
  all(): Promise<FollowUp[]>;
  refreshIfStale(): Promise<void>;
}

/**
 * Follow-ups across the incidents' records: read from their checklist lines that link an issue, their
 * states fetched for all records in one GraphQL batch (at most every five minutes, or on Refresh). A
 * closed issue ticks its line in the record, one edit with its timeline entry.
 */
export class FollowUpTracker extends Disposable implements FollowUpSource {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  /** A record's follow-up lines, kept for as long as the store keeps that entry (a changed record is a new entry). */
  private readonly lines = new WeakMap<IncidentEntry, readonly (ChecklistItem & { issue: IssueRef })[]>();
  private states = new Map<string, IssueState>();
  private fetchedAt = 0;
  private running: Promise<number> | undefined;
  /** Why the last refresh could not tell every state (not signed in, rate limit, network). */
  problem: string | undefined;

  constructor(
    private readonly store: IncidentStore,
    private readonly issues: GitHubIssues,
    private readonly log: Log,
    onDidChangeAuth: vscode.Event<void>,
  ) {
    super();
    // A token just set (or a sign-in) may answer what was refused: ask again now, not in half a minute.
    this._register(onDidChangeAuth(() => this.problem !== undefined && void this.refresh(true)));
  }

  /** The follow-ups of one record, with the states known; a refresh is started when they are older than five minutes. */
  async of(uri: vscode.Uri): Promise<FollowUp[]> {
    const entry = (await this.store.all()).filter(isReadable).find((e) => e.uri.toString() === uri.toString());
    void this.refreshIfStale();
    return entry ? this.withStates(entry, await this.linesOf(entry)) : [];
  }

  /** Every record's follow-ups, with the states known; starts a refresh when stale. */
  async all(): Promise<FollowUp[]> {
    void this.refreshIfStale();
    const entries = (await this.store.all()).filter(isReadable);
    return (await Promise.all(entries.map(async (e) => this.withStates(e, await this.linesOf(e))))).flat();
  }

  /** What GitHub answered on creating (or finding) an issue: its state is known without asking again. */
  remember(issue: IssueRef, state: IssueState): void {
    this.states.set(issueKey(issue), state);
    this._onDidChange.fire();
  }

  /** A refresh when the states are older than five minutes; after a failed one (not signed in yet, offline), after half a minute. */
  async refreshIfStale(): Promise<void> {
    const interval = this.problem ? RETRY_INTERVAL_MS : REFRESH_INTERVAL_MS;
    await (Date.now() - this.fetchedAt < interval ? this.running : this.refresh());
  }

  /**
   * Asks GitHub for every follow-up's state now (one refresh at a time; `again` starts another once the
   * running one ends), then ticks the lines of closed ones. Resolves to how many lines it ticked.
   */
  refresh(again = false): Promise<number> {
    if (this.running && again) return this.running.then(() => this.refresh());
    this.running ??= this.fetch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fetch(): Promise<number> {
    this.fetchedAt = Date.now();
    const entries = (await this.store.all()).filter(isReadable);
    const perRecord = await Promise.all(entries.map(async (entry) => ({ entry, lines: await this.linesOf(entry) })));
    const refs = perRecord.flatMap((r) => r.lines.map((l) => l.issue));
    if (!refs.length) {
      this.problem = undefined;
      return 0;
    }
    try {
      const { states, problems } = await this.issues.states(refs);
      this.states = new Map([...this.states, ...states]);
      this.problem = problems.length ? problems.join(' ') : undefined;
      if (problems.length) this.log.warn(`Follow-ups: ${problems.join(' ')}`);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      this.log.warn(`Follow-ups not refreshed: ${this.problem}`);
    }
    this._onDidChange.fire();
    let ticked = 0;
    for (const { entry, lines } of perRecord) if (lines.some((l) => !l.checked && this.states.get(issueKey(l.issue))?.state === 'closed')) ticked += await this.tickClosed(entry);
    if (ticked) vscode.window.setStatusBarMessage(`$(pass) Ticked ${ticked} closed follow-up${ticked > 1 ? 's' : ''} in the incident records`, 8000);
    return ticked;
  }

  /** Ticks a record's follow-ups whose issue is closed, in one edit; how many it ticked. */
  private async tickClosed(entry: ReadableEntry): Promise<number> {
    const entries = folderSettings(entry.uri).timelineAutomaticEntries;
    try {
      let ticked = 0;
      await this.store.edit(entry.uri, (text) => {
        const change = tickClosedFollowUps(text, this.states, { now: new Date(), entries });
        ticked = change?.ok ? (change.ticked ?? 0) : 0;
        return change ? changeOrThrow(entry.uri, change) : { edits: [], focus: 0 };
      });
      if (ticked) this.store.reload(entry.uri);
      return ticked;
    } catch (error) {
      this.log.warn(`Follow-ups of ${vscode.workspace.asRelativePath(entry.uri)} not ticked: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  private async linesOf(entry: ReadableEntry): Promise<readonly (ChecklistItem & { issue: IssueRef })[]> {
    let lines = this.lines.get(entry);
    if (!lines) {
      lines = followUpItems(await readCurrentText(entry.uri).catch(() => ''));
      this.lines.set(entry, lines);
    }
    return lines;
  }

  private withStates(record: ReadableEntry, lines: readonly (ChecklistItem & { issue: IssueRef })[]): FollowUp[] {
    return lines.map((line) => {
      const state = this.states.get(issueKey(line.issue));
      return {
        record,
        issue: line.issue,
        title: state?.title || line.title,
        line: line.line,
        checked: line.checked,
        state: state?.state ?? (line.checked ? 'closed' : 'unknown'),
        ...(state?.assignee ? { assignee: state.assignee } : {}),
        ...(state?.createdAt ? { createdAt: state.createdAt } : {}),
      };
    });
  }
}
