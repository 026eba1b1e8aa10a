import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { isSupportPlan, type ShiftCheck, shiftChecklist } from '../../src/core/support/supportPlan';
import { requireSeed } from './seeds';
import { growth, GROWTH, MAX_RATIO } from './timing';

const SAMPLES = join(__dirname, '..', '..', 'sample', 'runbooks');

function sample(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8');
}

function checklist(text: string): ShiftCheck[] {
  return shiftChecklist(parseRunbook(text));
}

/** Each check as "group › … › text", the day's script at a glance. */
function script(checks: readonly ShiftCheck[]): string[] {
  return checks.map((c) => [...c.group, c.text].join(' › '));
}

function find(checks: readonly ShiftCheck[], text: string): ShiftCheck {
  const found = checks.find((c) => c.text === text);
  assert.ok(found, `no check ${JSON.stringify(text)} in ${JSON.stringify(script(checks))}`);
  return found;
}

function supportPlan(text: string): boolean {
  return isSupportPlan(parseRunbook(text), text);
}

describe('isSupportPlan: recognised by its content', () => {
  it('is true for the seed production support plan', function () {
    assert.equal(supportPlan(requireSeed(this, '004_').text), true);
  });

  it('is true for the sample plan', () => {
    assert.equal(supportPlan(sample('production-support.md')), true);
  });

  it('is false for the seed incident playbook (which mentions an on-call rotation) and the seed release plan', function () {
    assert.equal(supportPlan(requireSeed(this, '001_').text), false);
    assert.equal(supportPlan(requireSeed(this, '002_').text), false);
  });

  it('is false for the sample incident response plan and release plan', () => {
    assert.equal(supportPlan(sample('incident-response.md')), false);
    assert.equal(supportPlan(sample('release-plan.md')), false);
  });

  it('needs two signals: one heading alone ("Support Tasks") is not enough', () => {
    assert.equal(supportPlan('# Team\n## Support Tasks\n- Check the queue\n'), false);
    assert.equal(supportPlan('# Team\n## Support Tasks\n- Check the queue\n## Hours of Support\n- 9 to 5\n'), true);
    assert.equal(supportPlan('# Team\n## Support Tasks\n- Check the queue\n\nWe rotate: a two-week rotation.\n'), true);
  });

  it('needs a heading among its signals: "production support" and "rotation" in prose are an incident playbook\'s words too', () => {
    assert.equal(supportPlan('# Incident plan\n## Escalation\nAsk production support; the rotation is in PagerDuty.\n'), false);
  });

  it('is false for an empty document', () => {
    assert.equal(supportPlan(''), false);
  });
});

