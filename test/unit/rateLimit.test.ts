import * as assert from 'node:assert/strict';
import { apiHost, rateLimitWait } from '../../src/core/rateLimit';

describe('the bounded wait on a rate limit, shared by the Slack and PagerDuty clients', () => {
  it('waits out a short limit twice in a row, never a third time, never a long one', () => {
    assert.equal(rateLimitWait(0, 1), 1000);
    assert.equal(rateLimitWait(1, 30), 30_000);
    assert.equal(rateLimitWait(2, 1), undefined, 'a third 429 in a row is reported');
    assert.equal(rateLimitWait(0, 31), undefined, 'a wait over 30 s is reported, with its time');
    assert.equal(rateLimitWait(0, 0), 0);
  });

  it('sends a secret to the user\'s API URL without trailing slashes, else to the vendor\'s host', () => {
    assert.equal(apiHost('', 'https://slack.com/api'), 'https://slack.com/api');
    assert.equal(apiHost('http://127.0.0.1:9000/api//', 'https://slack.com/api'), 'http://127.0.0.1:9000/api');
  });
});
