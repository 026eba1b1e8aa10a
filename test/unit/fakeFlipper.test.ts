import * as assert from 'node:assert/strict';
import { FakeFlipper, FLIPPER_ERRORS } from '../fakes/flipper/fakeFlipper';
import { LABEL_SERVICE_FEATURE, LIGHTHOUSE_FEATURE, LIVE_MAP_FEATURE, NORTHWIND_FLIPPER, northwindFlipper, startNorthwindFlipper } from '../fakes/flipper/northwind';

type Gate = { key: string; name?: string; value: unknown };
type Feature = { key: string; state: string; gates?: Gate[] };

const MORE_INFO = 'https://flippercloud.io/docs/api#error-code-reference';
const PERCENTAGE_INVALID = { code: 3, message: 'Percentage must be a positive number less than or equal to 100.', more_info: MORE_INFO };

/** The gates of a feature nobody touched, in Flipper's order. */
const untouchedGates = (): Gate[] => [
  { key: 'boolean', value: null, name: 'boolean' },
  { key: 'expression', value: null, name: 'expression' },
  { key: 'actors', value: [], name: 'actor' },
  { key: 'percentage_of_actors', value: null, name: 'percentage_of_actors' },
  { key: 'percentage_of_time', value: null, name: 'percentage_of_time' },
  { key: 'groups', value: [], name: 'group' },
];

