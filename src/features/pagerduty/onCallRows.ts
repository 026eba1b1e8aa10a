import type * as vscode from 'vscode';
import { type OnCallPerson, onCallLabel } from '../../core/pagerduty/onCall';
import { formatClock } from '../../core/time/formatTime';
import type { OnCallView } from './onCallService';

/** A row of "On call now", as both the Playbook and the Incident view draw it. */
export interface OnCallRowData {
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly icon: string;
  readonly warning?: boolean;
  /** `onCall.person` rows have Copy, Open and Page actions; `onCall.group` has Refresh and Page. */
  readonly contextValue?: string;
  readonly command?: vscode.Command;
  readonly person?: OnCallPerson & { readonly level: number };
}

/** The "On call now" group's description: how fresh (a narrow side bar cuts the end: the policy's name is in the rows' page and the tooltip). */
export function onCallSummary(view: OnCallView): string {
  switch (view.state) {
    case 'disconnected':
      return 'PagerDuty not connected';
    case 'loading':
      return 'looking up…';
    case 'error':
      return 'could not look up';
    case 'ok':
      return `as of ${formatClock(view.fetchedAt)}${view.complete ? '' : ' · partial'}`;
  }
}

/** One row per person and escalation level ("L1 Kevin Duensing · until 17:00"), or what to do when there is none. */
export function onCallRows(view: OnCallView, now: Date): OnCallRowData[] {
  const open: vscode.Command = { command: 'runbook.openLink', title: 'Open in PagerDuty', arguments: [{ url: view.link.url }] };
  switch (view.state) {
    case 'disconnected':
      return [
        { label: 'Connect PagerDuty to see who is on call', tooltip: 'Runbook: Connect PagerDuty… keeps a REST API key in VS Code\'s secret storage; the views then show who is on call at each escalation level, and you can page from here.', icon: 'plug', command: { command: 'runbook.connectPagerDuty', title: 'Connect PagerDuty…' } },
        { label: 'Open in PagerDuty', description: view.link.url, tooltip: view.link.url, icon: 'link-external', command: open },
      ];
    case 'loading':
      return [{ label: 'Looking up who is on call…', tooltip: 'Asking PagerDuty', icon: 'loading~spin' }];
    case 'error':
      return [{ label: 'Could not look up who is on call', description: view.message, tooltip: view.message, icon: 'warning', warning: true, command: { command: 'runbook.refreshOnCall', title: 'Refresh On Call' } }];
    case 'ok': {
      const people = view.levels.flatMap((l) => l.people.map((p) => ({ ...p, level: l.level })));
      if (people.length === 0) return [{ label: 'No one is on call', description: view.target.policyName ?? view.link.id, tooltip: 'PagerDuty lists nobody on call for this escalation policy now.', icon: 'warning', warning: true, command: open }];
      return people.map((person) => {
        const [name, until] = onCallLabel(person, now).split(' · ');
        const lines = [`Level ${person.level}: ${person.name}`, until ?? '', person.email ?? '', person.schedule ? `Schedule: ${person.schedule}` : ''].filter(Boolean);
        return {
          label: `L${person.level} ${name ?? person.name}`,
          ...(until ? { description: until } : {}),
          tooltip: lines.join('\n'),
          icon: 'person',
          contextValue: 'onCall.person',
          ...(person.url ? { command: { command: 'runbook.openLink', title: 'Open in PagerDuty', arguments: [{ url: person.url }] } } : {}),
          person,
        };
      });
    }
  }
}
