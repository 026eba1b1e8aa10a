import * as assert from 'node:assert/strict';
import { type OnCallLevel } from '../../src/core/pagerduty/onCall';
import { describePagerDutyFailure, isDuplicateIncidentKey } from '../../src/core/pagerduty/pagerDutyErrors';
import { pagedEntryText, pagerDutyFrontMatterValue, pagerDutyFromFrontMatter } from '../../src/core/pagerduty/pagerDutyRecord';
import { MAX_TITLE_LENGTH, pageIncidentRequest, pageTargetsSummary, urgencyFor } from '../../src/core/pagerduty/pageRequest';

const RECORD_URL = 'https://github.com/dsva/incidents/blob/main/incidents/2026-12-14-1005-travel-pay-500s.md';
const BASE = { title: 'Travel Pay 500s', recordId: '2026-12-14-1005-travel-pay-500s', serviceId: 'PO9X8XN' };

// PagerDuty's answer to a second POST /incidents with the incident_key of an open incident.
const DUPLICATE_BODY = { error: { message: 'Arguments Caused Error', code: 2002, errors: ['Open incident with matching dedup key already exists on this service'] } };

describe('pageIncidentRequest', () => {
  it('builds the POST /incidents body for an escalation policy', () => {
    assert.deepEqual(pageIncidentRequest({ ...BASE, severity: 'SEV1', recordUrl: RECORD_URL, escalationPolicyId: 'PT20YPA', message: 'Travel Pay claims fail with 500s since 10:05.' }), {
      incident: {
        type: 'incident',
        title: 'Travel Pay 500s',
        service: { id: 'PO9X8XN', type: 'service_reference' },
        urgency: 'high',
        incident_key: '2026-12-14-1005-travel-pay-500s',
        body: { type: 'incident_body', details: `Travel Pay claims fail with 500s since 10:05.\n\nSeverity: SEV1\nRecord: ${RECORD_URL}` },
        escalation_policy: { id: 'PT20YPA', type: 'escalation_policy_reference' },
      },
    });
  });

  it('assigns a chosen user instead of the escalation policy', () => {
    const { incident } = pageIncidentRequest({ ...BASE, escalationPolicyId: 'PT20YPA', assigneeUserId: 'PCHARLO' });
    assert.deepEqual(incident.assignments, [{ assignee: { id: 'PCHARLO', type: 'user_reference' } }]);
    assert.equal('escalation_policy' in incident, false);
  });

  it("leaves urgency and the escalation policy out when unknown, so the service's defaults apply", () => {
    const { incident } = pageIncidentRequest(BASE);
    assert.deepEqual(Object.keys(incident), ['type', 'title', 'service', 'incident_key', 'body']);
    assert.equal(incident.body.details, 'Record: 2026-12-14-1005-travel-pay-500s');
  });

  it('writes a bare severity number as notifications do', () => {
    assert.equal(pageIncidentRequest({ ...BASE, severity: '2', recordUrl: RECORD_URL }).incident.body.details, `Severity: Sev 2\nRecord: ${RECORD_URL}`);
  });

  it('keeps the title to one line and clips it to PagerDuty’s length', () => {
    assert.equal(pageIncidentRequest({ ...BASE, title: '  Travel Pay\n 500s\t' }).incident.title, 'Travel Pay 500s');
    const long = pageIncidentRequest({ ...BASE, title: 'x'.repeat(MAX_TITLE_LENGTH + 50) }).incident.title;
    assert.equal(long.length, MAX_TITLE_LENGTH);
    assert.ok(long.endsWith('…'));
    assert.equal(MAX_TITLE_LENGTH, 1024);
    assert.equal(pageIncidentRequest({ ...BASE, title: ' ' }).incident.title, 'Incident 2026-12-14-1005-travel-pay-500s');
  });
});

describe('urgencyFor', () => {
  it('is high for SEV1, SEV2 and their names', () => {
    for (const s of ['SEV1', 'sev2', 'Sev 1', 'SEV-2', 'P1', 'p2', '1', '2', 'S1', 'Critical', 'high', 'MAJOR']) assert.equal(urgencyFor(s), 'high', s);
  });

  it('is low for SEV3 and below and their names', () => {
    for (const s of ['SEV3', 'sev4', 'Sev 5', 'P3', 'P4', '3', '4', 'minor', 'Low']) assert.equal(urgencyFor(s), 'low', s);
  });

  it('is unknown for anything else', () => {
    for (const s of [undefined, '', 'SEV', 'sev0', 'P0', 'soon', 'SEV1 maybe', '12a']) assert.equal(urgencyFor(s), undefined, String(s));
  });
});

