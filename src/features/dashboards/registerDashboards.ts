import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { RECORD_SECTIONS } from '../../core/incident/recordSections';
import { collectDashboards, type DashboardLink } from '../../core/dashboards/collectDashboards';
import { dashboardEntry } from '../../core/dashboards/dashboardRecord';
import { incidentWindow } from '../../core/dashboards/incidentWindow';
import { rewriteTimeWindow } from '../../core/dashboards/timeWindow';
import { parseStartTime } from '../../core/incident/incident';
import { formatSpan } from '../../core/time/formatTime';
import type { TimeSpan } from '../../core/time/windowInput';
import type { IDisposable } from '../../core/lifecycle';
import { checkOpenable } from '../../core/runbook/links';
import { clip } from '../../core/text';
import { incidentRunbook } from '../incident/runbookPath';
import type { IncidentStore } from '../incident/incidentStore';
import { recordAction } from '../incident/recordAction';
import { openExternalLink } from '../openExternalLink';
import { pickWindow } from '../timeWindowInput';
import type { PlaybookElement } from '../playbook/playbookTreeProvider';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { DashboardCodeLensProvider } from './dashboardCodeLens';
import { LinkDiagnostics } from './linkDiagnostics';

interface Deps {
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
}

/**
 * `{ url }` or `{ label }` opens one dashboard; `{ from, to }` (ISO 8601) sets the window without asking;
 * `{ confirmed: true }` opens all without asking first.
 */
interface OpenArgs {
  readonly url?: string;
  readonly label?: string;
  readonly from?: string;
  readonly to?: string;
  readonly confirmed?: boolean;
}

/** Without an incident, the windows offered before Custom…. */
const PRESETS = [
  { label: 'Last 1 hour', hours: 1 },
  { label: 'Last 4 hours', hours: 4 },
  { label: 'Last 24 hours', hours: 24 },
];

/** Opening all dashboards asks first when it would open more than this many browser tabs. */
const ASK_BEFORE_OPENING_MORE_THAN = 3;

export function registerDashboards(deps: Deps): IDisposable[] {
  const codeLens = new DashboardCodeLensProvider(deps.discovery, deps.models);
  return [
    codeLens,
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLens),
    new LinkDiagnostics(deps.discovery, deps.models),
    vscode.commands.registerCommand('runbook.openDashboard', async (arg?: OpenArgs | PlaybookElement) => {
      const all = await dashboards(deps);
      const row = arg && 'type' in arg && arg.type === 'row' && arg.row.source.kind === 'link' ? arg.row.source : undefined;
      const wanted = row ? { url: row.url } : (arg as OpenArgs | undefined);
      let chosen: Chosen | undefined;
      if (wanted?.url) chosen = { links: [all.find((d) => d.url === wanted.url) ?? { label: wanted.url, url: wanted.url, source: 'settings' }], all: false };
      else if (wanted?.label) {
        const match = all.find((d) => d.label.toLowerCase() === wanted.label?.toLowerCase());
        if (!match) {
          void vscode.window.showWarningMessage(`No dashboard named "${wanted.label}". Known: ${all.map((d) => d.label).join(', ') || 'none'}.`);
          return [];
        }
        chosen = { links: [match], all: false };
      } else chosen = await pickDashboards(all);
      if (!chosen?.links.length) return [];
      return openForWindow(chosen, wanted, deps);
    }),
    vscode.commands.registerCommand('runbook.openAllDashboards', async (arg?: OpenArgs) => {
      const all = await dashboards(deps);
      if (all.length === 0) {
        void vscode.window.showInformationMessage('No dashboard links in the runbook or in the runbook.dashboards.links setting.');
        return [];
      }
      return openForWindow({ links: all, all: true }, arg, deps);
    }),
  ];
}

/** The current incident's runbook (else every runbook) and the configured links. */
async function dashboards(deps: Deps): Promise<DashboardLink[]> {
  const current = await deps.store.current();
  const runbook = incidentRunbook(current);
  const files = runbook ? [runbook] : (await deps.discovery.findRunbooks()).map((f) => f.uri);
  const configured = folderSettings(runbook ?? current?.uri).dashboardLinks;
  const links: DashboardLink[] = [];
  for (const uri of files) {
    const loaded = await deps.models.load(uri);
    if (loaded.ok) links.push(...collectDashboards(loaded.runbook, []));
  }
  const seen = new Set(links.map((l) => l.url));
  return [...links, ...collectDashboards(undefined, configured).filter((l) => !seen.has(l.url))];
}

/** The dashboards to open; `all` when the person asked for every one rather than choosing them. */
interface Chosen {
  readonly links: readonly DashboardLink[];
  readonly all: boolean;
}

