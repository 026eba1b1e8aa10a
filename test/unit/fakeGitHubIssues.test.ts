import * as assert from 'node:assert/strict';
import { gitBlobSha } from '../fakes/github/fakeContents';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { FOLLOW_UP_REPO, FORM_TEMPLATE, issueFixture, MARKDOWN_TEMPLATE, PRIVATE_REPO, READ_ONLY_REPO, TEMPLATE_DIR } from '../fakes/github/issueFixtures';
import { sampleFollowUpIssues, sampleFollowUpRepository, sampleTemplateFiles } from '../fakes/github/sampleData';

const NOW = new Date('2026-03-10T12:00:00Z');
const AUTH = { authorization: 'token test-token' };
const MARKER = 'incident-runbook: 2026-01-01-0900-x#ab12cd34';

type Json = Record<string, unknown>;

describe('fake GitHub: issues, labels, issue search and GraphQL', () => {
  const github = new FakeGitHub();
  before(() => github.start());
  after(() => github.stop());
  beforeEach(() => {
    const fixture = issueFixture(NOW);
    github.setRepositories(fixture.repositories);
    github.setFiles(fixture.files);
    github.setIssues(fixture.issues);
    github.setPullRequests([]);
    github.requests.splice(0);
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${github.baseUrl}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const create = (repo: string, body: unknown, headers: Record<string, string> = AUTH) => call('POST', `/repos/${repo}/issues`, body, headers);
  const graphql = (query: string, headers: Record<string, string> = AUTH) => call('POST', '/graphql', { query, variables: {} }, headers);

  describe('POST /repos/{o}/{r}/issues', () => {
    it('creates an issue: 201, the issue JSON, a location, numbers after the highest in that repository', async () => {
      const response = await create(FOLLOW_UP_REPO, { title: '[Follow-up] Page on carrier timeouts', body: `Body\n<!-- ${MARKER} -->`, labels: ['incident-follow-up', 'P1'], assignees: ['Priya-R'] });
      assert.equal(response.status, 201);
      const issue = (await response.json()) as Json;
      assert.equal(issue.number, 104);
      assert.equal(response.headers.get('location'), `${github.baseUrl}/repos/${FOLLOW_UP_REPO}/issues/104`);
      assert.equal(issue.url, `${github.baseUrl}/repos/${FOLLOW_UP_REPO}/issues/104`);
      assert.equal(issue.html_url, `https://github.com/${FOLLOW_UP_REPO}/issues/104`);
      assert.equal(issue.title, '[Follow-up] Page on carrier timeouts');
      assert.equal(issue.body, `Body\n<!-- ${MARKER} -->`);
      assert.equal(issue.state, 'open');
      assert.equal(issue.closed_at, null);
      assert.equal(issue.comments, 0);
      assert.deepEqual(issue.user, { login: 'you', type: 'User' });
      assert.deepEqual((issue.labels as Json[]).map((l) => l.name), ['incident-follow-up', 'p1'], 'the repository\'s spelling of each label');
      assert.deepEqual((issue.assignees as Json[]).map((a) => a.login), ['priya-r']);
      assert.equal(typeof issue.id, 'number');
      assert.match(String(issue.node_id), /^I_/);
      assert.ok(Math.abs(Date.parse(String(issue.created_at)) - Date.now()) < 60_000);
      assert.equal(issue.updated_at, issue.created_at);

      const second = (await (await create(FOLLOW_UP_REPO, { title: 'Another' })).json()) as Json;
      assert.equal(second.number, 105);
      assert.equal(second.body, null);
      const first = (await (await create(PRIVATE_REPO, { title: 'First in its repository' })).json()) as Json;
      assert.equal(first.number, 1);

      assert.deepEqual(github.issues().filter((i) => i.number >= 104 || i.repo === PRIVATE_REPO).map((i) => [i.repo, i.number, i.title, i.labels, i.assignees]), [
        [FOLLOW_UP_REPO, 104, '[Follow-up] Page on carrier timeouts', ['incident-follow-up', 'p1'], ['priya-r']],
        [FOLLOW_UP_REPO, 105, 'Another', [], []],
        [PRIVATE_REPO, 1, 'First in its repository', [], []],
      ]);
      const recorded = github.requests[0];
      assert.equal(recorded?.path, `/repos/${FOLLOW_UP_REPO}/issues`);
      assert.deepEqual(JSON.parse(recorded?.body ?? '{}'), { title: '[Follow-up] Page on carrier timeouts', body: `Body\n<!-- ${MARKER} -->`, labels: ['incident-follow-up', 'P1'], assignees: ['Priya-R'] });
      assert.equal(recorded?.status, 201);
      assert.equal(response.headers.get('x-ratelimit-resource'), 'core');
    });

    it('answers 401 without an Authorization header, and creates nothing', async () => {
      const response = await create(FOLLOW_UP_REPO, { title: 'Anonymous' }, {});
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as Json).message, 'Requires authentication');
      assert.equal(github.issues().length, 3);
    });

    it('answers 403 in a repository the token may only read, which it can still read', async () => {
      const response = await create(READ_ONLY_REPO, { title: 'Not allowed' });
      assert.equal(response.status, 403);
      assert.equal(((await response.json()) as Json).message, 'Resource not accessible by personal access token');
      assert.equal(github.issues().length, 3);
      const labels = await call('GET', `/repos/${READ_ONLY_REPO}/labels`, undefined, AUTH);
      assert.equal(labels.status, 200);
      assert.deepEqual(((await labels.json()) as Json[]).map((l) => l.name), ['bug']);
    });

    it('answers 404 for an unknown repository, and for a private one without credentials (with them: found)', async () => {
      const unknown = await create('northwind-example/nowhere', { title: 'x' });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as Json).message, 'Not Found');
      await create(PRIVATE_REPO, { title: 'Sensitive' });
      const anonymous = await call('GET', `/repos/${PRIVATE_REPO}/issues/1`);
      assert.equal(anonymous.status, 404);
      assert.equal(((await anonymous.json()) as Json).message, 'Not Found');
      assert.equal((await call('GET', `/repos/${PRIVATE_REPO}/labels`)).status, 404);
      const authorized = await call('GET', `/repos/${PRIVATE_REPO}/issues/1`, undefined, AUTH);
      assert.equal(authorized.status, 200);
      assert.equal(((await authorized.json()) as Json).title, 'Sensitive');
    });

    it('answers 422 with one error per unknown label, matching known ones case-insensitively', async () => {
      const response = await create(FOLLOW_UP_REPO, { title: 'Labelled', labels: ['BUG', 'sev-2', 'Tech-Debt', 'customer-facing'] });
      assert.equal(response.status, 422);
      const body = (await response.json()) as Json;
      assert.equal(body.message, 'Validation Failed');
      assert.deepEqual(body.errors, [
        { resource: 'Label', code: 'invalid', field: 'labels', value: 'sev-2' },
        { resource: 'Label', code: 'invalid', field: 'labels', value: 'customer-facing' },
      ]);
      assert.equal(github.issues().length, 3);
      const accepted = await create(FOLLOW_UP_REPO, { title: 'Labelled', labels: ['BUG', 'Tech-Debt'] });
      assert.equal(accepted.status, 201);
      assert.deepEqual(((await accepted.json()) as { labels: Json[] }).labels.map((l) => l.name), ['bug', 'tech-debt']);
    });

    it('answers 422 for an assignee who is not a collaborator', async () => {
      const response = await create(FOLLOW_UP_REPO, { title: 'Assigned', assignees: ['tortega', 'mallory'] });
      assert.equal(response.status, 422);
      const body = (await response.json()) as Json;
      assert.equal(body.message, 'Validation Failed');
      assert.deepEqual(body.errors, [{ resource: 'Issue', code: 'invalid', field: 'assignees', value: 'mallory' }]);
      assert.equal(github.issues().length, 3);
    });

    it('answers 422 for a missing or blank title', async () => {
      for (const fields of [{ body: 'no title' }, { title: '' }, { title: '   ' }]) {
        const response = await create(FOLLOW_UP_REPO, fields);
        assert.equal(response.status, 422, JSON.stringify(fields));
        const body = (await response.json()) as Json;
        assert.equal(body.message, 'Validation Failed');
        assert.deepEqual(body.errors, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      }
      assert.equal((await create(FOLLOW_UP_REPO, '{"title": ')).status, 400, 'a body that is not JSON');
      assert.equal(github.issues().length, 3);
    });

    it('applies an injected 429 to creating an issue, then creates the next', async () => {
      github.injectFaults({ kind: 'status', status: 429 });
      const limited = await create(FOLLOW_UP_REPO, { title: 'Throttled' });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '1');
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(github.issues().length, 3);
      assert.equal(JSON.parse(github.requests[0]?.body ?? '{}').title, 'Throttled', 'the body is recorded even for a fault');
      const next = await create(FOLLOW_UP_REPO, { title: 'Throttled' });
      assert.equal(next.status, 201);
      assert.equal(github.issues().length, 4);
    });
  });

  describe('GET and PATCH /repos/{o}/{r}/issues/{n}', () => {
    it('answers an issue of the fixture, and 404 for a number that does not exist', async () => {
      const response = await call('GET', `/repos/${FOLLOW_UP_REPO}/issues/101`);
      assert.equal(response.status, 200);
      const issue = (await response.json()) as Json;
      assert.equal(issue.title, 'Add an alert on carrier gateway timeouts');
      assert.equal(issue.state, 'open');
      assert.equal(issue.created_at, new Date(NOW.getTime() - 45 * 86_400_000).toISOString());
      assert.deepEqual((issue.assignees as Json[]).map((a) => a.login), ['tortega']);
      assert.deepEqual(issue.user, { login: 'priya-r', type: 'User' });
      const closed = (await (await call('GET', `/repos/${FOLLOW_UP_REPO}/issues/102`)).json()) as Json;
      assert.equal(closed.state, 'closed');
      assert.equal(closed.closed_at, new Date(NOW.getTime() - 2 * 86_400_000).toISOString());
      assert.equal((await call('GET', `/repos/${FOLLOW_UP_REPO}/issues/999`)).status, 404);
    });

    it('closes and reopens with PATCH, under the same rules as creating', async () => {
      const path = `/repos/${FOLLOW_UP_REPO}/issues/103`;
      assert.equal((await call('PATCH', path, { state: 'closed' })).status, 401);
      assert.equal((await call('PATCH', `/repos/${READ_ONLY_REPO}/issues/1`, { state: 'closed' }, AUTH)).status, 403);
      assert.equal((await call('PATCH', `/repos/${FOLLOW_UP_REPO}/issues/999`, { state: 'closed' }, AUTH)).status, 404);
      const invalid = await call('PATCH', path, { state: 'done' }, AUTH);
      assert.equal(invalid.status, 422);
      assert.deepEqual(((await invalid.json()) as Json).errors, [{ resource: 'Issue', code: 'invalid', field: 'state', value: 'done' }]);
      assert.equal(github.issues().find((i) => i.number === 103)?.state, 'open');

      const closed = await call('PATCH', path, { state: 'closed' }, AUTH);
      assert.equal(closed.status, 200);
      const body = (await closed.json()) as Json;
      assert.equal(body.state, 'closed');
      assert.ok(Math.abs(Date.parse(String(body.closed_at)) - Date.now()) < 60_000);
      assert.equal(((await (await call('GET', path)).json()) as Json).state, 'closed');
      assert.equal(github.issues().find((i) => i.number === 103)?.state, 'closed');
      assert.deepEqual(JSON.parse(github.requests.at(-2)?.body ?? '{}'), { state: 'closed' });

      const reopened = (await (await call('PATCH', path, { state: 'open' }, AUTH)).json()) as Json;
      assert.equal(reopened.state, 'open');
      assert.equal(reopened.closed_at, null);
      assert.equal(reopened.title, 'Write the missing contract test for label printing', 'the rest is kept');
    });

    it('closes an issue from the test with closeIssue', async () => {
      github.closeIssue(FOLLOW_UP_REPO, 101, '2026-03-09T08:00:00.000Z');
      const issue = (await (await call('GET', `/repos/${FOLLOW_UP_REPO}/issues/101`)).json()) as Json;
      assert.equal(issue.state, 'closed');
      assert.equal(issue.closed_at, '2026-03-09T08:00:00.000Z');
      assert.throws(() => github.closeIssue(FOLLOW_UP_REPO, 999));
    });
  });

  describe('GET /repos/{o}/{r}/labels', () => {
    it('pages the labels with a link header', async () => {
      const all = await call('GET', `/repos/${FOLLOW_UP_REPO}/labels`);
      assert.equal(all.headers.get('link'), null, 'five labels fit the default 30');
      const labels = (await all.json()) as Json[];
      assert.deepEqual(labels.map((l) => l.name), ['bug', 'incident-follow-up', 'tech-debt', 'p1', 'p2']);
      for (const label of labels) {
        assert.equal(typeof label.id, 'number');
        assert.match(String(label.color), /^[0-9a-f]{6}$/);
        assert.ok('description' in label);
      }

      const first = await call('GET', `/repos/${FOLLOW_UP_REPO}/labels?per_page=3`);
      assert.deepEqual(((await first.json()) as Json[]).map((l) => l.name), ['bug', 'incident-follow-up', 'tech-debt']);
      const firstLink = first.headers.get('link') ?? '';
      const next = /<([^>]+)>; rel="next"/.exec(firstLink)?.[1];
      assert.ok(next, firstLink);
      assert.match(firstLink, /[?&]page=2>; rel="last"/);
      assert.doesNotMatch(firstLink, /rel="prev"/);
      const second = await fetch(next);
      assert.deepEqual(((await second.json()) as Json[]).map((l) => l.name), ['p1', 'p2']);
      const secondLink = second.headers.get('link') ?? '';
      assert.match(secondLink, /[?&]page=1>; rel="first"/);
      assert.match(secondLink, /[?&]page=1>; rel="prev"/);
      assert.doesNotMatch(secondLink, /rel="next"/);
      assert.equal((await call('GET', '/repos/northwind-example/nowhere/labels')).status, 404);
    });
  });

  describe('GET /search/issues for issues', () => {
    it('finds an issue by the marker phrase in its body, in one repository', async () => {
      await create(FOLLOW_UP_REPO, { title: 'Filed from the record', body: `Details\n\n<!-- ${MARKER} -->\n` });
      await create(FOLLOW_UP_REPO, { title: `Mentions ${MARKER} in its title only`, body: 'Nothing here' });
      await create(FOLLOW_UP_REPO, { title: 'Another incident', body: '<!-- incident-runbook: 2026-01-01-0900-x#ffffffff -->' });
      const search = (q: string, headers: Record<string, string> = {}) => fetch(`${github.baseUrl}/search/issues?q=${encodeURIComponent(q)}`, { headers });

      const response = await search(`repo:${FOLLOW_UP_REPO} is:issue in:body "${MARKER.toUpperCase()}"`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ratelimit-resource'), 'search');
      const body = (await response.json()) as { total_count: number; incomplete_results: boolean; items: Json[] };
      assert.equal(body.total_count, 1);
      assert.equal(body.incomplete_results, false);
      const [item] = body.items;
      assert.equal(item?.title, 'Filed from the record');
      assert.equal(item?.number, 104);
      assert.equal(item?.repository_url, `${github.baseUrl}/repos/${FOLLOW_UP_REPO}`);
      assert.equal(item?.html_url, `https://github.com/${FOLLOW_UP_REPO}/issues/104`);
      assert.equal(item?.state, 'open');
      assert.ok(!('pull_request' in (item ?? {})), 'an issue, not a pull request');

      const anywhere = (await (await search(`type:issue repo:${FOLLOW_UP_REPO} "${MARKER}"`)).json()) as { items: Json[] };
      assert.deepEqual(anywhere.items.map((i) => i.number).sort(), [104, 105], 'title or body without in:');
      const inTitle = (await (await search(`is:issue in:title "${MARKER}"`)).json()) as { items: Json[] };
      assert.deepEqual(inTitle.items.map((i) => i.number), [105]);
      const elsewhere = (await (await search(`is:issue repo:${READ_ONLY_REPO} in:body "${MARKER}"`)).json()) as { total_count: number };
      assert.equal(elsewhere.total_count, 0);
    });

    it('filters by state, hides private repositories from anonymous searches, and pages', async () => {
      const search = (q: string, headers: Record<string, string> = {}) => fetch(`${github.baseUrl}/search/issues?q=${encodeURIComponent(q)}&per_page=2`, { headers });
      const closed = (await (await search(`is:issue is:closed repo:${FOLLOW_UP_REPO}`)).json()) as { items: Json[] };
      assert.deepEqual(closed.items.map((i) => i.number), [102]);
      const open = await search(`is:issue is:open repo:${FOLLOW_UP_REPO}`);
      assert.deepEqual(((await open.json()) as { items: Json[] }).items.map((i) => i.number), [103, 101]);
      assert.equal(open.headers.get('link'), null);
      const every = await search(`is:issue repo:${FOLLOW_UP_REPO}`);
      assert.equal(((await every.json()) as { total_count: number }).total_count, 3);
      assert.match(every.headers.get('link') ?? '', /[?&]page=2>; rel="next"/);

      await create(PRIVATE_REPO, { title: 'Sensitive follow-up', body: MARKER });
      assert.equal(((await (await search(`is:issue "${MARKER}"`)).json()) as { total_count: number }).total_count, 0);
      assert.equal(((await (await search(`is:issue "${MARKER}"`, AUTH)).json()) as { total_count: number }).total_count, 1);
      assert.equal((await search('is:issue sort-by:nonsense')).status, 422, 'an unknown qualifier is refused, not ignored');
    });

    it('still searches merged pull requests for other queries', async () => {
      github.setPullRequests([{ repo: FOLLOW_UP_REPO, number: 4242, title: 'Carrier gateway: lower the retry timeout', author: 'tortega', mergedAt: '2026-03-10T11:20:00Z' }]);
      const response = await fetch(`${github.baseUrl}/search/issues?q=${encodeURIComponent(`is:pr is:merged repo:${FOLLOW_UP_REPO} merged:2026-03-10T00:00:00Z..2026-03-10T12:00:00Z`)}`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { total_count: number; items: Json[] };
      assert.equal(body.total_count, 1);
      assert.equal(body.items[0]?.number, 4242);
      assert.ok(body.items[0]?.pull_request);
    });
  });

  describe('POST /graphql', () => {
    const QUERY = `query {
  r0: repository(owner: "northwind-example", name: "parcel-tracking") {
    i101: issue(number: 101) { number title url state createdAt closedAt assignees(first: 5) { nodes { login } } }
    i102: issue(number: 102) { number title url state createdAt closedAt assignees(first: 5) { nodes { login } } }
    i13: issue(number: 13) { number title url state createdAt closedAt assignees(first: 5) { nodes { login } } }
  }
  r1: repository(owner: "o", name: "x") {
    i1: issue(number: 1) { number title url state createdAt closedAt assignees(first: 5) { nodes { login } } }
  }
  r2: repository(owner: "northwind-example", name: "handbook-sensitive") {
    i1: issue(number: 1) { number state }
  }
}`;

    it('answers aliased repositories and issues, with null and a NOT_FOUND error for what does not resolve', async () => {
      await create(PRIVATE_REPO, { title: 'Sensitive', assignees: [] });
      const response = await graphql(QUERY);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ratelimit-resource'), 'graphql');
      const body = (await response.json()) as { data: Record<string, Record<string, Json | null> | null>; errors: Json[] };
      assert.deepEqual(body.data.r0?.i101, {
        number: 101,
        title: 'Add an alert on carrier gateway timeouts',
        url: `https://github.com/${FOLLOW_UP_REPO}/issues/101`,
        state: 'OPEN',
        createdAt: new Date(NOW.getTime() - 45 * 86_400_000).toISOString(),
        closedAt: null,
        assignees: { nodes: [{ login: 'tortega' }] },
      });
      assert.equal(body.data.r0?.i102?.state, 'CLOSED');
      assert.equal(body.data.r0?.i102?.closedAt, new Date(NOW.getTime() - 2 * 86_400_000).toISOString());
      assert.equal(body.data.r0?.i13, null);
      assert.ok('i13' in (body.data.r0 ?? {}));
      assert.equal(body.data.r1, null);
      assert.equal(body.data.r2?.i1?.state, 'OPEN', 'a private repository is visible with credentials');
      assert.deepEqual(body.errors.map((e) => [e.type, e.path, e.message]), [
        ['NOT_FOUND', ['r0', 'i13'], 'Could not resolve to an Issue with the number of 13.'],
        ['NOT_FOUND', ['r1'], "Could not resolve to a Repository with the name 'o/x'."],
      ]);
      assert.deepEqual(JSON.parse(github.requests.at(-1)?.body ?? '{}'), { query: QUERY, variables: {} });
    });

    it('counts GraphQL answers against their own resource, not core', async () => {
      const used = async (response: Promise<Response>) => {
        const answer = await response;
        await answer.text();
        return [answer.headers.get('x-ratelimit-resource'), Number(answer.headers.get('x-ratelimit-used'))] as const;
      };
      const core = () => used(call('GET', `/repos/${FOLLOW_UP_REPO}/issues/101`, undefined, AUTH));
      const [, coreBefore] = await core();
      const [resource, first] = await used(graphql(QUERY));
      const [, second] = await used(graphql(QUERY));
      const [coreResource, coreAfter] = await core();
      assert.equal(resource, 'graphql');
      assert.equal(second, first + 1);
      assert.equal(coreResource, 'core');
      assert.equal(coreAfter, coreBefore + 1, 'the GraphQL answers did not count against core');
    });

    it('answers 401 without credentials', async () => {
      const response = await graphql(QUERY, {});
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as Json).message, 'This endpoint requires you to be authenticated.');
    });

    it('answers a parse error, with no data, for a query of another shape', async () => {
      for (const query of ['query { viewer { login } }', 'query { r0: repository(owner: "a", name: "b") { i1: issue(number: 1) { number }', 'query { r0: repository(owner: "a", name: "b") { i1: issue(number: 1) { number } } r1: repository(owner: $owner, name: "b") { i2: issue(number: 2) { number } } }', 'query { r0: repository(owner: "a", name: "b") { i1: issue(number: $n) { number } } }', 'mutation { createIssue(input: {}) { issue { number } } }']) {
        const response = await graphql(query);
        assert.equal(response.status, 200, query);
        const body = (await response.json()) as Json;
        assert.ok(!('data' in body), query);
        assert.match(String((body.errors as Json[] | undefined)?.[0]?.message), /^Parse error/, query);
      }
    });
  });

  describe('contents API: a folder', () => {
    it('lists the issue templates directly in .github/ISSUE_TEMPLATE, as JSON whatever the media type, with an ETag', async () => {
      const path = `/repos/${FOLLOW_UP_REPO}/contents/${TEMPLATE_DIR}?ref=main`;
      const response = await call('GET', path);
      assert.equal(response.status, 200);
      const listing = (await response.json()) as Json[];
      const fixture = issueFixture(NOW).files;
      assert.deepEqual(
        listing.map((e) => [e.type, e.name, e.path, e.sha, e.size]),
        [FORM_TEMPLATE, MARKDOWN_TEMPLATE].map((p) => {
          const text = fixture.find((f) => f.repo === FOLLOW_UP_REPO && f.path === p)?.text ?? '';
          return ['file', p.split('/').pop(), p, gitBlobSha(Buffer.from(text)), Buffer.byteLength(text)];
        }),
      );
      const download = listing.find((e) => e.path === MARKDOWN_TEMPLATE)?.download_url;
      assert.match(await (await fetch(String(download))).text(), /^---\nname: Incident follow-up\n/);
      assert.equal(listing[0]?.url, `${github.baseUrl}/repos/${FOLLOW_UP_REPO}/contents/${FORM_TEMPLATE}?ref=main`);
      assert.ok(String(listing[0]?.html_url).endsWith(`/${FOLLOW_UP_REPO}/blob/main/${FORM_TEMPLATE}`));

      const etag = response.headers.get('etag');
      assert.ok(etag);
      const raw = await call('GET', path, undefined, { accept: 'application/vnd.github.raw' });
      assert.match(raw.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(((await raw.json()) as Json[]).length, 2);
      const again = await call('GET', path, undefined, { 'if-none-match': etag });
      assert.equal(again.status, 304);
    });

    it('lists one level: a deeper file is under a folder entry, not in the listing', async () => {
      github.setFiles([...issueFixture(NOW).files, { repo: FOLLOW_UP_REPO, path: `${TEMPLATE_DIR}/archive/old.md`, text: '# Old\n' }]);
      const listing = (await (await call('GET', `/repos/${FOLLOW_UP_REPO}/contents/${TEMPLATE_DIR}`)).json()) as Json[];
      assert.deepEqual(listing.map((e) => [e.type, e.path]), [['dir', `${TEMPLATE_DIR}/archive`], ['file', FORM_TEMPLATE], ['file', MARKDOWN_TEMPLATE]]);
      const deeper = (await (await call('GET', `/repos/${FOLLOW_UP_REPO}/contents/${TEMPLATE_DIR}/archive`)).json()) as Json[];
      assert.deepEqual(deeper.map((e) => e.name), ['old.md']);
    });

    it('answers 404 for a private repository\'s folder without credentials, and the listing with them', async () => {
      const path = `/repos/${PRIVATE_REPO}/contents/${TEMPLATE_DIR}`;
      assert.equal((await call('GET', path)).status, 404);
      const authorized = await call('GET', path, undefined, AUTH);
      assert.equal(authorized.status, 200);
      assert.deepEqual(((await authorized.json()) as Json[]).map((e) => e.path), [MARKDOWN_TEMPLATE]);
      assert.equal((await call('GET', `/repos/${FOLLOW_UP_REPO}/contents/.github/NOTHING`)).status, 404);
    });
  });

  describe('fixtures', () => {
    it('the templates: a Markdown template with front matter and labelled fields, and an issue form', () => {
      const { files } = issueFixture(NOW);
      const markdown = files.find((f) => f.repo === FOLLOW_UP_REPO && f.path === MARKDOWN_TEMPLATE)?.text ?? '';
      for (const line of ['name: Incident follow-up', 'about: Work an incident left behind', 'title: "[Follow-up] "', 'labels: incident-follow-up, tech-debt', "assignees: ''", '**Incident:**', '**Incident record:**', '**Severity:**', '**Systems:**', '**Impact:**', '## What needs to be done', '## Acceptance criteria', '- [ ] ']) {
        assert.ok(markdown.includes(line), line);
      }
      const form = files.find((f) => f.path === FORM_TEMPLATE)?.text ?? '';
      for (const line of ['name: Bug report', 'title: "[Bug]: "', 'labels: ["bug"]', '- type: markdown', 'id: summary', 'id: impact', 'id: severity', 'id: steps', 'id: terms', '- Sev 1']) {
        assert.ok(form.includes(line), line);
      }
      assert.equal(files.find((f) => f.repo === PRIVATE_REPO)?.text, markdown);
      assert.equal(files.find((f) => f.repo === PRIVATE_REPO)?.private, true);
    });

    it('the demo serves the same templates, repository and issues', () => {
      const fixture = issueFixture(NOW);
      const demo = sampleTemplateFiles().filter((f) => f.repo === FOLLOW_UP_REPO);
      assert.deepEqual(demo.map((f) => f.path).sort(), [FORM_TEMPLATE, MARKDOWN_TEMPLATE]);
      for (const file of demo) assert.equal(file.text, fixture.files.find((f) => f.repo === FOLLOW_UP_REPO && f.path === file.path)?.text);
      assert.ok(sampleTemplateFiles().some((f) => f.path === 'templates/postmortem.md'), 'the handbook\'s templates are still there');
      assert.deepEqual(sampleFollowUpRepository(), fixture.repositories[0]);
      assert.deepEqual(sampleFollowUpIssues(NOW), fixture.issues);
      assert.deepEqual(fixture.issues.map((i) => [i.number, i.state]), [[101, 'open'], [102, 'closed'], [103, 'open']]);
    });
  });
});
