// A local stand-in for Flipper's HTTP API (the flipper-api gem, Flipper::Api, mounted in an app as at
// https://app.example/flipper/api): a real HTTP server on 127.0.0.1 with an ephemeral port, for the tests and the
// demo. Below its mount it answers GET/POST /features, GET/DELETE /features/{name}, POST/DELETE
// /features/{name}/boolean, /percentage_of_actors, /percentage_of_time and /actors, DELETE
// /features/{name}/clear, with the gem's shapes and errors (flipperActions.ts, flipperFeatures.ts). Flipper::Api
// has no authentication: the bearer tokens, the read-only ones' 403 and the 429s are the wrapping app's.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { LocalServer, readBody, sleep } from '../localServer';
import { runAction } from './flipperActions';
import { FlipperFeatures } from './flipperFeatures';
import type { FakeFeature, FakeToken, FeatureSnapshot, RecordedRequest } from './flipperModel';
import { flipperParams } from './flipperParams';
import { APP_REPLIES, type Reply } from './flipperReplies';

export type * from './flipperModel';
export { FLIPPER_ERRORS } from './flipperReplies';

export const DEFAULT_MOUNT_PATH = '/flipper/api';

export class FakeFlipper {
  readonly requests: RecordedRequest[] = [];
  /** Added before every answer. */
  latencyMs = 0;
  /** Where the app mounts Flipper::Api; any other path is the app's 404. */
  readonly mountPath: string;
  private tokens = new Map<string, FakeToken>();
  private readonly features = new FlipperFeatures();
  /** Answers queued by `rateLimitNext` and `failNext`, one a request. */
  private injected: Reply[] = [];
  private readonly server = new LocalServer((req, res) => this.handle(req, res));

  constructor(options: { readonly mountPath?: string } = {}) {
    this.mountPath = (options.mountPath ?? DEFAULT_MOUNT_PATH).replace(/\/+$/, '');
  }

  /** `http://127.0.0.1:PORT/flipper/api`. */
  get baseUrl(): string {
    return this.server.baseUrl + this.mountPath;
  }

  /** The bearer tokens the app accepts; none set, every request is a 401. */
  setTokens(tokens: readonly (string | FakeToken)[]): void {
    this.tokens = new Map(tokens.map((t) => (typeof t === 'string' ? { token: t } : t)).map((t) => [t.token, t]));
  }

  /** Replaces every feature, in Flipper's list order. */
  setFeatures(features: readonly FakeFeature[]): void {
    this.features.set(features);
  }

  /** The feature as it is now; undefined when it does not exist. */
  feature(key: string): FeatureSnapshot | undefined {
    return this.features.snapshot(key);
  }

  /** The next `count` requests are throttled: 429 `Retry later` with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void {
    for (let i = 0; i < count; i++) this.injected.push(APP_REPLIES.throttled(retryAfterSeconds));
  }

  /** The next request (after those queued before) gets this status: a JSON body for an object, else text (default the status's reason). */
  failNext(status: number, body?: string | object): void {
    this.injected.push(typeof body === 'object' ? { status, json: body } : { status, text: body ?? STATUS_CODES[status] ?? '' });
  }

  /** Forgets the features, the tokens, the queued failures, the recorded requests and the latency. */
  reset(): void {
    this.features.set([]);
    this.tokens.clear();
    this.injected = [];
    this.requests.splice(0);
    this.latencyMs = 0;
  }

  async start(port = 0): Promise<this> {
    await this.server.start(port);
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const contentType = req.headers['content-type'];
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      hasAuthorization: req.headers.authorization !== undefined,
      ...(body.length ? { body: recordedBody(body, contentType) } : {}),
    };
    this.requests.push(recorded);
    res.on('finish', () => (recorded.status = res.statusCode));
    if (this.latencyMs) await sleep(this.latencyMs);
    send(res, this.injected.shift() ?? (await this.answer(req, method, url, body, contentType)));
  }

  private async answer(req: IncomingMessage, method: string, url: URL, body: Buffer, contentType: string | undefined): Promise<Reply> {
    const path = url.pathname;
    if (path !== this.mountPath && !path.startsWith(`${this.mountPath}/`)) return APP_REPLIES.notFound();
    const token = this.tokens.get(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!token) return APP_REPLIES.unauthorized();
    if (token.readOnly && method !== 'GET' && method !== 'HEAD') return APP_REPLIES.forbidden();
    const params = await flipperParams(method, url, body, contentType);
    return params ? runAction(this.features, method, path.slice(this.mountPath.length), params) : APP_REPLIES.exception();
  }
}

function recordedBody(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8');
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** JSON as Flipper::Api sends it (`Content-Type: application/json`), text as plain text. */
function send(res: ServerResponse, reply: Reply): void {
  const json = 'json' in reply;
  res.writeHead(reply.status, { 'content-type': json ? 'application/json' : 'text/plain', ...reply.headers });
  res.end(json ? JSON.stringify(reply.json) : reply.text);
}
