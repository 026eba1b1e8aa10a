import * as assert from 'node:assert/strict';
import { decode as decodeRison } from 'rison-node';
import { requireSeeds } from './seeds';
import { rewriteTimeWindow, type DashboardVendor, type Rewrite } from '../../src/core/dashboards/timeWindow';
import type { TimeSpan } from '../../src/core/time/windowInput';

const window: TimeSpan = { from: new Date('2026-03-01T14:05:00.000Z'), to: new Date('2026-03-01T15:35:00.000Z') };
const FROM_MS = String(window.from.getTime());
const TO_MS = String(window.to.getTime());
const FROM_S = String(window.from.getTime() / 1000);
const TO_S = String(window.to.getTime() / 1000);

function rewritten(url: string, vendor: DashboardVendor, changed?: readonly string[]): string {
  const result = rewriteTimeWindow(url, window);
  assert.ok(result.ok, `expected ${url} to be rewritten, got ${JSON.stringify(result)}`);
  assert.equal(result.vendor, vendor);
  if (changed) assert.deepEqual(result.changed, changed);
  return result.url;
}

function refused(url: string, reason: string, timeWindow: TimeSpan = window): void {
  let result: Rewrite | undefined;
  assert.doesNotThrow(() => {
    result = rewriteTimeWindow(url, timeWindow);
  });
  assert.deepEqual(result, { ok: false, url, reason });
}

/** The raw value of `key` in a raw `a=1&b=2` string. */
function rawParam(query: string, key: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq !== -1 && pair.slice(0, eq) === key) return pair.slice(eq + 1);
  }
  return undefined;
}

function kibanaTime(rawG: string | undefined): unknown {
  assert.ok(rawG !== undefined, 'expected a _g parameter');
  return decodeRison(decodeURIComponent(rawG));
}

