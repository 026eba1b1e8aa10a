import * as assert from 'node:assert/strict';
import { checkOpenable, classifyLink, type DashboardVendor } from '../../src/core/runbook/links';

function assertDashboard(url: string, vendor: DashboardVendor, host: string): void {
  assert.deepEqual(classifyLink(url), { kind: 'dashboard', vendor, host });
}

function refusalReason(url: string): string {
  const decision = checkOpenable(url);
  assert.equal(decision.ok, false, `expected ${url} to be refused`);
  return decision.ok ? '' : decision.reason;
}

describe('classifyLink', () => {
  describe('dashboards', () => {
    it('recognises Datadog on every site, including gov and EU, for any path', () => {
      assertDashboard(
        'https://vagov.ddog-gov.com/dashboard/27b-m6k-7an/x?fromUser=true&index=%2A&refresh_mode=sliding&tpl_var_Environment%5B0%5D=eks-prod&from_ts=1754571611026&to_ts=1754658011026&live=true',
        'Datadog',
        'vagov.ddog-gov.com',
      );
      assertDashboard('https://app.datadoghq.com/apm/traces?query=env%3Aprod&start=1&end=2&paused=false', 'Datadog', 'app.datadoghq.com');
      assertDashboard('https://us3.datadoghq.com/dashboard/abc', 'Datadog', 'us3.datadoghq.com');
      assertDashboard('https://app.datadoghq.eu/logs', 'Datadog', 'app.datadoghq.eu');
      assertDashboard('https://datadoghq.com/', 'Datadog', 'datadoghq.com');
    });

    it('does not mistake look-alike hosts for Datadog', () => {
      assert.deepEqual(classifyLink('https://notdatadoghq.com/dashboard/abc'), { kind: 'other', host: 'notdatadoghq.com' });
    });

    it('recognises Grafana by host', () => {
      assertDashboard('https://grafana.example.com/d/abc/x?from=now-6h&to=now', 'Grafana', 'grafana.example.com');
      assertDashboard('https://acme.grafana.net/d/abc', 'Grafana', 'acme.grafana.net');
    });

    it('recognises Sentry, hosted and self-hosted', () => {
      assertDashboard('https://acme.sentry.io/issues/?statsPeriod=24h', 'Sentry', 'acme.sentry.io');
      assertDashboard('https://sentry.internal.example.com/organizations/acme/issues/', 'Sentry', 'sentry.internal.example.com');
    });

    it('recognises Kibana by host, by app path and by its _g=( state', () => {
      assertDashboard('https://kibana.example.com/app/discover#/?_g=(time:(from:now-15m,to:now))', 'Kibana', 'kibana.example.com');
      assertDashboard('https://logs.example.com/app/dashboards#/view/abc', 'Kibana', 'logs.example.com');
      assertDashboard('https://logs.example.com/app/kibana#/discover', 'Kibana', 'logs.example.com');
      assertDashboard('https://logs.example.com/s/ops/x#/?_g=(refreshInterval:(pause:!t))', 'Kibana', 'logs.example.com');
      assertDashboard('https://logs.example.com/x?_g=(time:(from:now-1h))', 'Kibana', 'logs.example.com');
    });

    it('recognises New Relic', () => {
      assertDashboard('https://one.newrelic.com/dashboards?x=1', 'New Relic', 'one.newrelic.com');
    });

    it('recognises CloudWatch only under /cloudwatch on the AWS console', () => {
      assertDashboard(
        'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=x',
        'CloudWatch',
        'console.aws.amazon.com',
      );
      assertDashboard('https://us-east-1.console.aws.amazon.com/cloudwatch/home', 'CloudWatch', 'us-east-1.console.aws.amazon.com');
      assert.deepEqual(classifyLink('https://console.aws.amazon.com/ec2/home'), { kind: 'other', host: 'console.aws.amazon.com' });
    });

    it('recognises Splunk', () => {
      assertDashboard('https://acme.splunkcloud.com/en-US/app/search/dash', 'Splunk', 'acme.splunkcloud.com');
    });

    it('matches hosts case-insensitively', () => {
      assertDashboard('https://APP.DataDogHQ.com/dashboard/abc', 'Datadog', 'app.datadoghq.com');
      assertDashboard('HTTPS://Grafana.Example.com/d/abc', 'Grafana', 'grafana.example.com');
    });
  });

  describe('GitHub', () => {
    it('recognises code search', () => {
      assert.deepEqual(classifyLink('https://github.com/search?q=repo%3Aa%2Fb+is%3Amerged&type=pullrequests'), {
        kind: 'github-search',
        host: 'github.com',
      });
    });

    it('recognises files and folders', () => {
      assert.deepEqual(classifyLink('https://github.com/org/repo/blob/main/templates/x.md'), { kind: 'github-file', host: 'github.com' });
      assert.deepEqual(classifyLink('https://www.github.com/org/repo/tree/main/docs'), { kind: 'github-file', host: 'www.github.com' });
    });

    it('prefers issue template over file for a blob inside ISSUE_TEMPLATE', () => {
      assert.deepEqual(classifyLink('https://github.com/org/repo/blob/master/.github/ISSUE_TEMPLATE/snow.md'), {
        kind: 'github-issue-template',
        host: 'github.com',
      });
    });

    it('recognises new-issue links that pick a template', () => {
      assert.deepEqual(classifyLink('https://github.com/org/repo/issues/new?template=bug.md'), {
        kind: 'github-issue-template',
        host: 'github.com',
      });
      assert.deepEqual(classifyLink('https://github.com/org/repo/issues/new'), { kind: 'other', host: 'github.com' });
    });

    it('treats any other GitHub page as other', () => {
      assert.deepEqual(classifyLink('https://github.com/org/repo'), { kind: 'other', host: 'github.com' });
      assert.deepEqual(classifyLink('https://github.com/org/repo/pulls'), { kind: 'other', host: 'github.com' });
    });
  });

  describe('chat, paging and email', () => {
    it('recognises Slack channels but not other Slack pages', () => {
      assert.deepEqual(classifyLink('https://dsva.slack.com/archives/C05UTPZRZFY'), { kind: 'slack-channel', host: 'dsva.slack.com' });
      assert.deepEqual(classifyLink('https://slack.com/help/articles/123'), { kind: 'other', host: 'slack.com' });
    });

    it('recognises PagerDuty', () => {
      assert.deepEqual(classifyLink('https://dsva.pagerduty.com/service-directory/PO9X8XN'), {
        kind: 'pagerduty',
        host: 'dsva.pagerduty.com',
      });
    });

    it('recognises mailto links, with no host', () => {
      assert.deepEqual(classifyLink('mailto:oncall@example.com'), { kind: 'email' });
    });
  });

  describe('everything else', () => {
    it('classifies unknown web pages as other, keeping the host', () => {
      assert.deepEqual(classifyLink('https://example.com/x'), { kind: 'other', host: 'example.com' });
    });

    it('classifies relative, unparsable, empty and non-web links as other without a host', () => {
      for (const url of ['incident-response.md', './docs/x.md', 'not a url', '', 'file:///etc/passwd', 'command:workbench.action.quit']) {
        assert.deepEqual(classifyLink(url), { kind: 'other' }, url);
      }
    });
  });
});