describe('shiftChecklist on the seed production support plan', () => {
  let checks: ShiftCheck[];
  beforeEach(function () {
    checks = checklist(requireSeed(this, '004_').text);
  });

  it('reads as the day\'s script: eleven checks, in the plan\'s order', () => {
    assert.deepEqual(script(checks), [
      'Support Tasks › PagerDuty',
      'Support Tasks › Slack channels › #check-in-production-support › Ensure the daily bot is posting check-in and pre-check-in data',
      'Support Tasks › Slack channels › #check-in-production-support › Check that the numbers look reasonable',
      'Support Tasks › Slack channels › #check-in-monitoring › for any alerts in #check-in-monitoring channel, perform initial debugging into the Sentry error message and the corresponding downstream error',
      'Support Tasks › Slack channels › #check-in-experience-apm',
      'Support Tasks › DataDog dashboards › vets-api',
      'Support Tasks › DataDog dashboards › CHIP API',
      'Support Tasks › DataDog dashboards › vista-api › Look for REST errors and RPC Socket Timeout and Connection Refused',
      'Support Tasks › Things to look for',
      'Support Tasks › Monitor your VA email for notifications for the VAeCheckinVetFacingApps email group',
      'Other Links › Clinician Workflow Error Traces',
    ]);
  });

  it('gives ids from the text, unique, [a-z0-9-]', () => {
    assert.deepEqual(checks.slice(0, 3).map((c) => c.id), ['pagerduty', 'ensure-the-daily-bot-is-posting-check-in', 'check-that-the-numbers-look-reasonable']);
    assert.equal(new Set(checks.map((c) => c.id)).size, checks.length);
    for (const c of checks) assert.match(c.id, /^[a-z0-9-]+$/);
  });

  it('puts PagerDuty\'s guidance beside it and leaves out the rotation facts (2-week rotations, who is on call, Primary/Secondary)', () => {
    const pagerDuty = find(checks, 'PagerDuty');
    assert.equal(pagerDuty.line, 10);
    assert.equal(pagerDuty.notes.length, 2);
    assert.match(pagerDuty.notes[0] ?? '', /^Use the Incident Response Playbook to guide incident\/issue response$/);
    assert.match(pagerDuty.notes[1] ?? '', /^In the event that an issue is resulting from something upstream, bring attention to the issue in the following vettext-production-support channel/);
    assert.deepEqual(pagerDuty.links.map((l) => l.label), ['Incident Response Playbook', 'vettext-production-support channel']);
    assert.equal(pagerDuty.links[1]?.url, 'https://dsva.slack.com/archives/C052BC1893K');
  });

  it('gives a check under a channel the channel\'s link, after its own', () => {
    const bot = find(checks, 'Ensure the daily bot is posting check-in and pre-check-in data');
    assert.deepEqual(bot.group, ['Support Tasks', 'Slack channels', '#check-in-production-support']);
    assert.deepEqual(bot.links, [{ label: '#check-in-production-support', url: 'https://dsva.slack.com/archives/C02UP02HHGX' }]);
    assert.equal(bot.line, 20);
    assert.deepEqual(bot.notes, []);
  });

  it('keeps a dashboard\'s description as its note, and its URL byte for byte', function () {
    const vetsApi = find(checks, 'vets-api');
    assert.deepEqual(vetsApi.notes, ['shows numbers for check-ins and pre check-ins as well as other data on various controllers and services calls']);
    const chip = find(checks, 'CHIP API');
    const source = requireSeed(this, '004_').text;
    assert.ok(source.includes(`(${chip.links[0]?.url})`));
    assert.match(chip.links[0]?.url ?? '', /from_ts=1685971164731&to_ts=1685985564731&live=true$/);
  });

  it('puts "Things to look for" with its anomalies as notes', () => {
    assert.deepEqual(find(checks, 'Things to look for').notes, ['Anomalous data (any counts lower than expected, or response measurements higher than normal)', 'Anomalies in stats or error traces']);
  });

  it('puts the email check\'s If …/If, after …/Once … lines beside it, with their links', () => {
    const email = find(checks, 'Monitor your VA email for notifications for the VAeCheckinVetFacingApps email group');
    assert.equal(email.notes.length, 3);
    assert.match(email.notes[0] ?? '', /^If notified by email of a new support ticket/);
    assert.match(email.notes[1] ?? '', /^If, after investigation, it is determined that the incident needs a fix, create a ticket/);
    assert.match(email.notes[2] ?? '', /^Once the fix is in production/);
    assert.ok(email.links.some((l) => l.url.startsWith('https://yourit.va.gov/now/nav/ui/classic/')));
    assert.ok(email.links.some((l) => l.label === 'template' && l.url.endsWith('/ISSUE_TEMPLATE/check-in-experience-snow-ticket.md')));
  });

  it('names a bare-URL trace link by the paragraph before the list and keeps its ignore/sometimes notes', () => {
    const traces = find(checks, 'Clinician Workflow Error Traces');
    assert.deepEqual(traces.group, ['Other Links']);
    assert.deepEqual(traces.notes.map((n) => n.slice(0, 40)), ['ignore the logs from project-chipapi-cws', 'sometimes, one of the sidekiq job (eg: P']);
    assert.match(traces.notes[1] ?? '', /an error in itself is not cause for concern/);
    assert.match(traces.links[0]?.url ?? '', /^https:\/\/tevi\.ddog-gov\.com\/apm\/traces\?query=env%3Aprod%20-service/);
  });

  it('takes nothing from Hours of Support', () => {
    assert.ok(checks.every((c) => !c.group.includes('Hours of Support')));
    assert.ok(checks.every((c) => !/sprint rotation|work hours/.test([c.text, ...c.notes].join(' '))));
  });
});