describe('rewriteTimeWindow', () => {
  it('uses the fixed incident window', () => {
    assert.equal(window.from.getTime(), Date.UTC(2026, 2, 1, 14, 5));
    assert.equal(window.to.getTime(), Date.UTC(2026, 2, 1, 15, 35));
    assert.equal(FROM_MS, '1772373900000');
  });

  describe('Datadog', () => {
    it('sets from_ts/to_ts, pauses live and drops refresh_mode=sliding on a seed dashboard, keeping every other byte', () => {
      const url =
        'https://vagov.ddog-gov.com/dashboard/27b-m6k-7an/travel-pay-smoc-performance-dashboard?fromUser=true&index=%2A&refresh_mode=sliding&tpl_var_Environment%5B0%5D=eks-prod&from_ts=1754571611026&to_ts=1754658011026&live=true';
      assert.equal(
        rewritten(url, 'Datadog', ['from_ts', 'to_ts', 'live', 'refresh_mode']),
        `https://vagov.ddog-gov.com/dashboard/27b-m6k-7an/travel-pay-smoc-performance-dashboard?fromUser=true&index=%2A&tpl_var_Environment%5B0%5D=eks-prod&from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false`,
      );
    });

    it('rewrites the platform-e2e seed dashboard', () => {
      const url =
        'https://vagov.ddog-gov.com/dashboard/u27-88d-58v/platform-e2e?fromUser=false&refresh_mode=sliding&tpl_var_env%5B0%5D=eks-prod&from_ts=1754505297084&to_ts=1754678097084&live=true';
      assert.equal(
        rewritten(url, 'Datadog'),
        `https://vagov.ddog-gov.com/dashboard/u27-88d-58v/platform-e2e?fromUser=false&tpl_var_env%5B0%5D=eks-prod&from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false`,
      );
    });

    it('adds a query to a dashboard link that has none', () => {
      assert.equal(
        rewritten('https://vagov.ddog-gov.com/dashboard/zps-5fk-azw/check-in-vets-api', 'Datadog', ['from_ts', 'to_ts', 'live']),
        `https://vagov.ddog-gov.com/dashboard/zps-5fk-azw/check-in-vets-api?from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false`,
      );
    });

    it('sets start/end and paused=true on an APM link, keeping raw spaces and parentheses', () => {
      const url =
        'https://tevi.ddog-gov.com/apm/traces?query=env%3Aprod -service%3A(clinician-workflow-defaultdb OR clinician-workflow-cache) -status%3Aok&cols=core_service%2Ccore_resource_name&historicalData=true&messageDisplay=inline&sort=desc&start=1691074800000&end=1691161200000&paused=false';
      assert.equal(
        rewritten(url, 'Datadog', ['start', 'end', 'paused', 'live']),
        `https://tevi.ddog-gov.com/apm/traces?query=env%3Aprod -service%3A(clinician-workflow-defaultdb OR clinician-workflow-cache) -status%3Aok&cols=core_service%2Ccore_resource_name&historicalData=true&messageDisplay=inline&sort=desc&start=${FROM_MS}&end=${TO_MS}&paused=true&live=false`,
      );
    });

    it("rewrites the sample's APM link", () => {
      const url =
        'https://app.datadoghq.com/apm/traces?query=env%3Aprod%20service%3Acarrier-gateway%20-status%3Aok&cols=core_service%2Ccore_resource_name%2Clog_duration&historicalData=false&start=1700000000000&end=1700003600000&paused=false';
      assert.equal(
        rewritten(url, 'Datadog'),
        `https://app.datadoghq.com/apm/traces?query=env%3Aprod%20service%3Acarrier-gateway%20-status%3Aok&cols=core_service%2Ccore_resource_name%2Clog_duration&historicalData=false&start=${FROM_MS}&end=${TO_MS}&paused=true&live=false`,
      );
    });

    it("rewrites the production-support seed's APM trace link byte for byte, percent escapes included", function () {
      const seed = requireSeeds(this).find((s) => s.name.startsWith('004_'));
      if (!seed) this.skip();
      const url = /https:\/\/tevi\.ddog-gov\.com\/apm\/traces\?[^\s)]*&start=\d+&end=\d+&paused=false/.exec(seed.text)?.[0];
      assert.ok(url, 'the seed still has its APM trace link');
      assert.match(url, /%22%2Flambda%2Fflush%22/);
      assert.equal(rewritten(url, 'Datadog'), url.replace(/&start=\d+&end=\d+&paused=false$/, `&start=${FROM_MS}&end=${TO_MS}&paused=true&live=false`));
    });

    it('keeps every percent escape in other parameters as written', () => {
      const url = 'https://app.datadoghq.com/apm/traces?query=a%26b%2Bc%23d%20e%22f%22&start=1&end=2&paused=false';
      assert.equal(rewritten(url, 'Datadog'), `https://app.datadoghq.com/apm/traces?query=a%26b%2Bc%23d%20e%22f%22&start=${FROM_MS}&end=${TO_MS}&paused=true&live=false`);
    });

    it('rewrites both start/end and from_ts/to_ts on a link carrying both, and pauses live', () => {
      const url = 'https://app.datadoghq.com/logs?query=service%3Aweb&from_ts=1&to_ts=2&live=true&start=1&end=2&refresh_mode=sliding';
      assert.equal(
        rewritten(url, 'Datadog', ['start', 'end', 'from_ts', 'to_ts', 'paused', 'live', 'refresh_mode']),
        `https://app.datadoghq.com/logs?query=service%3Aweb&from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false&start=${FROM_MS}&end=${TO_MS}&paused=true`,
      );
    });

    it('ends every rewritten Datadog link with live=false', () => {
      for (const url of [
        'https://app.datadoghq.com/dashboard/abc?live=true',
        'https://app.datadoghq.com/apm/traces?start=1&end=2&live=true',
        'https://app.datadoghq.com/logs?from_ts=1&to_ts=2&start=1&end=2&live=true',
        'https://app.datadoghq.com/apm/traces?end=2',
      ]) {
        const params = new URL(rewritten(url, 'Datadog')).searchParams;
        assert.deepEqual(params.getAll('live'), ['false'], url);
      }
    });

    it('keeps repeated template variables and the fragment', () => {
      const url = 'https://app.datadoghq.com/dashboard/abc-123/svc?tpl_var_env%5B0%5D=a&tpl_var_env%5B0%5D=b&from_ts=1&to_ts=2&live=true#widget-7';
      assert.equal(
        rewritten(url, 'Datadog'),
        `https://app.datadoghq.com/dashboard/abc-123/svc?tpl_var_env%5B0%5D=a&tpl_var_env%5B0%5D=b&from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false#widget-7`,
      );
    });

    it('puts new parameters before the fragment of a link without a query', () => {
      assert.equal(
        rewritten('https://app.datadoghq.com/dashboard/abc-123/svc#widget-7', 'Datadog'),
        `https://app.datadoghq.com/dashboard/abc-123/svc?from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false#widget-7`,
      );
    });

    it('works on regional sites and keeps refresh_mode when it is not sliding', () => {
      assert.equal(
        rewritten('https://us3.datadoghq.com/dashboard/abc?refresh_mode=paused&from_ts=1&to_ts=2', 'Datadog', ['from_ts', 'to_ts', 'live']),
        `https://us3.datadoghq.com/dashboard/abc?refresh_mode=paused&from_ts=${FROM_MS}&to_ts=${TO_MS}&live=false`,
      );
      assert.equal(
        rewritten('https://app.datadoghq.eu/logs?query=service%3Aweb&live=true', 'Datadog'),
        `https://app.datadoghq.eu/logs?query=service%3Aweb&live=false&from_ts=${FROM_MS}&to_ts=${TO_MS}`,
      );
    });

    it('matches percent-encoded keys, keeps them as written, and tolerates malformed escapes', () => {
      assert.equal(
        rewritten('https://app.datadoghq.com/dashboard/abc?%zz=1&from%5Fts=1&q=100%&to_ts=2&to_ts=3', 'Datadog'),
        `https://app.datadoghq.com/dashboard/abc?%zz=1&from%5Fts=${FROM_MS}&q=100%&to_ts=${TO_MS}&live=false`,
      );
    });
  });

  describe('Grafana', () => {
    it('sets from and to in epoch milliseconds, keeping repeated variables and the panel fragment', () => {
      const url = 'https://grafana.acme.io/d/abc/svc?orgId=1&from=now-6h&to=now&var-region=eu-west-1&var-region=us-east-1#panel-4';
      assert.equal(
        rewritten(url, 'Grafana', ['from', 'to']),
        `https://grafana.acme.io/d/abc/svc?orgId=1&from=${FROM_MS}&to=${TO_MS}&var-region=eu-west-1&var-region=us-east-1#panel-4`,
      );
    });

    it('adds from and to to a link with no query', () => {
      assert.equal(rewritten('https://grafana.acme.io/d/abc/svc', 'Grafana'), `https://grafana.acme.io/d/abc/svc?from=${FROM_MS}&to=${TO_MS}`);
    });
  });

  describe('Sentry', () => {
    it('replaces statsPeriod with ISO start and end', () => {
      assert.equal(
        rewritten('https://acme.sentry.io/issues/?project=42&query=is%3Aunresolved&statsPeriod=24h', 'Sentry', ['start', 'end', 'utc', 'statsPeriod']),
        'https://acme.sentry.io/issues/?project=42&query=is%3Aunresolved&start=2026-03-01T14:05:00&end=2026-03-01T15:35:00&utc=true',
      );
    });

    it('reads start and end as UTC: sets utc=true, replacing utc=false in place', () => {
      assert.equal(
        rewritten('https://acme.sentry.io/performance/?utc=false&project=42&statsPeriod=14d', 'Sentry', ['start', 'end', 'utc', 'statsPeriod']),
        'https://acme.sentry.io/performance/?utc=true&project=42&start=2026-03-01T14:05:00&end=2026-03-01T15:35:00',
      );
    });

    it('replaces existing start and end in place', () => {
      assert.equal(
        rewritten('https://acme.sentry.io/discover/results/?end=2026-02-01T00%3A00%3A00&project=42&start=2026-01-31T00%3A00%3A00&utc=true', 'Sentry', [
          'start',
          'end',
          'utc',
        ]),
        'https://acme.sentry.io/discover/results/?end=2026-03-01T15:35:00&project=42&start=2026-03-01T14:05:00&utc=true',
      );
    });
  });

  describe('Kibana', () => {
    const time = `time:(from:'2026-03-01T14:05:00.000Z',to:'2026-03-01T15:35:00.000Z')`;

    it('sets the time of _g in the hash route, keeping its other keys and _a byte for byte', () => {
      const url =
        'https://kibana.acme.io/app/discover#/?_g=(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:now-15m,to:now))&_a=(columns:!(_source))';
      const result = rewritten(url, 'Kibana', ['_g']);
      assert.equal(result, `https://kibana.acme.io/app/discover#/?_g=(filters:!(),refreshInterval:(pause:!t,value:0),${time})&_a=(columns:!(_source))`);

      const [beforeHash, fragment = ''] = result.split('#');
      assert.equal(beforeHash, 'https://kibana.acme.io/app/discover');
      const hashQuery = fragment.slice(fragment.indexOf('?') + 1);
      assert.deepEqual(kibanaTime(rawParam(hashQuery, '_g')), {
        filters: [],
        refreshInterval: { pause: true, value: 0 },
        time: { from: '2026-03-01T14:05:00.000Z', to: '2026-03-01T15:35:00.000Z' },
      });
      assert.equal(rawParam(hashQuery, '_a'), '(columns:!(_source))');
    });

    it('edits _g in a dashboard route with a path before the ?', () => {
      assert.equal(
        rewritten("https://logs.acme.io/app/dashboards#/view/abc-123?_g=(time:(from:now-7d,to:now))&_a=(query:(language:kuery,query:'svc:api'))", 'Kibana'),
        `https://logs.acme.io/app/dashboards#/view/abc-123?_g=(${time})&_a=(query:(language:kuery,query:'svc:api'))`,
      );
    });

    it('sets the time of _g in the query, reading a percent-encoded _g and leaving the fragment alone', () => {
      assert.equal(
        rewritten('https://logs.acme.io/app/kibana?_g=%28refreshInterval%3A%28pause%3A%21f%2Cvalue%3A60000%29%2Ctime%3A%28from%3Anow-24h%2Cto%3Anow%29%29&x=%2A#/discover', 'Kibana'),
        `https://logs.acme.io/app/kibana?_g=(refreshInterval:(pause:!f,value:60000),${time})&x=%2A#/discover`,
      );
    });

    it('adds a _g holding just the time when there is none', () => {
      assert.equal(
        rewritten('https://kibana.acme.io/app/discover#/view/abc?_a=(columns:!(message))', 'Kibana', ['_g']),
        `https://kibana.acme.io/app/discover#/view/abc?_a=(columns:!(message))&_g=(${time})`,
      );
      assert.equal(rewritten('https://kibana.acme.io/app/discover#/', 'Kibana'), `https://kibana.acme.io/app/discover#/?_g=(${time})`);
      assert.equal(rewritten('https://kibana.acme.io/app/dashboards', 'Kibana'), `https://kibana.acme.io/app/dashboards?_g=(${time})`);
    });

    it('replaces a _g it cannot decode with one holding just the time', () => {
      assert.equal(
        rewritten('https://kibana.acme.io/app/discover#/?_g=(time:(from:now-15m&_a=()', 'Kibana'),
        `https://kibana.acme.io/app/discover#/?_g=(${time})&_a=()`,
      );
    });
  });

  describe('Splunk', () => {
    it('sets earliest and latest in epoch seconds', () => {
      assert.equal(
        rewritten('https://acme.splunkcloud.com/en-US/app/search/search?q=search%20index%3Dmain&earliest=-24h&latest=now&display.page.search.mode=smart', 'Splunk', [
          'earliest',
          'latest',
        ]),
        `https://acme.splunkcloud.com/en-US/app/search/search?q=search%20index%3Dmain&earliest=${FROM_S}&latest=${TO_S}&display.page.search.mode=smart`,
      );
    });
  });

  describe('refusals', () => {
    it('leaves vendors without a URL time window, and non-dashboard links, unchanged', () => {
      refused('https://one.newrelic.com/dashboards/abc?duration=1800000', 'opens without a time window');
      refused('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=Prod', 'opens without a time window');
      refused('https://wiki.acme.io/display/OPS/Runbook?from=1&to=2', 'opens without a time window');
      refused('mailto:oncall@acme.io?subject=Incident', 'opens without a time window');
    });

    it('reports malformed URLs, clipped to 80 characters', () => {
      refused('not a url', 'not a valid URL: not a url');
      const long = `not a url ${'x'.repeat(100)}`;
      refused(long, `not a valid URL: ${long.slice(0, 79)}…`);
      refused('', 'not a valid URL: ');
    });

    it('refuses an invalid or reversed window instead of throwing', () => {
      const url = 'https://grafana.acme.io/d/abc/svc';
      refused(url, 'the time window is not a valid date range', { from: new Date('nope'), to: window.to });
      refused(url, 'the time window ends before it starts', { from: window.to, to: window.from });
    });
  });
});