describe('pageTargetsSummary', () => {
  const levels: OnCallLevel[] = [
    { level: 2, people: [{ userId: 'PCHARLO', name: 'Charlotte Reid' }] },
    { level: 1, people: [{ userId: 'PKEVIN1', name: 'Kevin Duensing' }, { userId: 'PCALVIN', name: 'Calvin Cieslak' }] },
  ];

  it("names the first level's people for an escalation policy", () => {
    assert.equal(pageTargetsSummary(levels, { kind: 'escalation_policy', name: 'Travel Pay escalation' }), 'Level 1 of Travel Pay escalation: Kevin Duensing, Calvin Cieslak');
    assert.equal(pageTargetsSummary(levels, { kind: 'escalation_policy', name: 'Travel Pay' }), 'Level 1 of Travel Pay escalation: Kevin Duensing, Calvin Cieslak');
    assert.equal(pageTargetsSummary(levels, { kind: 'escalation_policy', name: 'Travel Pay Escalation Policy' }), 'Level 1 of Travel Pay Escalation Policy: Kevin Duensing, Calvin Cieslak');
    assert.equal(pageTargetsSummary(levels, { kind: 'escalation_policy' }), "Level 1 of the service's escalation policy: Kevin Duensing, Calvin Cieslak");
  });

  it('skips levels with no one on call, and says when no one is', () => {
    assert.equal(pageTargetsSummary([{ level: 1, people: [] }, levels[0] as OnCallLevel], { kind: 'escalation_policy', name: 'Travel Pay' }), 'Level 2 of Travel Pay escalation: Charlotte Reid');
    assert.equal(pageTargetsSummary([], { kind: 'escalation_policy', name: 'Travel Pay' }), 'Travel Pay escalation: no one is on call');
  });

  it('names one user alone', () => {
    assert.equal(pageTargetsSummary(levels, { kind: 'user', userId: 'PCHARLO' }), 'Charlotte Reid only');
    assert.equal(pageTargetsSummary([], { kind: 'user', userId: 'PADA123', name: 'Ada Lovelace' }), 'Ada Lovelace only');
    assert.equal(pageTargetsSummary([], { kind: 'user', userId: 'PADA123', name: ' ' }), 'PADA123 only');
  });
});