describe('shiftChecklist on the sample plan', () => {
  const checks = checklist(sample('production-support.md'));

  it('reads as the day\'s script', () => {
    assert.deepEqual(script(checks), [
      'Support Tasks › PagerDuty',
      "Support Tasks › Slack channels › #parcel-support › Check the daily bot post with yesterday's tracking volume",
      'Support Tasks › Slack channels › #parcel-alerts',
      'Support Tasks › Dashboards › Tracking API',
      'Support Tasks › Dashboards › Label Service',
      'Support Tasks › Things to look for',
      'Support Tasks › Work the ServiceNow queue › Investigate each ticket in the Parcel Tracking Support queue to decide whether it needs a fix and how urgent it is',
      'Other Links › Carrier Gateway error traces › APM traces',
    ]);
  });

  it('puts beside PagerDuty the pointer to the incident plan, not the rotation lines, but keeps the rotation\'s link', () => {
    const pagerDuty = find(checks, 'PagerDuty');
    assert.deepEqual(pagerDuty.notes, ['Follow the Incident Response Plan for incidents']);
    assert.deepEqual(pagerDuty.links, [{ label: 'Incident Response Plan', url: 'incident-response.md' }, { label: 'PagerDuty', url: 'https://northwind.pagerduty.com/service-directory/PTRACK1' }]);
  });

  it('gives the queue check the group\'s If …/Once … notes', () => {
    const queue = checks.find((c) => c.group.includes('Work the ServiceNow queue'));
    assert.deepEqual(queue?.notes, ['If it needs a fix, create a GitHub issue from this template', 'Once the fix is in production, set the ticket to Resolved']);
    assert.ok(queue?.links.some((l) => l.label === 'template'));
  });

  it('labels the trace link\'s list with the paragraph before it and keeps "Ignore …" beside it', () => {
    assert.deepEqual(find(checks, 'APM traces').notes, ["Ignore the warm-up lambda's logs"]);
  });
});

