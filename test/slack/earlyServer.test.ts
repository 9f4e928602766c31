import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { type EarlyServer, listenEarly, WAIT_BOUND, type WaitBound } from '../../src/slack/earlyServer';
import { closeServer } from '../../src/slack/opsServer';

/** The port opened before the bot is built, through real HTTP on loopback: who waits, who is told to try again. */

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

async function early(
  bound?: WaitBound,
): Promise<{ server: EarlyServer; url: string; arrived: (n: number) => Promise<void> }> {
  const server = await listenEarly({ host: '127.0.0.1', port: 0 }, bound);
  let seen = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  // Added after the early listener, so by the time it runs that listener has taken the request.
  server.server.on('request', () => {
    seen++;
    for (const waiter of waiters.filter((w) => seen >= w.n)) waiter.resolve();
  });
  return {
    server,
    url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    arrived: (n) => new Promise((resolve) => (seen >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

async function post(url: string, body: string): Promise<Answer> {
  const answer = await fetch(`${url}/slack/events`, { method: 'POST', body });
  return { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: await answer.text() };
}

/** What the bot's listener would do: read the body and answer with it. */
const echo: RequestListener = async (req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`served ${await text(req)}`);
};

const TRY_AGAIN: Answer = { status: 503, retryAfter: '1', body: 'starting, try again\n' };

test(`${WAIT_BOUND.requests} requests wait for the hand-over and are served by the bot; those past the bound are told to try again at once`, async () => {
  const { server, url, arrived } = await early();
  try {
    const settled = new Set<number>();
    const within = Array.from({ length: WAIT_BOUND.requests }, (_, i) =>
      post(url, `${i}`).finally(() => settled.add(i)),
    );
    await arrived(WAIT_BOUND.requests);
    const past = await Promise.all(Array.from({ length: 10 }, (_, i) => post(url, `past ${i}`)));
    expect(past).toEqual(Array(10).fill(TRY_AGAIN));
    // /healthz still answers while the waiting requests hold every place.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect([...settled]).toEqual([]);

    server.handOver(echo);
    const served = await Promise.all(within);
    expect(served.map((answer) => answer.status)).toEqual(Array(WAIT_BOUND.requests).fill(200));
    expect(served.map((answer) => answer.body)).toEqual(
      Array.from({ length: WAIT_BOUND.requests }, (_, i) => `served ${i}`),
    );
    // After the hand-over nothing waits and nothing is refused: the bot has the port.
    expect(await post(url, 'after')).toMatchObject({ status: 200, body: 'served after' });
  } finally {
    await closeServer(server.server);
  }
});

test('a request that waits past the bound’s time is told to try again, frees its place, and is not handed over', async () => {
  const { server, url, arrived } = await early({ requests: 1, ms: 50 });
  try {
    expect(await post(url, 'first')).toEqual(TRY_AGAIN);
    // Its place is free again: the next one waits rather than being refused, and is the only one the bot is given.
    const handed: string[] = [];
    const second = post(url, 'second');
    await arrived(2);
    server.handOver((req, res) => {
      handed.push(req.url ?? '');
      return echo(req, res);
    });
    expect(await second).toMatchObject({ status: 200, body: 'served second' });
    expect(handed).toEqual(['/slack/events']);
  } finally {
    await closeServer(server.server);
  }
});
