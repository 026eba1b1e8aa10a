// Loaded on first use (scripts/build.mjs bundles it as dist/vendor/pagerDuty.js): on-call and paging cost
// activation nothing. What it shares with the main bundle is handed in, never imported as state.
import type * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { IncidentStore } from '../incident/incidentStore';
import type { Log } from '../log';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { OnCallService } from './onCallService';
import { PagerDutyClient } from './pagerDutyClient';
import { type PagerDutyCommandHandlers, pagerDutyCommands } from './pagerDutyCommands';
import { PagerDutyPaging } from './pagerDutyPaging';

export interface PagerDutyModuleDeps {
  readonly secrets: vscode.SecretStorage;
  readonly log: Log;
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly openLink: (url: string) => Promise<boolean>;
}

/** PagerDuty, once loaded: the client, who is on call, paging, and the commands' handlers. */
export class LoadedPagerDuty extends Disposable {
  readonly client: PagerDutyClient;
  readonly onCall: OnCallService;
  readonly commands: PagerDutyCommandHandlers;

  constructor(deps: PagerDutyModuleDeps) {
    super();
    this.client = this._register(new PagerDutyClient(deps.secrets, deps.log));
    this.onCall = this._register(new OnCallService(this.client, deps.models));
    const paging = new PagerDutyPaging(deps.store, this.client, this.onCall);
    this.commands = pagerDutyCommands({ ...deps, pagerDuty: this.client, onCall: this.onCall, paging });
  }
}

export function loadPagerDuty(deps: PagerDutyModuleDeps): LoadedPagerDuty {
  return new LoadedPagerDuty(deps);
}
