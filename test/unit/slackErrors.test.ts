import * as assert from 'node:assert/strict';
import { describeSlackFailure, isAuthFailure } from '../../src/core/slack/slackErrors';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { runbookPagerDutyLink } from '../../src/core/pagerduty/runbookPagerDuty';

const CONTEXT = { action: 'post the notification', channel: '#parcel-incidents', host: 'slack.com' };

describe("Slack's failures, as a person reads them", () => {
  it('names what to do for each error the issue lists', () => {
    assert.equal(describeSlackFailure({ kind: 'platform', error: 'not_in_channel' }, CONTEXT), 'Could not post the notification: the Slack app is not a member of #parcel-incidents. Invite it there (/invite @your-app in the channel), or use a user token.');
    assert.match(describeSlackFailure({ kind: 'platform', error: 'channel_not_found' }, CONTEXT), /^Could not post the notification: Slack knows no channel #parcel-incidents for this token/);
    assert.equal(describeSlackFailure({ kind: 'platform', error: 'invalid_auth' }, CONTEXT), 'Could not post the notification: Slack refused the token (invalid_auth). Run "Runbook: Connect Slack…" with a valid token.');
    assert.match(describeSlackFailure({ kind: 'platform', error: 'ratelimited' }, CONTEXT), /rate limiting/);
    assert.equal(describeSlackFailure({ kind: 'rate', retryAfterSeconds: 12 }, CONTEXT), 'Could not post the notification: Slack is rate limiting this token (about one message per second per channel); try again in 12 s.');
    assert.equal(describeSlackFailure({ kind: 'network', message: 'ECONNREFUSED' }, CONTEXT), 'Could not post the notification: slack.com could not be reached (ECONNREFUSED).');
    assert.equal(describeSlackFailure({ kind: 'http', status: 503 }, CONTEXT), 'Could not post the notification: Slack answered HTTP 503; Slack may be having trouble, try again shortly.');
    assert.match(describeSlackFailure({ kind: 'platform', error: 'missing_scope', needed: 'chat:write' }, CONTEXT), /lacks the chat:write scope/);
    assert.equal(describeSlackFailure({ kind: 'platform', error: 'something_new' }, { action: 'check the Slack token', host: 'slack.com' }), 'Could not check the Slack token: Slack answered something_new.');
  });

  it('tells a refused token from other failures', () => {
    assert.equal(isAuthFailure({ kind: 'platform', error: 'token_revoked' }), true);
    assert.equal(isAuthFailure({ kind: 'platform', error: 'not_in_channel' }), false);
    assert.equal(isAuthFailure({ kind: 'rate', retryAfterSeconds: 1 }), false);
  });
});

describe("a runbook's PagerDuty link", () => {
  it('prefers a service (paging needs one) over an escalation policy and a schedule, wherever they are', () => {
    const runbook = parseRunbook(['# Plan', '## On call', '- [Schedule](https://acme.pagerduty.com/schedules/PSCHED9)', '- [Policy](https://acme.pagerduty.com/escalation_policies/PPOLIC9)', '## Contacts', '- [Service](https://acme.pagerduty.com/service-directory/PSERVC9)', ''].join('\n'));
    assert.deepEqual(runbookPagerDutyLink(runbook), { subdomain: 'acme', kind: 'service', id: 'PSERVC9', url: 'https://acme.pagerduty.com/service-directory/PSERVC9' });
    assert.equal(runbookPagerDutyLink(parseRunbook('# Plan\n- [Status](https://status.pagerduty.com)\n')), undefined);
    assert.equal(runbookPagerDutyLink(parseRunbook('# Plan\n- [Policy](https://acme.pagerduty.com/escalation_policies#PPOLIC9)\n'))?.kind, 'escalation_policy');
  });
});
