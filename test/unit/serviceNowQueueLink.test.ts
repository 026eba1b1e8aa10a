import * as assert from 'node:assert/strict';
import { findQueueLinks, parseQueueUrl } from '../../src/core/servicenow/queueLink';
import { NORTHWIND_QUEUE_LINK, NORTHWIND_QUEUE_QUERY, NORTHWIND_SN } from '../fakes/servicenow/northwind';
import { requireSeed } from './seeds';
import { assertLinear, growth } from './timing';

const SEED_URL =
  'https://yourit.va.gov/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_view%3Dcatalog%26sysparm_first_row%3D1%26sysparm_query%3Dassignment_group%253D9c50fbc51b4f8d5065965318624bcbbf%255Eactive%253Dtrue%255Estate!%253D6%26sysparm_clear_stack%3Dtrue';
const SEED_LABEL = "SNOW Queue for Assignment Group 'eCheckInVetFacingApps'";
/** The seed's line as it is written (an indented list item), so this runs without the seeds too. */
const SEED_LINE = `    - If notified by email of a new support ticket in our [${SEED_LABEL}], investigate the ticket to determine if a fix is needed and how critical the issue is (${SEED_URL})`;
const SEED_QUERY = 'assignment_group=9c50fbc51b4f8d5065965318624bcbbf^active=true^state!=6';

describe('parseQueueUrl', () => {
  it("reads the seed's classic-UI link: the target decoded once, then its sysparm_query", () => {
    assert.deepEqual(parseQueueUrl(SEED_URL), { instance: 'yourit.va.gov', table: 'task', query: SEED_QUERY });
  });

  it('reads NORTHWIND_QUEUE_LINK as the query the fake queue is built on', () => {
    assert.deepEqual(parseQueueUrl(NORTHWIND_QUEUE_LINK), { instance: NORTHWIND_SN.instance, table: 'task', query: NORTHWIND_QUEUE_QUERY });
  });

  it('reads the nav_to.do form', () => {
    const uri = encodeURIComponent(`incident_list.do?sysparm_query=${encodeURIComponent('active=true^priority<=2')}`);
    assert.deepEqual(parseQueueUrl(`https://acme.service-now.com/nav_to.do?uri=${uri}`), { instance: 'acme.service-now.com', table: 'incident', query: 'active=true^priority<=2' });
    // With the list's own leading slash.
    assert.deepEqual(parseQueueUrl(`https://acme.service-now.com/nav_to.do?uri=%2Fsc_task_list.do%3Fsysparm_query%3Dactive%253Dtrue`), { instance: 'acme.service-now.com', table: 'sc_task', query: 'active=true' });
  });

  it('reads the direct list form, and a list without sysparm_query as the whole list', () => {
    assert.deepEqual(parseQueueUrl('https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue%5Estate!%3D6&sysparm_first_row=1'), { instance: 'acme.service-now.com', table: 'incident', query: 'active=true^state!=6' });
    assert.deepEqual(parseQueueUrl('https://acme.service-now.com/incident_list.do'), { instance: 'acme.service-now.com', table: 'incident', query: '' });
    assert.deepEqual(parseQueueUrl('https://acme.service-now.com/now/nav/ui/classic/params/target/u_custom_table_list.do'), { instance: 'acme.service-now.com', table: 'u_custom_table', query: '' });
  });

  it('reads + in a query string as a space, and %2B as a plus', () => {
    assert.equal(parseQueueUrl('https://a.service-now.com/incident_list.do?sysparm_query=short_descriptionLIKEdisk+full')?.query, 'short_descriptionLIKEdisk full');
    assert.equal(parseQueueUrl('https://a.service-now.com/incident_list.do?sysparm_query=short_descriptionLIKEC%2B%2B')?.query, 'short_descriptionLIKEC++');
    // Inside a target: the list URL's + is encoded once more as %2B, its %2B as %252B.
    const target = encodeURIComponent('incident_list.do?sysparm_query=short_descriptionLIKEdisk+full%5EdescriptionLIKEC%2B%2B');
    assert.equal(parseQueueUrl(`https://a.service-now.com/now/nav/ui/classic/params/target/${target}`)?.query, 'short_descriptionLIKEdisk full^descriptionLIKEC++');
    assert.equal(parseQueueUrl(`https://a.service-now.com/nav_to.do?uri=${target}`)?.query, 'short_descriptionLIKEdisk full^descriptionLIKEC++');
  });

  it('keeps the port, lower-cases the host, accepts http', () => {
    assert.equal(parseQueueUrl('https://ACME.Service-Now.com:8443/incident_list.do')?.instance, 'acme.service-now.com:8443');
    assert.equal(parseQueueUrl('http://127.0.0.1:9000/incident_list.do')?.instance, '127.0.0.1:9000');
  });

  it('skips malformed percent-encoding without throwing', () => {
    for (const url of [
      'https://a.service-now.com/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_query%3Dactive%25ZZ',
      'https://a.service-now.com/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_query%3D%E0%A4%A',
      'https://a.service-now.com/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_query%3D%FF',
      'https://a.service-now.com/incident_list.do?sysparm_query=active%3',
      'https://a.service-now.com/incident_list.do?sysparm_query=%zzactive',
      'https://a.service-now.com/nav_to.do?uri=incident_list.do%3Fsysparm_query%3Dactive%25',
      'https://a.service-now.com/nav_to.do?uri=%E0%A4%A',
    ]) {
      assert.doesNotThrow(() => parseQueueUrl(url), url);
      assert.equal(parseQueueUrl(url), undefined, url);
    }
  });

  it('is undefined for ServiceNow pages that are no list, other schemes and addresses with credentials', () => {
    for (const url of [
      'https://a.service-now.com/incident.do?sys_id=a0000000000000000000000000010045',
      'https://a.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Dabc',
      'https://a.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3Dabc',
      'https://a.service-now.com/now/nav/ui/home',
      'https://a.service-now.com/nav_to.do',
      'https://a.service-now.com/api/now/table/incident?sysparm_query=active%3Dtrue',
      'https://a.service-now.com/kb_view.do?sysparm_article=KB0010001',
      'https://a.service-now.com/x/incident_list.do',
      'https://a.service-now.com/_list.do',
      'ftp://a.service-now.com/incident_list.do',
      'javascript:alert(1)//incident_list.do',
      'https://user:secret@a.service-now.com/incident_list.do',
      'incident_list.do?sysparm_query=active%3Dtrue',
      'not a url',
      '',
    ]) {
      assert.equal(parseQueueUrl(url), undefined, url);
    }
  });
});

