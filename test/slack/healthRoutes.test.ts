import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { InFlight } from '../../src/core/inflight';
import { HEALTH_PATH, healthRoutes, READY_PATH } from '../../src/slack/healthRoutes';
import { Readiness } from '../../src/slack/readiness';

/** Serves the routes on 127.0.0.1 as Bolt's receiver does: by path, the rest 404. */
async function serve(inflight: InFlight, readiness: Readiness): Promise<{ url: string; server: Server }> {
  const routes = healthRoutes(inflight, readiness);
  const server = createServer((req, res) => {
    const route = routes.find((r) => r.path === req.url && r.method.includes(req.method ?? ''));
    if (route) route.handler(req as Parameters<CustomRoute['handler']>[0], res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('liveness answers 200 with the replies in flight, uncached', async () => {
  const inflight = new InFlight();
  let finish = () => {};
  void inflight.run(() => new Promise<void>((resolve) => (finish = resolve)));
  const { url, server } = await serve(inflight, new Readiness({}));
  try {
    const answer = await fetch(`${url}${HEALTH_PATH}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toEqual({ ok: true, inFlight: 1 });
  } finally {
    finish();
    server.close();
  }
});

test('readiness answers 503 with each check until all pass, then 200', async () => {
  const readiness = new Readiness({ slack_token: 'not checked yet' });
  const { url, server } = await serve(new InFlight(), readiness);
  try {
    const before = await fetch(`${url}${READY_PATH}`);
    expect(before.status).toBe(503);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(await before.json()).toEqual({ ready: false, checks: { config: 'ok', slack_token: 'not checked yet' } });
    readiness.pass('slack_token');
    const after = await fetch(`${url}${READY_PATH}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ ready: true, checks: { config: 'ok', slack_token: 'ok' } });
  } finally {
    server.close();
  }
});