async function pickDashboards(all: DashboardLink[]): Promise<Chosen | undefined> {
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No dashboard links in the runbook or in the runbook.dashboards.links setting.');
    return undefined;
  }
  type Item = vscode.QuickPickItem & { link?: DashboardLink };
  const openAll: Item = { label: '$(run-all) Open all', description: `${all.length} dashboards`, alwaysShow: true };
  const items: Item[] = [openAll, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...all.map((link) => ({ label: link.label, description: [link.vendor ?? 'opens without a time window', link.host].filter(Boolean).join(' · '), link }))];
  const picked = await vscode.window.showQuickPick(items, { title: 'Open Dashboards for the Incident Window', canPickMany: true, placeHolder: 'Choose dashboards, or "Open all"', matchOnDescription: true });
  if (!picked?.length) return undefined;
  return picked.includes(openAll) ? { links: all, all: true } : { links: picked.flatMap((p) => (p.link ? [p.link] : [])), all: false };
}

async function chooseWindow(deps: Deps, args: OpenArgs | undefined, now: Date): Promise<TimeSpan | undefined> {
  if (args?.from) {
    const from = parseStartTime(args.from, now);
    const to = args.to ? parseStartTime(args.to, now) : { ok: true as const, date: now };
    if (!from.ok || !to.ok) throw new Error(`Dashboard window: ${!from.ok ? `from: ${from.message}` : ''}${!to.ok ? ` to: ${to.message}` : ''}`.trim());
    if (to.date <= from.date) throw new Error('Dashboard window: "to" must be after "from".');
    return { from: from.date, to: to.date };
  }
  const current = await deps.store.current();
  if (current) {
    return incidentWindow(current.read.state, folderSettings(current.uri).dashboardPaddingMinutes, now);
  }
  return pickWindow('Dashboards (no active incident)', PRESETS, now);
}

interface Opened {
  readonly link: DashboardLink;
  readonly url: string;
  readonly timed: boolean;
}

/**
 * Rewrites each link to the window, opens the http(s) ones (asking first when "all" means many),
 * records them in the incident and says so. Returns the URLs opened.
 */
async function openForWindow(chosen: Chosen, args: OpenArgs | undefined, deps: Deps): Promise<string[]> {
  const now = new Date();
  let window: TimeSpan | undefined;
  try {
    window = await chooseWindow(deps, args, now);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return [];
  }
  if (!window) return [];
  const span = formatSpan(window.from, window.to, { now });
  const planned: Opened[] = [];
  const refused: string[] = [];
  for (const link of chosen.links) {
    const rewrite = rewriteTimeWindow(link.url, window);
    const decision = checkOpenable(rewrite.url);
    if (decision.ok && !decision.url.startsWith('mailto:')) planned.push({ link, url: decision.url, timed: rewrite.ok });
    else refused.push(link.label);
  }
  if (refused.length) void vscode.window.showWarningMessage(`Not opened (only http and https dashboards open): ${refused.join(', ')}.`);
  if (chosen.all && !args?.confirmed && !(await confirmOpeningMany(planned, span))) return [];
  const opened: Opened[] = [];
  for (const dashboard of planned) if (await openExternalLink(dashboard.url)) opened.push(dashboard);
  if (opened.length === 0) return [];
  if (!(await record(deps.store, opened, span))) vscode.window.setStatusBarMessage(`$(check) ${openedMessage(opened, span, undefined)}`, 10_000);
  return opened.map((o) => o.url);
}

async function confirmOpeningMany(planned: readonly Opened[], span: string): Promise<boolean> {
  if (planned.length <= ASK_BEFORE_OPENING_MORE_THAN) return true;
  const open = `Open ${planned.length} Dashboards`;
  const answer = await vscode.window.showInformationMessage(
    `Open ${planned.length} dashboards in the browser?`,
    { modal: true, detail: `Each opens at the window ${span}: ${planned.map((p) => p.link.label).join(', ')}.` },
    open,
  );
  return answer === open;
}

/**
 * One status-bar line, short enough not to be cut off: what was added where ("Added 4 dashboards and a timeline
 * entry to "Label printing down""), or without an incident the window they opened at.
 */
function openedMessage(opened: readonly Opened[], span: string, incident: { readonly title: string; readonly entry: boolean } | undefined): string {
  const what = opened.length === 1 ? 'a dashboard' : `${opened.length} dashboards`;
  const said = incident ? `Added ${what}${incident.entry ? ' and a timeline entry' : ''} to "${clip(incident.title, 30)}"` : `Opened ${what} for ${span}`;
  const untimed = opened.filter((o) => !o.timed).length;
  return `${said}${untimed ? `; ${untimed} without a time window` : ''}`;
}

/**
 * Adds the dashboards and a timeline entry to the current incident's record, as one edit (one save, one undo
 * step), and says so; false without an incident.
 */
async function record(store: IncidentStore, opened: readonly Opened[], span: string): Promise<boolean> {
  const current = await store.current();
  if (!current) return false;
  const entry = { at: new Date(), text: `Opened ${opened.length === 1 ? 'dashboard' : 'dashboards'} for ${span}: ${opened.map((o) => o.link.label).join(', ')}` };
  const lines = opened.map((o) => dashboardEntry(o.link.label, o.url, o.timed ? span : 'opens without a time window'));
  const entries = folderSettings(current.uri).timelineAutomaticEntries;
  await recordAction(store, current.uri, (state) => ({ state, entries: [entry], sections: [{ ...RECORD_SECTIONS.dashboards, lines }] }), (state) => openedMessage(opened, span, { title: state.title, entry: entries }));
  return true;
}
