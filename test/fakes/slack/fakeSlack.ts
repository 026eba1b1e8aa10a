// A local stand-in for Slack's Web API (https://slack.com/api/METHOD): a real HTTP server on 127.0.0.1
// with an ephemeral port, used by the tests and the demo with `new WebClient(token, { slackApiUrl:
// fake.baseUrl + '/api/' })`. Arguments come as a query, a form body (`token` allowed in it) or a JSON
// body (token only in the Authorization header, as Slack requires); answers are HTTP 200 with
// `{ ok: true, … }` or `{ ok: false, error }`, HTTP 429 with Retry-After when rate limited.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody, sleep } from '../localServer';
import { type Body, callMethod, emptyState, type Params, type SlackState } from './slackMethods';
import type { FakeChannel, FakeToken, FakeUser, FakeUserGroup, FakeWorkspace, PostedMessage, RecordedRequest, SlackFault } from './slackTypes';

export type { FakeChannel, FakeToken, FakeUser, FakeUserGroup, FakeWorkspace, PostedMessage, RecordedRequest, SlackFault } from './slackTypes';
export { DEFAULT_SCOPES } from './slackMethods';

interface ParsedRequest {
  readonly params: Params;
  readonly token?: string;
  readonly tokenSource?: 'header' | 'body';
  readonly requestError?: string;
  readonly warnings: readonly string[];
}

export class FakeSlack {
  readonly requests: RecordedRequest[] = [];
  /** Added before every answer. */
  latencyMs = 0;
  private readonly state: SlackState = emptyState();
  private faults: SlackFault[] = [];
  private readonly server = new LocalServer((req, res) => this.handle(req, res));

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  setWorkspace(workspace: FakeWorkspace): void {
    this.state.workspace = { ...workspace };
  }

  setTokens(tokens: readonly FakeToken[]): void {
    this.state.tokens = [...tokens];
  }

  /** In users.list's order. */
  setUsers(users: readonly FakeUser[]): void {
    this.state.users = [...users];
  }

  setUserGroups(groups: readonly FakeUserGroup[]): void {
    this.state.userGroups = [...groups];
  }

  setChannels(channels: readonly FakeChannel[]): void {
    this.state.channels = [...channels];
  }

  /** chat.postMessage answers `msg_too_long` above this many characters of text (default 40,000). */
  setMaxTextLength(characters: number): void {
    this.state.maxTextLength = characters;
  }

  /** The clock message timestamps follow (milliseconds since the epoch); default Date.now. */
  setClock(now: () => number): void {
    this.state.now = now;
  }

  /** The messages posted so far, oldest first. */
  messages(): readonly PostedMessage[] {
    return [...this.state.messages];
  }

  /** Forgets the posted messages and the recorded requests (not the setup, nor pending faults). */
  clear(): void {
    this.state.messages.splice(0);
    this.requests.splice(0);
  }

  /** Each fault is used by the next request (of its `method`, when it names one), in order. */
  injectFaults(...faults: SlackFault[]): void {
    this.faults.push(...faults);
  }

  async start(port = 0): Promise<this> {
    await this.server.start(port);
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private takeFault(method: string): SlackFault | undefined {
    const index = this.faults.findIndex((f) => f.method === undefined || f.method === method);
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = /^\/api\/([\w.-]+)$/.exec(url.pathname)?.[1] ?? '';
    const contentType = headerValue(req, 'content-type');
    const authorization = headerValue(req, 'authorization');
    const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const parsed = await parseRequest(url, body, contentType, authorization);
    const recorded: RecordedRequest = { method, httpMethod: req.method ?? 'GET', path: url.pathname, authorization, contentType, tokenSource: parsed.tokenSource, params: parsed.params };
    this.requests.push(recorded);
    res.on('finish', () => (recorded.status = res.statusCode));
    if (this.latencyMs) await sleep(this.latencyMs);
    const fault = this.takeFault(method);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (!method) return send(res, 404, { ok: false, error: 'not_found' });
    const answer = faultAnswer(fault) ?? { status: 200, ...callMethod(this.state, { method, params: parsed.params, token: parsed.token, requestError: parsed.requestError }) };
    if (typeof answer.body.error === 'string') recorded.error = answer.body.error;
    send(res, answer.status, withWarnings(answer.body, parsed.warnings), answer.headers);
  }
}

function faultAnswer(fault: SlackFault | undefined): { status: number; body: Body; headers: Record<string, string> } | undefined {
  switch (fault?.kind) {
    case 'ratelimited':
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
    case 'error':
      return { status: 200, body: { ok: false, error: fault.error }, headers: {} };
    case 'status':
      return { status: fault.status, body: { ok: false, error: fault.status === 503 ? 'service_unavailable' : 'internal_error' }, headers: {} };
    default:
      return undefined;
  }
}

/** Slack's `warning` and `response_metadata.warnings` (a JSON body without a charset gets `missing_charset`). */
function withWarnings(body: Body, warnings: readonly string[]): Body {
  if (!warnings.length) return body;
  const metadata = typeof body.response_metadata === 'object' && body.response_metadata !== null ? body.response_metadata : {};
  return { ...body, warning: warnings.join(','), response_metadata: { ...metadata, warnings: [...warnings] } };
}

async function parseRequest(url: URL, body: Buffer, contentType: string | undefined, authorization: string | undefined): Promise<ParsedRequest> {
  const query = Object.fromEntries(url.searchParams);
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const parsed = await parseBody(body, contentType);
  // A token in the query is refused to apps made since 2021, and one in a JSON body is never read.
  const bodyParams: Record<string, string> = 'error' in parsed ? {} : parsed.params;
  const params = withoutToken({ ...query, ...bodyParams });
  const bodyToken = bodyParams.token;
  const json = 'error' in parsed ? false : parsed.json;
  const token = bearer ?? (json ? undefined : bodyToken);
  const warnings = json && !/charset=/i.test(contentType ?? '') ? ['missing_charset'] : [];
  return { params, token, tokenSource: token ? (bearer ? 'header' : 'body') : undefined, requestError: 'error' in parsed ? parsed.error : undefined, warnings };
}

function withoutToken(params: Record<string, string>): Params {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'token'));
}

type ParsedBody = { readonly params: Record<string, string>; readonly json: boolean } | { readonly error: string };

async function parseBody(body: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (!body.length) return { params: {}, json: false };
  if (!contentType) return { error: 'missing_post_type' };
  const charset = /charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'iso-8859-1') return { error: 'invalid_charset' };
  switch (contentType.split(';')[0]?.trim().toLowerCase()) {
    case 'application/x-www-form-urlencoded':
      return { params: Object.fromEntries(new URLSearchParams(body.toString('utf8'))), json: false };
    case 'application/json':
      return parseJson(body.toString('utf8'));
    case 'multipart/form-data':
      return parseMultipart(body, contentType);
    case 'text/plain':
      return { params: {}, json: false };
    default:
      return { error: 'invalid_post_type' };
  }
}

/** Values that are not strings are JSON-encoded, as a form body carries them. */
function parseJson(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'invalid_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'invalid_json' };
  const params = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return { params, json: true };
}

async function parseMultipart(body: Buffer, contentType: string): Promise<ParsedBody> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const params: Record<string, string> = {};
    form.forEach((value, key) => (params[key] = typeof value === 'string' ? value : `[file ${value.name}]`));
    return { params, json: false };
  } catch {
    return { error: 'invalid_form_data' };
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value ? value : undefined;
}

function send(res: ServerResponse, status: number, body: Body, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-slack-req-id': randomBytes(16).toString('hex'), ...headers });
  res.end(JSON.stringify(body));
}


