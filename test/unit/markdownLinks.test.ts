import * as assert from 'node:assert/strict';
import { dashboardEntry } from '../../src/core/dashboards/dashboardRecord';
import { linkDestination } from '../../src/core/markdownLinks';

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
