import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InFlight } from '../../src/core/inflight';
import { HEALTH_PATH, healthRoutes, READY_PATH } from '../../src/slack/healthRoutes';
import { serveRoutes } from '../../src/slack/opsServer';
import { Readiness } from '../../src/slack/readiness';

/** Serves the routes on 127.0.0.1 as the operations port does. */
async function serve(inflight: InFlight, readiness: Readiness): Promise<{ url: string; server: Server }> {
  const server = await serveRoutes(healthRoutes(inflight, readiness), { host: '127.0.0.1', port: 0 });
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