describe('fake Flipper API', () => {
  let flipper: FakeFlipper;
  before(async () => (flipper = await startNorthwindFlipper()));
  after(() => flipper.stop());
  beforeEach(() => {
    flipper.reset();
    northwindFlipper(flipper);
  });

  const call = (method: string, path: string, options: { token?: string | null; body?: string | URLSearchParams | FormData; contentType?: string } = {}) => {
    const token = options.token === undefined ? NORTHWIND_FLIPPER.token : options.token;
    const headers: Record<string, string> = { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...(options.contentType ? { 'Content-Type': options.contentType } : {}) };
    return fetch(`${flipper.baseUrl}${path}`, { method, headers, body: options.body });
  };
  const json = (method: string, path: string, body: unknown, token?: string) => call(method, path, { body: JSON.stringify(body), contentType: 'application/json', token });
  const gate = (feature: Feature, key: string) => feature.gates?.find((g) => g.key === key)?.value;
  const ok = async (response: Response) => {
    assert.equal(response.status, 200, `${response.url}: ${response.status}`);
    assert.equal(response.headers.get('content-type'), 'application/json');
    return (await response.json()) as Feature;
  };

  describe('reading features', () => {
    it('GET /features: every feature with its state and all six gates, values as the adapter stores them', async () => {
      const { features } = (await (await call('GET', '/features')).json()) as { features: Feature[] };
      assert.deepEqual(features, [
        { key: LIGHTHOUSE_FEATURE, state: 'off', gates: untouchedGates().map((g) => (g.key === 'percentage_of_actors' ? { ...g, value: '0' } : g)) },
        { key: LIVE_MAP_FEATURE, state: 'on', gates: untouchedGates().map((g) => (g.key === 'boolean' ? { ...g, value: 'true' } : g)) },
        { key: LABEL_SERVICE_FEATURE, state: 'conditional', gates: untouchedGates().map((g) => (g.key === 'percentage_of_actors' ? { ...g, value: '5' } : g)) },
      ]);
    });

    it('GET /features with keys, exclude_gates and exclude_gate_names', async () => {
      const list = async (query: string) => ((await (await call('GET', `/features?${query}`)).json()) as { features: Feature[] }).features;
      assert.deepEqual((await list(`keys=${LIVE_MAP_FEATURE},nope`)).map((f) => f.key), [LIVE_MAP_FEATURE]);
      assert.deepEqual(await list('exclude_gates=TRUE'), [{ key: LIGHTHOUSE_FEATURE, state: 'off' }, { key: LIVE_MAP_FEATURE, state: 'on' }, { key: LABEL_SERVICE_FEATURE, state: 'conditional' }]);
      assert.deepEqual((await list('exclude_gate_names=true'))[0]?.gates?.[0], { key: 'boolean', value: null });
    });

    it('GET /features/{name}: the feature; an unknown one is a 404 with error code 1', async () => {
      const feature = await ok(await call('GET', `/features/${LIGHTHOUSE_FEATURE}`));
      assert.deepEqual([feature.key, feature.state, gate(feature, 'percentage_of_actors'), gate(feature, 'boolean')], [LIGHTHOUSE_FEATURE, 'off', '0', null]);
      const missing = await call('GET', '/features/nope');
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { code: 1, message: 'Feature not found.', more_info: MORE_INFO });
      assert.deepEqual(FLIPPER_ERRORS.featureNotFound(), { status: 404, json: { code: 1, message: 'Feature not found.', more_info: MORE_INFO } });
    });
  });

  describe('percentage of actors', () => {
    const path = `/features/${LIGHTHOUSE_FEATURE}/percentage_of_actors`;

    it('POST with a JSON body sets it (200 with the feature, now conditional) and GET reads it back', async () => {
      const feature = await ok(await json('POST', path, { percentage: 25 }));
      assert.deepEqual([feature.state, gate(feature, 'percentage_of_actors')], ['conditional', '25']);
      assert.equal(gate(await ok(await call('GET', `/features/${LIGHTHOUSE_FEATURE}`)), 'percentage_of_actors'), '25');
      assert.equal(flipper.feature(LIGHTHOUSE_FEATURE)?.percentageOfActors, 25);
      assert.deepEqual(flipper.requests.at(-2), { method: 'POST', path: `/flipper/api${path}`, query: {}, hasAuthorization: true, body: { percentage: 25 }, status: 200 });
    });

    it('POST with a form body takes decimals, stored as Ruby prints them', async () => {
      const form = (percentage: string) => call('POST', path, { body: new URLSearchParams({ percentage }) });
      assert.equal(gate(await ok(await form('12.5')), 'percentage_of_actors'), '12.5');
      assert.equal(gate(await ok(await form('0.05')), 'percentage_of_actors'), '0.05');
      assert.equal(gate(await ok(await form('50.0')), 'percentage_of_actors'), '50.0');
      const multipart = new FormData();
      multipart.set('percentage', '7');
      assert.equal(gate(await ok(await call('POST', path, { body: multipart })), 'percentage_of_actors'), '7');
      assert.equal(flipper.feature(LIGHTHOUSE_FEATURE)?.state, 'conditional');
    });

    it('DELETE clears it to "0" (off again)', async () => {
      await ok(await json('POST', path, { percentage: '40' }));
      const feature = await ok(await call('DELETE', path));
      assert.deepEqual([feature.state, gate(feature, 'percentage_of_actors')], ['off', '0']);
      assert.deepEqual(flipper.feature(LIGHTHOUSE_FEATURE), { key: LIGHTHOUSE_FEATURE, state: 'off', boolean: false, percentageOfActors: 0, percentageOfTime: null, actors: [] });
    });

    it('answers 422 with error code 3 to a percentage out of 0–100, not a number or missing, and changes nothing', async () => {
      for (const body of [{ percentage: 101 }, { percentage: -1 }, { percentage: 'lots' }, { percentage: null }, {}]) {
        const response = await json('POST', path, body);
        assert.equal(response.status, 422, JSON.stringify(body));
        assert.deepEqual(await response.json(), PERCENTAGE_INVALID);
      }
      assert.equal((await call('POST', path, { body: new URLSearchParams({ percentage: '300' }) })).status, 422);
      assert.equal(flipper.feature(LIGHTHOUSE_FEATURE)?.percentageOfActors, 0);
    });

    it('reads a JSON body only under exactly application/json, as Flipper::Api::JsonParams does', async () => {
      const response = await call('POST', path, { body: JSON.stringify({ percentage: 25 }), contentType: 'application/json; charset=utf-8' });
      assert.equal(response.status, 422);
      assert.equal(gate(await ok(await call('POST', `${path}?percentage=30`)), 'percentage_of_actors'), '30');
    });

    it('creates the feature a write names', async () => {
      assert.equal(gate(await ok(await json('POST', '/features/brand_new/percentage_of_actors', { percentage: 5 })), 'percentage_of_actors'), '5');
      assert.equal(flipper.feature('brand_new')?.state, 'conditional');
    });
  });

  describe('boolean, actors and the feature itself', () => {
    it('POST /boolean turns the feature on (resetting the other gates), DELETE clears every gate', async () => {
      await ok(await json('POST', `/features/${LIGHTHOUSE_FEATURE}/percentage_of_actors`, { percentage: 10 }));
      const on = await ok(await call('POST', `/features/${LIGHTHOUSE_FEATURE}/boolean`));
      assert.deepEqual([on.state, gate(on, 'boolean'), gate(on, 'percentage_of_actors')], ['on', 'true', null]);
      const off = await ok(await call('DELETE', `/features/${LIVE_MAP_FEATURE}/boolean`));
      assert.deepEqual(off, { key: LIVE_MAP_FEATURE, state: 'off', gates: untouchedGates() });
    });

    it('POST/DELETE /actors with flipper_id; without it, 422 with error code 4', async () => {
      const feature = await ok(await json('POST', `/features/${LIGHTHOUSE_FEATURE}/actors`, { flipper_id: 'User;7' }));
      assert.deepEqual([feature.state, gate(feature, 'actors')], ['conditional', ['User;7']]);
      assert.deepEqual(gate(await ok(await json('DELETE', `/features/${LIGHTHOUSE_FEATURE}/actors`, { flipper_id: 'User;7' })), 'actors'), []);
      const missing = await json('POST', `/features/${LIGHTHOUSE_FEATURE}/actors`, {});
      assert.equal(missing.status, 422);
      assert.deepEqual(await missing.json(), { code: 4, message: 'Required parameter flipper_id is missing.', more_info: MORE_INFO });
    });

    it('POST /features creates a feature (422 with error code 5 without a name), DELETE /features/{name} removes it with 204', async () => {
      assert.deepEqual(await ok(await json('POST', '/features', { name: '  eta_banner\u200b ' })), { key: 'eta_banner', state: 'off', gates: untouchedGates() });
      const nameless = await json('POST', '/features', { name: ' ' });
      assert.equal(nameless.status, 422);
      assert.deepEqual(await nameless.json(), { code: 5, message: 'Required parameter name is missing.', more_info: MORE_INFO });
      assert.equal((await call('DELETE', '/features/eta_banner')).status, 204);
      assert.equal(flipper.feature('eta_banner'), undefined);
    });

    it('routes a name holding a slash, and answers unknown paths and methods as the gem does', async () => {
      assert.equal((await ok(await call('POST', '/features/tracking%2Fmap/boolean'))).key, 'tracking/map');
      assert.equal((await ok(await call('POST', '/features/tracking/map/boolean'))).key, 'tracking/map');
      const unknown = await call('GET', '/nothing');
      assert.deepEqual([unknown.status, await unknown.json()], [404, {}]);
      assert.equal((await call('GET', `/features/${LIGHTHOUSE_FEATURE}/boolean`)).status, 500);
      assert.equal((await call('POST', `/features/${LIGHTHOUSE_FEATURE}/boolean`, { body: '{', contentType: 'application/json' })).status, 500);
      assert.equal((await call('POST', '/import')).status, 501);
    });
  });

  describe('the wrapping app: tokens, rate limits, mount, failures', () => {
    it('answers 401 without a token, with a wrong one and when no token is set', async () => {
      for (const token of [null, 'wrong-token']) {
        const response = await call('GET', '/features', { token });
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), { code: 'unauthorized', message: 'A valid bearer token is required.' });
      }
      assert.equal(flipper.requests[0]?.hasAuthorization, false);
      flipper.setTokens([]);
      assert.equal((await call('GET', '/features')).status, 401);
    });

    it('lets a read-only token read but answers 403 to its writes, which change nothing', async () => {
      assert.equal((await call('GET', '/features', { token: NORTHWIND_FLIPPER.readOnlyToken })).status, 200);
      const response = await json('POST', `/features/${LIGHTHOUSE_FEATURE}/percentage_of_actors`, { percentage: 50 }, NORTHWIND_FLIPPER.readOnlyToken);
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { code: 'forbidden', message: 'This token may only read feature flags.' });
      assert.equal(flipper.feature(LIGHTHOUSE_FEATURE)?.percentageOfActors, 0);
    });

    it('rateLimitNext: the next n requests are 429 with Retry-After, then answers resume', async () => {
      flipper.rateLimitNext(2, 30);
      for (let i = 0; i < 2; i++) {
        const response = await call('GET', '/features');
        assert.equal(response.status, 429);
        assert.equal(response.headers.get('retry-after'), '30');
        assert.equal(await response.text(), 'Retry later\n');
      }
      assert.equal((await call('GET', '/features')).status, 200);
    });

    it('failNext: the given status and body once', async () => {
      flipper.failNext(503);
      flipper.failNext(500, { code: 'boom' });
      const unavailable = await call('GET', '/features');
      assert.deepEqual([unavailable.status, await unavailable.text()], [503, 'Service Unavailable']);
      const failed = await call('GET', '/features');
      assert.deepEqual([failed.status, await failed.json()], [500, { code: 'boom' }]);
      assert.equal((await call('GET', '/features')).status, 200);
    });

    it('is mounted at /flipper/api: baseUrl includes the mount, other paths are the app 404', async () => {
      assert.match(flipper.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/flipper\/api$/);
      const outside = await fetch(`${new URL(flipper.baseUrl).origin}/features`, { headers: { Authorization: `Bearer ${NORTHWIND_FLIPPER.token}` } });
      assert.deepEqual([outside.status, outside.headers.get('content-type'), await outside.text()], [404, 'text/plain', 'Not Found']);
      const other = await northwindFlipper(new FakeFlipper({ mountPath: '/admin/flipper/api/' })).start();
      try {
        assert.ok(other.baseUrl.endsWith('/admin/flipper/api'));
        assert.equal((await fetch(`${other.baseUrl}/features`, { headers: { Authorization: `Bearer ${NORTHWIND_FLIPPER.token}` } })).status, 200);
      } finally {
        await other.stop();
      }
    });

    it('adds latencyMs before answering', async () => {
      flipper.latencyMs = 60;
      const started = Date.now();
      await call('GET', '/features');
      assert.ok(Date.now() - started >= 55);
    });
  });
});
