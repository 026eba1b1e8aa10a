import type * as vscode from 'vscode';
import { createApi, type RunbookApi } from './api';
import { registerChanges } from './features/changes/registerChanges';
import { registerDashboards } from './features/dashboards/registerDashboards';
import { EscalationService } from './features/incident/escalationService';
import { IncidentStore } from './features/incident/incidentStore';
import { IncidentTreeProvider } from './features/incident/incidentTreeProvider';
import { registerNotificationCommands } from './features/incident/notificationCommands';
import { NotificationPanel } from './features/incident/notificationPanel';
import { registerIncidents } from './features/incident/registerIncidents';
import { registerLifecycleCommands } from './features/incident/lifecycleCommands';
import { createLog } from './features/log';
import { StepProgressRouter } from './features/incident/stepProgressRouter';
import { registerPlaybookView } from './features/playbook/registerPlaybookView';
import { RunbookDiscovery } from './features/playbook/runbookDiscovery';
import { RunbookModels } from './features/playbook/runbookModels';
import { WorkspaceStepProgress } from './features/playbook/stepProgress';
import { registerSampleRunbook } from './features/sampleRunbook/registerSampleRunbook';
import { GitHubClient } from './features/changes/githubClient';
import { TemplateLoader } from './features/templates/templateLoader';
import { FollowUps } from './features/followUps/followUps';
import { openExternalLink } from './features/openExternalLink';
import { Slack } from './features/slack/slack';
import { composeFor, copyMessage, notificationIncident } from './features/incident/incidentNotification';
import { PagerDuty } from './features/pagerduty/pagerDuty';
import { Rollouts } from './features/rollout/rollouts';
import { Support } from './features/support/support';

export function activate(context: vscode.ExtensionContext): RunbookApi {
  const log = createLog();
  const discovery = new RunbookDiscovery(context.workspaceState, log);
  const models = new RunbookModels(log);
  const incidents = new IncidentStore(context.workspaceState, log);
  const progress = new StepProgressRouter(new WorkspaceStepProgress(context.workspaceState), incidents);
  const escalations = new EscalationService(incidents, models, context.workspaceState);
  const sources = { store: incidents, discovery, models };
  const slack = new Slack({ secrets: context.secrets, log, sources, notifications: { composeFor, copyMessage, notificationIncident }, openLink: openExternalLink });
  const notifications = new NotificationPanel(context.extensionUri, sources, slack);
  slack.panel = notifications;
  const pagerDuty = new PagerDuty({ secrets: context.secrets, log, store: incidents, discovery, models, openLink: openExternalLink });
  const github = new GitHubClient(context.secrets, log);
  const templates = new TemplateLoader(github, context.globalStorageUri, log);
  const followUps = new FollowUps({ store: incidents, models, github, log, openLink: openExternalLink });
  const rollouts = new Rollouts({ secrets: context.secrets, log, discovery, models, github, openLink: openExternalLink });
  const support = new Support({ context, log, discovery, models, github, followUps, onCall: pagerDuty, store: incidents, slack, openLink: openExternalLink });
  const incidentView = new IncidentTreeProvider(incidents, escalations, models, followUps, pagerDuty);
  context.subscriptions.push(
    log,
    discovery,
    models,
    models.onDidFindMissing(() => discovery.scheduleRefresh()),
    incidents,
    progress,
    escalations,
    incidentView,
    notifications,
    github,
    templates,
    followUps,
    slack,
    pagerDuty,
    rollouts,
    support,
    ...registerPlaybookView({ discovery, models, progress, onCall: pagerDuty }),
    ...registerIncidents({ context, store: incidents, discovery, models, incidentView, templates }),
    ...registerLifecycleCommands({ store: incidents, discovery, models, templates }),
    ...registerNotificationCommands({ store: incidents, discovery, models, panel: notifications }),
    ...registerDashboards({ store: incidents, discovery, models }),
    ...registerChanges({ context, store: incidents, discovery, models, github }),
    ...registerSampleRunbook({ discovery }),
    ...slack.register(),
    ...pagerDuty.register(),
    ...followUps.register(),
    ...rollouts.register(),
    ...support.register(),
  );
  return createApi({ discovery, models, progress, incidents, escalations, incidentView, notifications, templates, followUps, rollouts, support });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