describe('findQueueLinks', () => {
  it("finds the seed's link as written: bare in parentheses, labelled by the bracketed text before it", () => {
    assert.deepEqual(findQueueLinks(`# Support\n\n${SEED_LINE}\n`), [{ instance: 'yourit.va.gov', table: 'task', query: SEED_QUERY, url: SEED_URL, line: 2, label: SEED_LABEL }]);
  });

  it('finds the link in the real seed support plan', function () {
    const seed = requireSeed(this, '004');
    const links = findQueueLinks(seed.text);
    assert.deepEqual(
      links.map((l) => [l.instance, l.table, l.query, l.url, l.label]),
      [['yourit.va.gov', 'task', SEED_QUERY, SEED_URL, SEED_LABEL]],
    );
    const [link] = links;
    assert.ok(link);
    assert.ok(seed.text.split('\n')[link.line]?.includes(`(${SEED_URL})`), 'the line it names holds the link');
  });

  it('finds Markdown links with their text as label, and <url> links', () => {
    const text = [
      'Queue: [Parcel Tracking tickets](' + NORTHWIND_QUEUE_LINK + ')',
      'Also <https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue>.',
      '[Resolved ones](<https://acme.service-now.com/incident_list.do?sysparm_query=state%3D6>)',
    ].join('\n');
    assert.deepEqual(findQueueLinks(text), [
      { instance: NORTHWIND_SN.instance, table: 'task', query: NORTHWIND_QUEUE_QUERY, url: NORTHWIND_QUEUE_LINK, line: 0, label: 'Parcel Tracking tickets' },
      { instance: 'acme.service-now.com', table: 'incident', query: 'active=true', url: 'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue', line: 1 },
      { instance: 'acme.service-now.com', table: 'incident', query: 'state=6', url: 'https://acme.service-now.com/incident_list.do?sysparm_query=state%3D6', line: 2, label: 'Resolved ones' },
    ]);
  });

  it('finds a URL-only line, and a Markdown link with a title', () => {
    assert.deepEqual(findQueueLinks(`intro\n${NORTHWIND_QUEUE_LINK}\r\nend`).map((l) => [l.url, l.line, l.label]), [[NORTHWIND_QUEUE_LINK, 1, undefined]]);
    assert.deepEqual(findQueueLinks(`[Queue](https://a.service-now.com/incident_list.do "The queue")`).map((l) => [l.url, l.label]), [['https://a.service-now.com/incident_list.do', 'Queue']]);
  });

  it('leaves out the punctuation and parentheses around a bare link, unless the link balances them', () => {
    const urls = (text: string) => findQueueLinks(text).map((l) => l.url);
    const u = 'https://a.service-now.com/incident_list.do?sysparm_query=active%3Dtrue';
    assert.deepEqual(urls(`See ${u}.`), [u]);
    assert.deepEqual(urls(`See ${u}, then`), [u]);
    assert.deepEqual(urls(`(see ${u})`), [u]);
    assert.deepEqual(urls(`(see ${u}).`), [u]);
    assert.deepEqual(urls(`"${u}"`), [u]);
    assert.deepEqual(urls(`| ${u} |`), [u]);
    const balanced = 'https://a.service-now.com/incident_list.do?sysparm_query=short_descriptionLIKE(beta)';
    assert.deepEqual(urls(`(see ${balanced})`), [balanced]);
    assert.equal(findQueueLinks(`(see ${balanced})`)[0]?.query, 'short_descriptionLIKE(beta)');
  });

  it('takes the nav_to.do and direct forms from running text, one label each', () => {
    const nav = `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent('incident_list.do?sysparm_query=assignment_group%3Dabc%5Eactive%3Dtrue')}`;
    const direct = 'https://acme.service-now.com/sc_task_list.do?sysparm_query=active%3Dtrue&sysparm_view=catalog';
    const links = findQueueLinks(`[Incidents] (${nav}) and the catalog tasks: ${direct}`);
    assert.deepEqual(links.map((l) => [l.table, l.query, l.url, l.label]), [
      ['incident', 'assignment_group=abc^active=true', nav, 'Incidents'],
      ['sc_task', 'active=true', direct, undefined],
    ]);
  });

  it('ignores ServiceNow links that name no list, other links, and links with malformed encoding', () => {
    const text = [
      '[INC0010045](https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Da0000000000000000000000000010045)',
      'Knowledge: https://acme.service-now.com/kb_view.do?sysparm_article=KB0010001',
      'Home: https://acme.service-now.com/now/nav/ui/home',
      'Docs [here](https://example.com/docs) and ftp://acme.service-now.com/incident_list.do',
      'Broken: https://acme.service-now.com/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_query%3D%E0%A4%A',
      'Written without scheme: acme.service-now.com/incident_list.do',
    ].join('\n');
    assert.deepEqual(findQueueLinks(text), []);
  });

  it('does not lend the text of a link to the bare link after it', () => {
    const links = findQueueLinks('[docs](https://example.com/docs) then https://a.service-now.com/incident_list.do');
    assert.deepEqual(links.map((l) => l.label), [undefined]);
  });

  it('reads every link of a line, on the right lines', () => {
    const u = (t: string) => `https://a.service-now.com/${t}_list.do`;
    const links = findQueueLinks(`${u('incident')} ${u('sc_task')}\n\n[P](${u('problem')})[C](${u('change_request')})`);
    assert.deepEqual(links.map((l) => [l.table, l.line, l.label]), [['incident', 0, undefined], ['sc_task', 0, undefined], ['problem', 2, 'P'], ['change_request', 2, 'C']]);
  });
});

