import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { captureOpenedLinks } from './helpers';

/** Escapes that a trip through vscode.Uri changes: `&` and `+` inside a value, `#`, a space, a double quote. */
const ESCAPED = 'a%26b%2Bc%23d%20e%22f%22';

/**
 * What VS Code opened when it was handed a vscode.Uri: the opener service opens a Uri as
 * `encodeURI(uri.toString(true))` (openerService `_resolveExternalUriOpenTarget`), which decodes
 * `%26` to `&` and `%2B` to `+`. Handed a string, it opens the string as given.
 */
const openedViaUri = (url: string) => encodeURI(vscode.Uri.parse(url, true).toString(true));

const from = '2026-03-01T14:05:00.000Z';
const to = '2026-03-01T15:35:00.000Z';
const FROM_MS = Date.parse(from);
const TO_MS = Date.parse(to);

describe('Links are handed to VS Code exactly as rewritten', () => {
  const handed = captureOpenedLinks();

  it('hands a runbook link to VS Code byte for byte', async () => {
    const url = `https://wiki.example.com/search?q=${ESCAPED}&space=OPS`;
    assert.equal(await vscode.commands.executeCommand('runbook.openLink', { url }), true);
    assert.deepEqual(handed, [url]);
    assert.equal(openedViaUri(url), 'https://wiki.example.com/search?q=a&b+c%2523d%20e%22f%22&space=OPS', 'a Uri would have split q=, read %2B as a space and double-encoded %23');
  });

  const dashboards: readonly { vendor: string; url: string; rewritten: string }[] = [
    {
      vendor: 'Splunk',
      url: `https://splunk.example.com/en-US/app/search/search?q=search%20index%3Dweb%20%22checkout%22%20${ESCAPED}&earliest=-24h&latest=now`,
      rewritten: `https://splunk.example.com/en-US/app/search/search?q=search%20index%3Dweb%20%22checkout%22%20${ESCAPED}&earliest=${FROM_MS / 1000}&latest=${TO_MS / 1000}`,
    },
    {
      vendor: 'Grafana',
      url: `https://grafana.example.com/d/carrier-gw/carrier-gateway?orgId=1&var-query=${ESCAPED}&from=now-6h&to=now`,
      rewritten: `https://grafana.example.com/d/carrier-gw/carrier-gateway?orgId=1&var-query=${ESCAPED}&from=${FROM_MS}&to=${TO_MS}`,
    },
    {
      // The shape of the production-support seed's APM trace link.
      vendor: 'Datadog',
      url: `https://app.datadoghq.com/apm/traces?query=env%3Aprod%20-%40http.path_group%3A%28%22%2Flambda%2Fflush%22%20OR%20${ESCAPED}%29&cols=core_service%2Ccore_resource_name&start=1653333035453&end=1653333935453&paused=false`,
      rewritten: `https://app.datadoghq.com/apm/traces?query=env%3Aprod%20-%40http.path_group%3A%28%22%2Flambda%2Fflush%22%20OR%20${ESCAPED}%29&cols=core_service%2Ccore_resource_name&start=${FROM_MS}&end=${TO_MS}&paused=true&live=false`,
    },
    {
      vendor: 'Sentry',
      url: `https://acme.sentry.io/issues/?project=42&query=message%3A${ESCAPED}&statsPeriod=24h`,
      rewritten: `https://acme.sentry.io/issues/?project=42&query=message%3A${ESCAPED}&start=2026-03-01T14:05:00&end=2026-03-01T15:35:00&utc=true`,
    },
  ];

  for (const { vendor, url, rewritten } of dashboards) {
    it(`hands a rewritten ${vendor} link to VS Code byte for byte`, async () => {
      const urls = await vscode.commands.executeCommand<string[]>('runbook.openDashboard', { url, from, to });
      assert.deepEqual(handed, [rewritten]);
      assert.deepEqual(urls, [rewritten]);
      assert.notEqual(openedViaUri(rewritten), rewritten, 'a Uri would have changed the link');
    });
  }
});
