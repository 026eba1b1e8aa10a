// `npm run demo`: builds and packages the extension, starts a real VS Code
// (code-server) with it installed on a copy of sample/, prints the URL and
// runs until Ctrl-C. Set DEMO_PORT to choose the port (default 8080, or a free
// one when 8080 is taken).
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { sampleFollowUpIssues, sampleFollowUpRepository, sampleRolloutIssues, samplePullRequests, sampleSupportRepository, sampleTemplateFiles } from '../fakes/github/sampleData';
import { NORTHWIND_SN, startNorthwindServiceNow } from '../fakes/servicenow/northwind';
import { FakeFlipper } from '../fakes/flipper/fakeFlipper';
import { NORTHWIND_FLIPPER, northwindFlipper } from '../fakes/flipper/northwind';
import { FakePagerDuty } from '../fakes/pagerduty/fakePagerDuty';
import { NORTHWIND_FROM, NORTHWIND_PD, northwindPagerDuty } from '../fakes/pagerduty/northwind';
import { FakeSlack } from '../fakes/slack/fakeSlack';
import { NORTHWIND_TOKEN, northwindSlack } from '../fakes/slack/northwind';
import { freePort, startCodeServer } from './codeServer';
import { packageExtension, REPO_ROOT } from './packaging';
import { onShutdown, shutdownAll } from './processes';
import { ensureToolchain } from './toolchain';
import { freshenReleasePlan } from './sampleDates';

const DEFAULT_PORT = 8080;

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(): Promise<number> {
  const requested = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested <= 0 || requested > 65535) throw new Error(`DEMO_PORT must be a port number, got "${process.env.DEMO_PORT}"`);
    if (!(await isPortFree(requested))) throw new Error(`DEMO_PORT ${requested} is already in use`);
    return requested;
  }
  return (await isPortFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

async function main(): Promise<void> {
  const toolchain = ensureToolchain();
  console.log('Building and packaging the extension…');
  const vsix = packageExtension();
  // The demo edits a copy, so trying things out never changes the repository's sample/.
  const workspace = mkdtempSync(join(tmpdir(), 'incident-runbook-demo-'));
  cpSync(join(REPO_ROOT, 'sample'), workspace, { recursive: true });
  freshenReleasePlan(workspace);
  // A local fake GitHub with sample merged PRs and the templates the sample runbook links, so the merged-PR
  // search and the records generated from the team's template work offline. Only the demo's
  // user settings point the extension at it.
  const github = await new FakeGitHub().start();
  github.setPullRequests(samplePullRequests());
  github.setFiles(sampleTemplateFiles());
  // Follow-ups: the repository the sample runbook's issue template is in, with a few open and closed issues,
  // and a resolved incident whose record links them and whose post-mortem has action items left to file.
  github.setRepositories([sampleFollowUpRepository(), sampleSupportRepository()]);
  github.setIssues([...sampleFollowUpIssues(), ...sampleRolloutIssues()]);
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'follow-ups'), workspace, { recursive: true });
  onShutdown(() => github.stop());
  // The Slack workspace and PagerDuty account the sample runbook links (northwind.slack.com's #parcel-incidents,
  // the Parcel Tracking service): posting the notification and paging work offline, against fakes that only
  // the demo's user settings point at. Sam Becker is on call at level 1 for five hours from the demo's start.
  const slack = northwindSlack(await new FakeSlack().start());
  onShutdown(() => slack.stop());
  const pagerDuty = northwindPagerDuty(await new FakePagerDuty().start(), new Date());
  onShutdown(() => pagerDuty.stop());
  // The sample release plan's feature flag, label_service_v2, in a fake of the app's mounted Flipper API.
  const flipper = northwindFlipper(await new FakeFlipper().start());
  onShutdown(() => flipper.stop());
  // The sample support plan's ServiceNow queue (northwind.service-now.com, the Parcel Tracking Support group).
  const serviceNow = await startNorthwindServiceNow(new Date());
  onShutdown(() => serviceNow.stop());
  const settings = {
    'runbook.servicenow.instances': [{ instance: NORTHWIND_SN.instance, apiUrl: serviceNow.baseUrl }],
    'runbook.github.baseUrl': github.baseUrl,
    'runbook.slack.apiUrl': `${slack.baseUrl}/api`,
    'runbook.pagerduty.apiUrl': pagerDuty.baseUrl,
    'runbook.flipper.apiUrl': flipper.baseUrl,
  };
  const server = await startCodeServer({ toolchain, workspace, extensions: [vsix], port: await choosePort(), settings });
  console.log(`\nIncident Runbook demo: ${server.workbenchUrl}`);
  console.log(`Workspace (a copy of sample/): ${workspace}`);
  console.log(`Fake GitHub API with sample merged PRs, the runbook's templates and follow-up issues: ${github.baseUrl}`);
  console.log('To create follow-up issues on it, run "Runbook: Set GitHub Token…" once and enter any text (the fake accepts any token).');
  console.log(`Fake Slack (the Northwind workspace, #parcel-incidents): ${slack.baseUrl}/api`);
  console.log(`  To post the notification from its preview, run "Runbook: Connect Slack…" and paste: ${NORTHWIND_TOKEN}`);
  console.log(`Fake PagerDuty (Northwind, the Parcel Tracking service and who is on call): ${pagerDuty.baseUrl}`);
  console.log(`  To see who is on call and page, run "Runbook: Connect PagerDuty…" and paste: ${NORTHWIND_PD.key}`);
  console.log(`  When paging asks for your PagerDuty email, enter: ${NORTHWIND_FROM}`);
  console.log(`Fake Flipper API (the sample release plan's label_service_v2 at 5%): ${flipper.baseUrl}`);
  console.log(`  To set the flag from Start Next Rollout Stage and Roll Back, run "Runbook: Connect Flipper…" and paste: ${NORTHWIND_FLIPPER.token}`);
  console.log(`Fake ServiceNow (${NORTHWIND_SN.instance}, the support plan's queue of seven tickets): ${serviceNow.baseUrl}`);
  console.log(`  To list the Tickets view, run "Runbook: Connect ServiceNow…", choose "Username and password" and enter ${NORTHWIND_SN.user} / ${NORTHWIND_SN.password}`);
  console.log('Open the URL in a browser and click the Runbook icon in the activity bar. Ctrl-C stops the demo.\n');
  await new Promise<never>(() => undefined);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  await shutdownAll();
  process.exit(1);
});