describe('describePagerDutyFailure', () => {
  it('401: the key was refused; connect again', () => {
    const body = { error: { message: 'Invalid Credentials', code: 2006, errors: ['Invalid API key'] } };
    assert.equal(
      describePagerDutyFailure({ status: 401, body, action: 'page' }),
      'Could not page: The PagerDuty API key was refused (401). Run "Runbook: Connect PagerDuty…" with a valid REST API key. PagerDuty said: "Invalid Credentials — Invalid API key".',
    );
  });

  it('403: needs write access and the Responder role', () => {
    const text = describePagerDutyFailure({ status: 403, body: { error: { message: 'Access Denied', code: 2010 } }, action: 'page' });
    assert.match(text, /^Could not page: PagerDuty refused the key permission \(403\)\./);
    assert.match(text, /write access \(not read-only\)/);
    assert.match(text, /Responder role/);
    assert.match(text, /Run "Runbook: Connect PagerDuty…"/);
    assert.match(text, /PagerDuty said: "Access Denied"\.$/);
  });

  it('404: names the unknown service and the link to check', () => {
    assert.equal(
      describePagerDutyFailure({ status: 404, body: { error: { message: 'Not Found', code: 2100 } }, action: 'look up who is on call', resource: { kind: 'service', id: 'PO9X8XN' } }),
      'Could not look up who is on call: PagerDuty does not know the service PO9X8XN (404) — check the runbook\'s PagerDuty link, and that the key belongs to that PagerDuty account. PagerDuty said: "Not Found".',
    );
    assert.match(describePagerDutyFailure({ status: 404, action: 'page', resource: { kind: 'escalation_policy', id: 'PT20YPA' } }), /the escalation policy PT20YPA \(404\)/);
    assert.match(describePagerDutyFailure({ status: 404, action: 'page' }), /that service, schedule or escalation policy \(404\)/);
  });

  it('400: a From email that is not a PagerDuty user is named', () => {
    const body = { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Requester User Not Found'] } };
    assert.equal(
      describePagerDutyFailure({ status: 400, body, action: 'page', fromEmail: 'ada@example.gov' }),
      'Could not page: The From email ada@example.gov is not a PagerDuty user of this account (400). Run "Runbook: Connect PagerDuty…" and give the email you sign in to PagerDuty with. PagerDuty said: "Invalid Input Provided — Requester User Not Found".',
    );
    const malformed = { error: { message: 'Malformed "From" header', code: 1028 } };
    assert.match(describePagerDutyFailure({ status: 400, body: malformed, action: 'page', fromEmail: 'ada' }), /The From email ada is not a PagerDuty user/);
  });

  it('400: a missing From email asks for one', () => {
    const body = { error: { message: 'You must specify a user\'s email address in the "From" header to perform this action', code: 2016 } };
    assert.match(describePagerDutyFailure({ status: 400, body, action: 'page' }), /^Could not page: PagerDuty needs the email of one of its users as the From address \(400\)\. Run "Runbook: Connect PagerDuty…"/);
    assert.match(describePagerDutyFailure({ status: 400, body, action: 'page', fromEmail: 'ada@example.gov' }), /needs the email of one of its users/);
  });

  it("400: any other refusal shows PagerDuty's errors", () => {
    const body = { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Service not found.', 'Title is required.'] } };
    assert.equal(describePagerDutyFailure({ status: 400, body, action: 'page' }), 'Could not page: PagerDuty refused the request as invalid (400). PagerDuty said: "Invalid Input Provided — Service not found — Title is required".');
  });

  it('400 for a duplicate incident_key: the record was paged already', () => {
    assert.match(describePagerDutyFailure({ status: 400, body: DUPLICATE_BODY, action: 'page' }), /^Could not page: PagerDuty already has an open incident for this record \(400\)/);
  });

  it('429: says when to try again', () => {
    assert.equal(describePagerDutyFailure({ status: 429, action: 'page', retryAfterSeconds: 30 }), 'Could not page: PagerDuty is limiting how often it is asked (429). Try again in 30 seconds.');
    assert.match(describePagerDutyFailure({ status: 429, action: 'page', retryAfterSeconds: 1 }), /in 1 second\.$/);
    assert.match(describePagerDutyFailure({ status: 429, action: 'page', retryAfterSeconds: 61 }), /in 2 minutes\.$/);
    assert.match(describePagerDutyFailure({ status: 429, action: 'page', retryAfterSeconds: 60 }), /in 1 minute\.$/);
    assert.match(describePagerDutyFailure({ status: 429, action: 'page' }), /in a minute\.$/);
  });

  it('5xx: PagerDuty’s own trouble', () => {
    const text = describePagerDutyFailure({ status: 503, action: 'look up who is on call' });
    assert.equal(text, 'Could not look up who is on call: PagerDuty had a problem of its own (503). Try again shortly; https://status.pagerduty.com shows outages.');
  });

  it('network: names the host and the error', () => {
    assert.equal(
      describePagerDutyFailure({ networkError: 'getaddrinfo ENOTFOUND api.pagerduty.com', action: 'page' }),
      'Could not page: Could not reach api.pagerduty.com (getaddrinfo ENOTFOUND api.pagerduty.com). Check the network connection or proxy, then try again.',
    );
    assert.match(describePagerDutyFailure({ networkError: 'ECONNREFUSED', action: 'page', host: 'api.eu.pagerduty.com' }), /Could not reach api\.eu\.pagerduty\.com \(ECONNREFUSED\)/);
  });

  it('other statuses, and bodies that are not PagerDuty errors', () => {
    assert.equal(describePagerDutyFailure({ status: 418, body: 'teapot', action: 'page' }), 'Could not page: PagerDuty answered 418.');
    assert.equal(describePagerDutyFailure({ status: 500, body: { error: 'boom' }, action: 'page' }), 'Could not page: PagerDuty had a problem of its own (500). Try again shortly; https://status.pagerduty.com shows outages.');
    assert.equal(describePagerDutyFailure({ status: 400, body: { error: { errors: [1, '', null] } }, action: 'page' }), 'Could not page: PagerDuty refused the request as invalid (400).');
  });

  it('keeps PagerDuty’s words to one line and a bounded length', () => {
    const body = { error: { message: 'Invalid\nInput', errors: Array.from({ length: 10 }, (_, i) => `e${i} ${'x'.repeat(400)}`) } };
    const text = describePagerDutyFailure({ status: 400, body, action: 'page' });
    assert.ok(!text.includes('\n'));
    assert.ok(text.includes('Invalid Input — e0 '));
    assert.ok(!text.includes('e4 '), 'at most five of its texts');
    assert.ok(text.length < 2000);
  });
});

describe('isDuplicateIncidentKey', () => {
  it("recognises PagerDuty's 400 for an open incident with the same key", () => {
    assert.equal(isDuplicateIncidentKey(400, DUPLICATE_BODY), true);
    assert.equal(isDuplicateIncidentKey(400, { error: { message: 'matching dedup key already exists', errors: [] } }), true);
    assert.equal(isDuplicateIncidentKey(400, { error: { message: 'Invalid Input Provided', errors: ['An open incident with the same incident_key exists'] } }), true);
  });

  it('counts a 409 as a duplicate', () => {
    assert.equal(isDuplicateIncidentKey(409, undefined), true);
  });

  it('does not mistake other refusals for a duplicate', () => {
    assert.equal(isDuplicateIncidentKey(400, { error: { message: 'Invalid Input Provided', errors: ['Requester User Not Found'] } }), false);
    assert.equal(isDuplicateIncidentKey(400, { error: { message: 'Invalid Input Provided', errors: ['incident_key must be a string'] } }), false);
    assert.equal(isDuplicateIncidentKey(400, undefined), false);
    assert.equal(isDuplicateIncidentKey(201, DUPLICATE_BODY), false);
    assert.equal(isDuplicateIncidentKey(500, DUPLICATE_BODY), false);
    assert.equal(isDuplicateIncidentKey(undefined, DUPLICATE_BODY), false);
  });
});

describe('the PagerDuty incident in the record', () => {
  const value = { incident: 'Q1ABC', url: 'https://dsva.pagerduty.com/incidents/Q1ABC' };

  it('reads the front matter value', () => {
    assert.deepEqual(pagerDutyFromFrontMatter(value), value);
    assert.deepEqual(pagerDutyFromFrontMatter({ ...value, number: 123 }), { ...value, number: 123 });
    assert.deepEqual(pagerDutyFromFrontMatter({ incident: ' Q1ABC ', url: ' https://dsva.eu.pagerduty.com/incidents/Q1ABC ', number: 0 }), { incident: 'Q1ABC', url: 'https://dsva.eu.pagerduty.com/incidents/Q1ABC' });
  });

  it('refuses values that are not a PagerDuty incident', () => {
    for (const bad of [
      undefined,
      null,
      'Q1ABC',
      [value],
      { url: value.url },
      { incident: 'Q1ABC' },
      { incident: 'q1 abc', url: value.url },
      { incident: 12, url: value.url },
      { incident: 'Q1ABC', url: 'http://dsva.pagerduty.com/incidents/Q1ABC' },
      { incident: 'Q1ABC', url: 'https://pagerduty.com.evil.org/incidents/Q1ABC' },
      { incident: 'Q1ABC', url: 'javascript:alert(1)' },
      { incident: 'Q1ABC', url: 'incidents/Q1ABC' },
    ]) {
      assert.equal(pagerDutyFromFrontMatter(bad), undefined, JSON.stringify(bad));
    }
  });

  it('writes the front matter value in a fixed order', () => {
    assert.deepEqual(Object.entries(pagerDutyFrontMatterValue({ url: value.url, incident: 'Q1ABC' })), [
      ['incident', 'Q1ABC'],
      ['url', value.url],
    ]);
    assert.deepEqual(pagerDutyFrontMatterValue({ ...value, number: 123 }), { ...value, number: 123 });
    assert.deepEqual(pagerDutyFromFrontMatter(pagerDutyFrontMatterValue({ ...value, number: 7 })), { ...value, number: 7 });
  });

  it('writes the timeline entry of a page', () => {
    assert.equal(
      pagedEntryText({ url: value.url, number: 123, targets: 'Level 1 of Travel Pay escalation: Kevin Duensing' }),
      'Paged via PagerDuty: [incident #123](https://dsva.pagerduty.com/incidents/Q1ABC) — Level 1 of Travel Pay escalation: Kevin Duensing',
    );
    assert.equal(pagedEntryText({ url: value.url, targets: 'Charlotte Reid only' }), 'Paged via PagerDuty: [incident](https://dsva.pagerduty.com/incidents/Q1ABC) — Charlotte Reid only');
  });

  it('keeps the entry one line and its link whole', () => {
    assert.equal(pagedEntryText({ url: 'https://dsva.pagerduty.com/incidents/Q1(A)', targets: 'Kevin\nDuensing ' }), 'Paged via PagerDuty: [incident](https://dsva.pagerduty.com/incidents/Q1%28A%29) — Kevin Duensing');
    assert.equal(pagedEntryText({ url: value.url, targets: '' }), 'Paged via PagerDuty: [incident](https://dsva.pagerduty.com/incidents/Q1ABC)');
  });
});