describe('shiftChecklist rules', () => {
  it('a bullet opening with guidance (ignore, sometimes, use, follow, if, in the event, when, once, only, …) is a note of the check above it', () => {
    const checks = checklist(`## Support Tasks
- Check the error dashboard
  - ignore the warm-up errors
  - Sometimes it spikes at midnight
  - Use the triage guide
  - If it is red, page the team lead
  - In the event of an outage, open an incident
  - When in doubt, ask in #support
  - Only escalate after 15 minutes
  - Don't restart the workers
`);
    assert.deepEqual(script(checks), ['Support Tasks › Check the error dashboard']);
    assert.equal(checks[0]?.notes.length, 8);
  });

  it('a bullet saying "not cause for concern" is a note whatever it opens with', () => {
    const checks = checklist('## Support Tasks\n- Check the job queue\n  - A failed job is re-queued, so one error is not cause for concern\n');
    assert.equal(checks[0]?.notes.length, 1);
  });

  it('"Follow up on …" is a check, not a pointer to follow', () => {
    assert.deepEqual(script(checklist('## Support Tasks\n- Follow up on yesterday\'s tickets\n')), ['Support Tasks › Follow up on yesterday\'s tickets']);
  });

  it('an item with a check beneath it is a group: its label joins the path, its link goes with its checks', () => {
    const checks = checklist('## Support Tasks\n- Dashboards\n  - [API](https://app.datadoghq.com/dashboard/a)\n    - Look for 5xx spikes\n');
    assert.deepEqual(script(checks), ['Support Tasks › Dashboards › API › Look for 5xx spikes']);
    assert.deepEqual(checks[0]?.links, [{ label: 'API', url: 'https://app.datadoghq.com/dashboard/a' }]);
  });

  it('an instruction that only introduces its items ("Proactively monitor the following") is left out of the path', () => {
    assert.deepEqual(script(checklist('## Support Tasks\n- Proactively monitor the following\n  - [#alerts](https://x.slack.com/archives/C1)\n')), ['Support Tasks › #alerts']);
    assert.deepEqual(script(checklist('## Support Tasks\n- Check these dashboards\n  - [API](https://a.example/d)\n')), ['Support Tasks › Check these dashboards › API']);
  });

  it('an imperative bullet (monitor, check, ensure, look, review, scan, make sure, "for any …, perform …") is a check', () => {
    const checks = checklist('## Support Tasks\n- Monitor the inbox\n- Review open tickets\n- Scan the logs\n- Make sure backups ran\n- For any alert, perform a first look\n');
    assert.equal(checks.length, 5);
  });

  it('a link-only bullet is a check named by its label', () => {
    assert.deepEqual(script(checklist('## Support Tasks\n- [#alerts](https://x.slack.com/archives/C1)\n')), ['Support Tasks › #alerts']);
  });

  it('a short label with notes or facts beneath is a check; without any it is a fact, dropped', () => {
    assert.deepEqual(script(checklist('## Support Tasks\n- Error budget\n  - Burn under 2% a day\n- Quiet weekends\n')), ['Support Tasks › Error budget']);
  });

  it('a fact right under a check is a note; one about the rotation (rotation, on call, sprint, OOO) is dropped with all beneath it', () => {
    const checks = checklist('## Support Tasks\n- Queue\n  - Shows tickets assigned to the team\n  - Two-week rotations with the sprint\n    - Primary answers first\n');
    assert.deepEqual(checks[0]?.notes, ['Shows tickets assigned to the team']);
  });

  it('descriptive facts on their own are not checks', () => {
    assert.deepEqual(checklist('## Support Tasks\n- We will do 2-week rotations\n- 2 people will be on call from 7 to 8\n- Primary - is responsible for incidents\n'), []);
  });

  it('Hours of Support, rotation and contact sections hold no checks, and the title heading is not a group', () => {
    const checks = checklist('## Team Support Plan\n### Hours of Support\n- Check in at 9\n### Contacts\n- [#team](https://x.slack.com/archives/C1)\n### Support Tasks\n- Check the queue\n');
    assert.deepEqual(script(checks), ['Support Tasks › Check the queue']);
  });

  it('checklist boxes and numbered steps are checks, unless they read as notes', () => {
    assert.deepEqual(script(checklist('## Daily\n- [ ] Queue empty\n- [ ] Ignore the staging alerts\n1. Dashboards green\n')), ['Daily › Queue empty', 'Daily › Dashboards green']);
  });

  it('a paragraph ending with ":" labels the list after it; a bare address takes it as its text, else its host', () => {
    assert.deepEqual(script(checklist('## Links\nLabel traces:\n- [Traces](https://a.example/t)\n')), ['Links › Label traces › Traces']);
    assert.deepEqual(script(checklist('## Links\nLabel traces:\n- [https://a.example/t](https://a.example/t)\n')), ['Links › Label traces']);
    assert.deepEqual(script(checklist('## Links\n- [https://a.example/t?q=1](https://a.example/t?q=1)\n')), ['Links › a.example']);
  });

  it('a guidance note beside a group\'s checks goes with each of them', () => {
    const checks = checklist('## Support Tasks\n- Slack channels\n  - Only reply in threads\n  - [#a](https://x.slack.com/archives/C1)\n  - [#b](https://x.slack.com/archives/C2)\n');
    assert.deepEqual(checks.map((c) => c.notes), [['Only reply in threads'], ['Only reply in threads']]);
  });

  it('a paragraph is read as a bullet would be: an imperative one is a check, a descriptive one is dropped', () => {
    assert.deepEqual(script(checklist('## Support Tasks\nHere is what support covers.\n\nReview the overnight alerts.\n')), ['Support Tasks › Review the overnight alerts.']);
  });

  it('a link inside a paragraph is not a check', () => {
    assert.deepEqual(checklist('## Support Tasks\nThe channel is [#team](https://x.slack.com/archives/C1) for questions.\n'), []);
  });

  it('ids stay when other lines change, and a repeated text gets its group\'s hash, then a counter', () => {
    const before = checklist('## Support Tasks\n- Slack\n  - [#a](https://x/a)\n    - Check the bot\n- Email\n  - Check the bot\n  - Check the bot\n');
    assert.deepEqual(before.map((c) => c.id.replace(/-[0-9a-f]{4}(?=-|$)/, '-HASH')), ['check-the-bot', 'check-the-bot-HASH', 'check-the-bot-HASH-2']);
    const after = checklist('## Support Tasks\n- Review PagerDuty\n- Slack\n  - [#a](https://x/a)\n    - Check the bot\n      - numbers look right\n- Email\n  - Check the bot\n  - Check the bot\n');
    assert.deepEqual(after.slice(1).map((c) => c.id), before.map((c) => c.id));
  });

  it('a check whose text has no ASCII letters still gets an id', () => {
    const [check] = checklist('## Support Tasks\n- 检查队列\n  - 每天\n');
    assert.match(check?.id ?? '', /^check-[0-9a-f]{4}$/);
  });
});