describe('checkOpenable', () => {
  it('allows http, https and mailto, returning the trimmed url', () => {
    assert.deepEqual(checkOpenable('https://example.com/x'), { ok: true, url: 'https://example.com/x' });
    assert.deepEqual(checkOpenable('http://localhost:3000/health'), { ok: true, url: 'http://localhost:3000/health' });
    assert.deepEqual(checkOpenable('mailto:oncall@example.com'), { ok: true, url: 'mailto:oncall@example.com' });
    assert.deepEqual(checkOpenable('  \thttps://example.com/x \n'), { ok: true, url: 'https://example.com/x' });
  });

  it('refuses command: links and explains the rule', () => {
    assert.equal(
      refusalReason('command:workbench.action.quit'),
      'Refused to open "command:workbench.action.quit": only http, https and mailto links open from a runbook, and this link uses "command:".',
    );
  });

  it('refuses every other scheme, naming it', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['file:///etc/passwd', 'file:'],
      ['javascript:alert(1)', 'javascript:'],
      ['JAVASCRIPT:alert(1)', 'javascript:'],
      ['vscode://x', 'vscode:'],
      ['data:text/html,hi', 'data:'],
    ];
    for (const [url, scheme] of cases) {
      const reason = refusalReason(url);
      assert.ok(reason.includes(`"${url}"`), reason);
      assert.ok(reason.includes(`uses "${scheme}"`), reason);
      assert.ok(reason.includes('only http, https and mailto'), reason);
    }
  });

  it('refuses relative and unparsable input as not absolute', () => {
    assert.equal(refusalReason('incident-response.md'), 'Refused to open "incident-response.md": it is not an absolute URL.');
    assert.equal(refusalReason('foo bar'), 'Refused to open "foo bar": it is not an absolute URL.');
    assert.equal(refusalReason('   '), 'Refused to open "": it is not an absolute URL.');
  });

  it('accepts long https links whole', () => {
    const url = `https://example.com/${'a'.repeat(600 - 'https://example.com/'.length)}`;
    assert.equal(url.length, 600);
    assert.deepEqual(checkOpenable(url), { ok: true, url });
  });

  it('shortens a long refused link in the reason', () => {
    const url = `command:${'x'.repeat(592)}`;
    assert.equal(url.length, 600);
    const reason = refusalReason(url);
    assert.ok(reason.length <= 250, `reason is ${reason.length} characters`);
    assert.ok(reason.includes('…"'), reason);
    assert.ok(reason.includes('uses "command:"'), reason);
    const quoted = /^Refused to open "([^"]*)"/.exec(reason)?.[1] ?? '';
    assert.equal(quoted.length, 120);
  });
});
