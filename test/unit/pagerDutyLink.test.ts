import * as assert from 'node:assert/strict';
import { parsePagerDutyLink } from '../../src/core/pagerduty/pagerDutyLink';
import { type LinkNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { requireSeeds } from './seeds';

const SEED_LINK = 'https://dsva.pagerduty.com/service-directory/PO9X8XN';

describe('parsePagerDutyLink', () => {
  it("reads the real runbook's service link", () => {
    assert.deepEqual(parsePagerDutyLink(SEED_LINK), { subdomain: 'dsva', kind: 'service', id: 'PO9X8XN', url: SEED_LINK });
  });

  it('reads the link as the seed runbook writes it', function () {
    const seed = requireSeeds(this).find((s) => s.name.startsWith('001'));
    assert.ok(seed, 'seed 001 missing');
    const links = [...walk(parseRunbook(seed.text, { fileName: seed.name }).children)].filter((n): n is LinkNode => n.kind === 'link' && n.linkKind === 'pagerduty');
    assert.deepEqual(
      links.map((l) => parsePagerDutyLink(l.url)),
      [{ subdomain: 'dsva', kind: 'service', id: 'PO9X8XN', url: SEED_LINK }],
    );
  });

  it('reads service links under /services and with more path after the id', () => {
    assert.deepEqual(parsePagerDutyLink('https://acme.pagerduty.com/services/PABC123'), { subdomain: 'acme', kind: 'service', id: 'PABC123', url: 'https://acme.pagerduty.com/services/PABC123' });
    assert.equal(parsePagerDutyLink('https://dsva.pagerduty.com/service-directory/PO9X8XN/integrations')?.id, 'PO9X8XN');
    assert.equal(parsePagerDutyLink('https://dsva.pagerduty.com/service-directory/PO9X8XN/')?.id, 'PO9X8XN');
    assert.equal(parsePagerDutyLink('https://dsva.pagerduty.com/service-directory/PO9X8XN?tab=activity')?.id, 'PO9X8XN');
  });

  it('reads schedules and escalation policies, by path or by fragment', () => {
    const read = (url: string) => {
      const link = parsePagerDutyLink(url);
      return link && [link.kind, link.id];
    };
    assert.deepEqual(read('https://dsva.pagerduty.com/schedules/PSCHED1'), ['schedule', 'PSCHED1']);
    assert.deepEqual(read('https://dsva.pagerduty.com/schedules#PSCHED1'), ['schedule', 'PSCHED1']);
    assert.deepEqual(read('https://dsva.pagerduty.com/escalation_policies/PT20YPA'), ['escalation_policy', 'PT20YPA']);
    assert.deepEqual(read('https://dsva.pagerduty.com/escalation_policies#PT20YPA'), ['escalation_policy', 'PT20YPA']);
  });

  it('reads EU hosts as the same account name', () => {
    assert.deepEqual(parsePagerDutyLink('https://acme.eu.pagerduty.com/service-directory/PEU4567'), {
      subdomain: 'acme',
      kind: 'service',
      id: 'PEU4567',
      url: 'https://acme.eu.pagerduty.com/service-directory/PEU4567',
    });
  });

  it('keeps the address as written, trimmed, and reads the host in any case', () => {
    assert.deepEqual(parsePagerDutyLink('  https://DSVA.PagerDuty.com/service-directory/PO9X8XN \n'), { subdomain: 'dsva', kind: 'service', id: 'PO9X8XN', url: 'https://DSVA.PagerDuty.com/service-directory/PO9X8XN' });
  });

  it('accepts ids of P and six to eight upper-case letters or digits', () => {
    assert.equal(parsePagerDutyLink('https://a.pagerduty.com/services/P123456')?.id, 'P123456');
    assert.equal(parsePagerDutyLink('https://a.pagerduty.com/services/P12345678')?.id, 'P12345678');
    for (const id of ['P12345', 'P123456789', 'Q123456', 'po9x8xn', 'PO9X8X_', 'PO9%58XN']) {
      assert.equal(parsePagerDutyLink(`https://a.pagerduty.com/services/${id}`), undefined, id);
    }
  });

  it('rejects other hosts, look-alikes and PagerDuty hosts that are not accounts', () => {
    for (const url of [
      'https://pagerduty.com.evil.org/service-directory/PO9X8XN',
      'https://dsva.pagerduty.com.evil.org/service-directory/PO9X8XN',
      'https://evilpagerduty.com/service-directory/PO9X8XN',
      'https://pagerduty.com/service-directory/PO9X8XN',
      'https://a.b.pagerduty.com/service-directory/PO9X8XN',
      'https://www.pagerduty.com/service-directory/PO9X8XN',
      'https://api.pagerduty.com/services/PO9X8XN',
      'https://dsva.pagerduty.com@evil.org/service-directory/PO9X8XN',
      'https://user@dsva.pagerduty.com/service-directory/PO9X8XN',
      'https://dsva.pagerduty.com:8443/service-directory/PO9X8XN',
    ]) {
      assert.equal(parsePagerDutyLink(url), undefined, url);
    }
  });

  it('rejects http, relative and malformed addresses', () => {
    for (const url of ['http://dsva.pagerduty.com/service-directory/PO9X8XN', '/service-directory/PO9X8XN', 'dsva.pagerduty.com/service-directory/PO9X8XN', 'https://', '', 'mailto:oncall@dsva.pagerduty.com']) {
      assert.equal(parsePagerDutyLink(url), undefined, url);
    }
  });

  it('rejects addresses without an id, or of other pages', () => {
    for (const url of [
      'https://dsva.pagerduty.com/',
      'https://dsva.pagerduty.com/service-directory',
      'https://dsva.pagerduty.com/service-directory/',
      'https://dsva.pagerduty.com/service-directory#PO9X8XN',
      'https://dsva.pagerduty.com/schedules',
      'https://dsva.pagerduty.com/schedules#',
      'https://dsva.pagerduty.com/incidents/PO9X8XN',
      'https://dsva.pagerduty.com/users/PO9X8XN',
      'https://dsva.pagerduty.com/x/service-directory/PO9X8XN',
      'https://dsva.pagerduty.com/constructor/PO9X8XN',
    ]) {
      assert.equal(parsePagerDutyLink(url), undefined, url);
    }
  });
});
