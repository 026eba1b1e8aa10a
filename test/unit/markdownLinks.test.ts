import * as assert from 'node:assert/strict';
import { dashboardEntry } from '../../src/core/dashboards/dashboardRecord';
import { inlineLinksAsText, linkDestination } from '../../src/core/markdownLinks';
import { fastest } from './timing';

describe('Markdown link destinations', () => {
  it('encodes >, ) and line breaks so a URL cannot end the link early', () => {
    assert.equal(linkDestination('https://grafana.example/d/x?q=a>b&f=(y)\nz'), 'https://grafana.example/d/x?q=a%3Eb&f=%28y%29%0Az');
  });

  it('a dashboard in the record stays one link whatever its URL holds', () => {
    const line = dashboardEntry('Latency [p99]', 'https://grafana.example/d/x?q=a>b&f=(y)', '14:05 CET to 15:10 CET');
    assert.equal(line, '- [Latency \\[p99\\]](https://grafana.example/d/x?q=a%3Eb&f=%28y%29) — 14:05 CET to 15:10 CET');
    assert.equal(line.match(/\]\(/g)?.length, 1, 'one link in the line');
  });
});

describe('inline links written out as text', () => {
  it('keeps the label (and the address when asked), unescaping what the label escaped', () => {
    const entry = "Posted the notification to #parcel-incidents: [We're on it \\<label printer\\> \\[EU\\]](https://northwind.slack.com/archives/C0PARCEL01/p1764633600000100)";
    assert.equal(inlineLinksAsText(entry), "Posted the notification to #parcel-incidents: We're on it <label printer> [EU]");
    assert.equal(inlineLinksAsText(entry, true), "Posted the notification to #parcel-incidents: We're on it <label printer> [EU] (https://northwind.slack.com/archives/C0PARCEL01/p1764633600000100)");
    assert.equal(inlineLinksAsText('Paged via PagerDuty: [incident #4](https://x.pagerduty.com/incidents/Q1) — L1'), 'Paged via PagerDuty: incident #4 — L1');
    assert.equal(inlineLinksAsText('no link [here] (or here)'), 'no link [here] (or here)');
  });

  it('stays linear on hostile text: four times the input takes about four times as long, not sixteen', () => {
    const hostile = (n: number) => `${'[\\'.repeat(n)}${'](x'.repeat(n)}`;
    const best = (text: string) => fastest(() => inlineLinksAsText(text, true));
    const ratio = best(hostile(100_000)) / best(hostile(25_000));
    assert.ok(ratio < 8, `${ratio.toFixed(1)}×`);
  });
});