describe(`shiftChecklist on hostile input stays linear (time at ${GROWTH}n under ${MAX_RATIO}× time at n)`, function () {
  this.timeout(60_000);
  const ratio = (make: (n: number) => string, n: number) =>
    growth((size) => parseRunbook(make(size)), (runbook) => shiftChecklist(runbook), n).ratio;

  it('many nested groups, each with checks and notes', () => {
    const block = (i: number) => `- Group ${i}\n  - [#c${i}](https://x.slack.com/archives/C${i})\n    - Check the bot\n      - ignore the noise\n    - Check the numbers\n  - Only reply in threads\n`;
    const r = ratio((n) => `## Support Tasks\n${Array.from({ length: n }, (_, i) => block(i)).join('')}`, 400);
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('thousands of checks with one text (ids)', () => {
    const r = ratio((n) => `## Support Tasks\n${'- Check the bot\n'.repeat(n)}`, 2000);
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('a long line of words and a long line of punctuation', () => {
    const words = ratio((n) => `## Support Tasks\n- Check ${'the queue '.repeat(n)}\n  - ${'if '.repeat(n)}\n`, 20_000);
    assert.ok(words < MAX_RATIO, `${words.toFixed(1)}×`);
    const punctuation = ratio((n) => `## Support Tasks\n- ${'-!.:'.repeat(n)}\n  - ${'['.repeat(n)}\n`, 20_000);
    assert.ok(punctuation < MAX_RATIO, `${punctuation.toFixed(1)}×`);
  });

  it('one item with thousands of inline links', () => {
    const r = ratio((n) => `## Support Tasks\n- Check ${Array.from({ length: n }, (_, i) => `[l${i}](https://x/${i})`).join(' ')}\n`, 1000);
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('isSupportPlan on a long document', () => {
    const r = growth((n) => { const text = `## Support Tasks\n${'rotation production support '.repeat(n)}`; return { runbook: parseRunbook(text), text }; }, ({ runbook, text }) => isSupportPlan(runbook, text), 20_000).ratio;
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('a list nested 400 deep completes', () => {
    const deep = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- Check level ${i}`).join('\n');
    const checks = checklist(`## Support Tasks\n${deep}\n`);
    assert.equal(checks.length, 1);
    assert.equal(checks[0]?.group.length, 400);
  });
});