// A ratio, not a time (timing.ts). Three runs of each size, and a floor of 0.1 ms.
const TIMING = { runs: 3, floorMs: 0.1 };

describe('findQueueLinks on hostile input', function () {
  this.timeout(120_000);
  const inputs: Record<string, string> = {
    'unclosed brackets': '[',
    'bracketed texts': '[a]',
    'link openings without an end': '[a](https://a.service-now.com/incident_list.do?x=',
    'link openings on one destination': '](https://a',
    'angle openings without an end': '<https://a.service-now.com/incident_list.do',
    'opening parentheses in an address': 'https://a.service-now.com/incident_list.do?sysparm_query=(',
    'closing parentheses after an address': 'https://a.service-now.com/incident_list.do)',
    'trailing dots': '.',
    'percent signs': '%',
    'encoded percent signs': '%25',
    'scheme prefixes': 'https:/',
    'queue links': `${NORTHWIND_QUEUE_LINK} `,
  };
  for (const [name, unit] of Object.entries(inputs)) {
    for (const [shape, join] of [['on one line', ''], ['a line each', '\n']] as const) {
      it(`reads ${name} ${shape} in linear time`, () => {
        const n = Math.max(200, Math.floor(20_000 / unit.length));
        const make = (count: number) => `https://a.service-now.com/incident_list.do?sysparm_query=${Array.from({ length: count }, () => unit).join(join)})`;
        assertLinear(growth(make, findQueueLinks, n, TIMING));
      });
    }
  }
});
