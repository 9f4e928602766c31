import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { fetchThrough, slackDispatcher } from '../../src/slack/outbound';

/** Slack's side on 127.0.0.1: the Web API methods the bot calls, and response_url endpoints that capture replies. */
export interface CapturedPost {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** What the stand-in answered, for the views.open and views.update calls (their view's ID and hash). */
  answer?: Record<string, unknown>;
}

export interface SlackStandIn {
  url: string;
  /** Web API base, as SLACK_API_URL. */
  apiUrl: string;
  responseUrl(name: string): string;
  posts: CapturedPost[];
  apiCalls(method: string): CapturedPost[];
  /** Resolves with the first `count` posts to this response_url name. */
  repliesTo(name: string, count?: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  /** Resolves with the first `count` calls of this Web API method. */
  apiCallsTo(method: string, count?: number, timeoutMs?: number): Promise<CapturedPost[]>;
  /** chat.unfurl calls so far, with their `unfurls` map read back from JSON. */
  unfurls(): UnfurlCall[];
  /** views.publish calls so far, with their `view` read back from JSON. */
  publishedViews(): PublishedView[];
  /** Where apps.connections.open sends a Socket Mode app. */
  socketModeUrl?: string;
  /** Makes response_url posts answer this status (Slack says 404 for an expired URL). */
  failResponses(status: number | undefined): void;
  /** How auth.test answers, in turn (the last repeats): accepted, a Slack error code, or a dropped connection. */
  answerAuthTest(...answers: AuthTestAnswer[]): void;
  /** How usergroups.users.list answers: each group's members, or a Slack error code for every group. */
  answerUsergroups(answer: Record<string, string[]> | { error: string }): void;
  /**
   * The next `count` views.update calls answer this Slack error. Otherwise, as Slack, an update is refused with
   * hash_conflict when it carries a hash that is not its view's latest.
   */
  failViewsUpdate(count: number, error?: string): void;
  /**
   * Makes the bot a member of a channel: chat.postMessage there then succeeds (with a ts); in channels it has not
   * joined it answers not_in_channel, as Slack does. A user ID (a DM) always succeeds.
   */
  setMember(channelId: string, member: boolean): void;
  /** The chat.postMessage calls made to one channel or user, in order. */
  postedTo(channel: string): CapturedPost[];
  close(): Promise<void>;
}

export interface UnfurlCall {
  channel?: string;
  ts?: string;
  unfurl_id?: string;
  source?: string;
  unfurls: Record<string, { blocks: unknown[] }>;
}

export interface PublishedView {
  user_id: string;
  view: { type: string; blocks: unknown[]; [key: string]: unknown };
}

/** The Web API client sends objects in a form body as JSON strings. */
function fromJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export type AuthTestAnswer = 'ok' | 'drop' | { error: string };

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      if ((request.headers['content-type'] ?? '').includes('application/json')) {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } else {
        resolve(Object.fromEntries(new URLSearchParams(raw)));
      }
    });
  });
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  let standIn: SlackStandIn;
  const posts: CapturedPost[] = [];
  const waiters: Array<() => void> = [];
  let responseStatus: number | undefined;
  let authAnswers: AuthTestAnswer[] = ['ok'];
  let usergroups: Record<string, string[]> | { error: string } = {};
  let viewsUpdateFailures = { count: 0, error: 'not_found' };
  /** Each view's latest hash, as views.open and views.update answered it. */
  const viewHashes = new Map<string, string>();
  let viewVersions = 0;
  const joined = new Set<string>();
  let posted = 0;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = request.url ?? '/';
    const post: CapturedPost = { path, body, headers: request.headers };
    posts.push(post);
    waiters.splice(0).forEach((wake) => {
      wake();
    });
    response.setHeader('content-type', 'application/json');
    const authAnswer = path.startsWith('/api/auth.test')
      ? ((authAnswers.length > 1 ? authAnswers.shift() : authAnswers[0]) ?? 'ok')
      : undefined;
    if (authAnswer === 'drop') {
      response.socket?.destroy();
    } else if (typeof authAnswer === 'object') {
      response.end(JSON.stringify({ ok: false, error: authAnswer.error }));
    } else if (authAnswer === 'ok') {
      response.end(
        JSON.stringify({
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'dd-instance',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        }),
      );
    } else if (path.startsWith('/api/apps.connections.open')) {
      response.end(JSON.stringify({ ok: true, url: standIn.socketModeUrl }));
    } else if (path.startsWith('/api/usergroups.users.list')) {
      const error = typeof usergroups.error === 'string' ? usergroups.error : undefined;
      const users = (usergroups as Record<string, string[]>)[String(body.usergroup)];
      response.end(
        JSON.stringify(error || !users ? { ok: false, error: error ?? 'no_such_subteam' } : { ok: true, users }),
      );
    } else if (path.startsWith('/api/views.update') && viewsUpdateFailures.count > 0) {
      viewsUpdateFailures.count--;
      response.end(JSON.stringify({ ok: false, error: viewsUpdateFailures.error }));
    } else if (path.startsWith('/api/views.open') || path.startsWith('/api/views.update')) {
      const id = path.startsWith('/api/views.open') ? 'V0001' : String(body.view_id);
      const stale = path.startsWith('/api/views.update') && body.hash !== undefined && body.hash !== viewHashes.get(id);
      const hash = `1700000000.v${++viewVersions}`;
      if (!stale) viewHashes.set(id, hash);
      post.answer = stale ? { ok: false, error: 'hash_conflict' } : { ok: true, view: { id, hash } };
      response.end(JSON.stringify(post.answer));
    } else if (path.startsWith('/api/chat.postMessage')) {
      const channel = String(body.channel ?? '');
      const allowed = /^[UW]/.test(channel) || joined.has(channel);
      posted += 1;
      response.end(
        JSON.stringify(
          allowed
            ? { ok: true, channel, ts: `1700000100.${String(posted).padStart(6, '0')}` }
            : { ok: false, error: 'not_in_channel' },
        ),
      );
    } else if (path.startsWith('/api/')) {
      response.end(JSON.stringify({ ok: true }));
    } else {
      response.statusCode = responseStatus ?? 200;
      response.end(JSON.stringify({ ok: responseStatus === undefined }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const postsTo = (path: string) => posts.filter((post) => post.path === path);
  const apiCalls = (method: string) => posts.filter((post) => post.path.startsWith(`/api/${method}`));
  /** Waits, woken by each post, until `matching()` holds `count` posts. */
  const waitForPosts = async (what: string, matching: () => CapturedPost[], count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (matching().length < count) {
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms (got ${matching().length})`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return matching().slice(0, count);
  };
  standIn = {
    url,
    apiUrl: `${url}/api`,
    posts,
    responseUrl: (name) => `${url}/respond/${name}`,
    apiCalls,
    repliesTo: async (name, count = 1, timeoutMs = 10_000) => {
      const path = `/respond/${name}`;
      const replies = await waitForPosts(`reply at ${path}`, () => postsTo(path), count, timeoutMs);
      return replies.map((post) => post.body);
    },
    apiCallsTo: (method, count = 1, timeoutMs = 10_000) =>
      waitForPosts(`${method} call`, () => apiCalls(method), count, timeoutMs),
    unfurls: () =>
      apiCalls('chat.unfurl').map(({ body }) => ({ ...body, unfurls: fromJson(body.unfurls) }) as UnfurlCall),
    publishedViews: () =>
      apiCalls('views.publish').map(({ body }) => ({ ...body, view: fromJson(body.view) }) as PublishedView),
    failResponses: (status) => {
      responseStatus = status;
    },
    answerAuthTest: (...answers) => {
      authAnswers = answers;
    },
    answerUsergroups: (answer) => {
      usergroups = answer;
    },
    failViewsUpdate: (count, error = 'not_found') => {
      viewsUpdateFailures = { count, error };
    },
    setMember: (channelId, member) => {
      if (member) joined.add(channelId);
      else joined.delete(channelId);
    },
    postedTo: (channel) => standIn.apiCalls('chat.postMessage').filter((post) => post.body.channel === channel),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}

/** The bot's road out to Slack (undici's fetch: the global one's errors come from outside jest's realm, unread). */
const botFetch = fetchThrough(slackDispatcher());

/** A Web API client on the stand-in, as the bot's own: no retries, and no console noise when Slack is down. */
export function webClientOn(slack: SlackStandIn, token?: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: `${slack.apiUrl}/`,
    fetch: botFetch,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}
