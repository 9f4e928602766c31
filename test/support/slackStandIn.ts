import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack's side on 127.0.0.1: the Web API methods the bot calls, and response_url endpoints that capture replies. */
export interface CapturedPost {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
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
  /** Where apps.connections.open sends a Socket Mode app. */
  socketModeUrl?: string;
  /** Makes response_url posts answer this status (Slack says 404 for an expired URL). */
  failResponses(status: number | undefined): void;
  /**
   * Makes the bot a member of a channel: chat.postMessage there then succeeds (with a ts); in channels it has not
   * joined it answers not_in_channel, as Slack does. A user ID (a DM) always succeeds.
   */
  setMember(channelId: string, member: boolean): void;
  /** The chat.postMessage calls made to one channel or user, in order. */
  postedTo(channel: string): CapturedPost[];
  /** Resolves once `count` calls of this Web API method have arrived. */
  waitForApiCalls(method: string, count: number, timeoutMs?: number): Promise<CapturedPost[]>;
  close(): Promise<void>;
}

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
  const joined = new Set<string>();
  let posted = 0;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = request.url ?? '/';
    posts.push({ path, body, headers: request.headers });
    waiters.splice(0).forEach((wake) => {
      wake();
    });
    response.setHeader('content-type', 'application/json');
    if (path.startsWith('/api/auth.test')) {
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
    } else if (path.startsWith('/api/views.open')) {
      response.end(JSON.stringify({ ok: true, view: { id: 'V0001' } }));
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
  standIn = {
    url,
    apiUrl: `${url}/api`,
    posts,
    responseUrl: (name) => `${url}/respond/${name}`,
    apiCalls: (method) => posts.filter((post) => post.path.startsWith(`/api/${method}`)),
    repliesTo: async (name, count = 1, timeoutMs = 10_000) => {
      const path = `/respond/${name}`;
      const deadline = Date.now() + timeoutMs;
      while (postsTo(path).length < count) {
        if (Date.now() > deadline)
          throw new Error(`no reply at ${path} within ${timeoutMs} ms (got ${postsTo(path).length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return postsTo(path)
        .slice(0, count)
        .map((post) => post.body);
    },
    failResponses: (status) => {
      responseStatus = status;
    },
    setMember: (channelId, member) => {
      if (member) joined.add(channelId);
      else joined.delete(channelId);
    },
    postedTo: (channel) => standIn.apiCalls('chat.postMessage').filter((post) => post.body.channel === channel),
    waitForApiCalls: async (method, count, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (standIn.apiCalls(method).length < count) {
        if (Date.now() > deadline)
          throw new Error(`${method}: ${standIn.apiCalls(method).length} calls within ${timeoutMs} ms, not ${count}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return standIn.apiCalls(method);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}
