import { readFileSync } from 'node:fs';
import { createServer as createPlainServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LogLevel, WebClient } from '@slack/web-api';
import { Agent, EnvHttpProxyAgent, fetch, request } from 'undici';
import { classifyNetworkError } from '../../src/core/networkFailure';
import { fetchThrough } from '../../src/slack/outbound';
import { type ConnectProxy, startConnectProxy } from '../support/connectProxy';
import { freePort } from '../support/freePort';

/** Real failures, each as the library that met it threw it, classified by the one function that reads them. */

async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Slack's Web API client, as the bot's (its fetch on undici's dispatcher): no retries, quiet. */
const slackClient = (apiUrl: string) =>
  new WebClient('xoxb-classifier-test', {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    fetch: fetchThrough(new Agent()),
  });

test('a closed port is refused, whether met by fetch, undici request, or Slack WebClient (cause inside original)', async () => {
  const url = `http://127.0.0.1:${await freePort()}/api/`;
  const refused = { cause: 'refused', code: 'ECONNREFUSED' };
  expect(classifyNetworkError(await thrownBy(() => fetch(url)))).toEqual(refused);
  expect(classifyNetworkError(await thrownBy(() => request(url)))).toEqual(refused);
  expect(classifyNetworkError(await thrownBy(() => slackClient(url).auth.test()))).toEqual(refused);
});

test('a port fetch refuses to use (9, discard) is a bad port, met by fetch or Slack WebClient, before any connection', async () => {
  const url = 'http://127.0.0.1:9/api/';
  const badPort = { cause: 'bad_port', code: 'bad port' };
  expect(classifyNetworkError(await thrownBy(() => fetch(url)))).toEqual(badPort);
  expect(classifyNetworkError(await thrownBy(() => slackClient(url).auth.test()))).toEqual(badPort);
});

test('localhost on a closed port (both address families tried) is refused', async () => {
  const url = `http://localhost:${await freePort()}/`;
  expect(classifyNetworkError(await thrownBy(() => fetch(url)))).toMatchObject({ cause: 'refused' });
});

test('an unknown host is a DNS failure', async () => {
  const failure = classifyNetworkError(
    await thrownBy(() => slackClient('https://nonexistent.invalid/api/').auth.test()),
  );
  expect(failure?.cause).toBe('dns');
  expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(failure?.code);
});

test('a self-signed certificate on loopback is a TLS failure, with its verdict', async () => {
  const fixtures = join(__dirname, '..', 'fixtures');
  const server = createTlsServer(
    {
      cert: readFileSync(join(fixtures, 'selfSignedLoopback.cert.pem')),
      key: readFileSync(join(fixtures, 'selfSignedLoopback.key.pem')),
    },
    (_request, response) => response.end('{"ok":true}'),
  );
  const host = await listening(server);
  try {
    const expected = { cause: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
    expect(classifyNetworkError(await thrownBy(() => fetch(`https://${host}/`)))).toEqual(expected);
    expect(classifyNetworkError(await thrownBy(() => slackClient(`https://${host}/api/`).auth.test()))).toEqual(
      expected,
    );
  } finally {
    await closed(server);
  }
});

describe('through a proxy', () => {
  let proxy: ConnectProxy;
  let target: Server;
  let host: string;
  beforeEach(async () => {
    proxy = await startConnectProxy();
    target = createPlainServer((_request, response) => response.end('{"ok":true}'));
    host = await listening(target);
  });
  afterEach(async () => {
    await Promise.all([proxy.close(), closed(target)]);
  });

  const via = (proxyUrl: string) => new EnvHttpProxyAgent({ httpProxy: proxyUrl, httpsProxy: '', noProxy: '' });

  test('a proxy that refuses the tunnel: proxy_refused, with its status', async () => {
    proxy.refuse(host);
    const dispatcher = via(proxy.url);
    try {
      const err = await thrownBy(() => fetch(`http://${host}/`, { dispatcher }));
      expect(classifyNetworkError(err)).toEqual({ cause: 'proxy_refused', code: 'HTTP 403' });
      expect(proxy.tunnels).toEqual([host]);
    } finally {
      await dispatcher.destroy();
    }
  });

  test('a proxy that lets it through is no failure; a proxy that is not there is refused', async () => {
    const dispatcher = via(proxy.url);
    const absent = via(`http://127.0.0.1:${await freePort()}`);
    try {
      expect((await fetch(`http://${host}/`, { dispatcher })).status).toBe(200);
      expect(proxy.tunnelsTo(host)).toBe(1);
      const err = await thrownBy(() => fetch(`http://${host}/`, { dispatcher: absent }));
      expect(classifyNetworkError(err)).toEqual({ cause: 'refused', code: 'ECONNREFUSED' });
    } finally {
      await Promise.all([dispatcher.destroy(), absent.destroy()]);
    }
  });
});

test("no answer in time: undici's time-out, and the AbortSignal.timeout Slack's client bounds each call with", async () => {
  const silent = createPlainServer(() => undefined);
  const host = await listening(silent);
  const dispatcher = new Agent({ headersTimeout: 50 });
  try {
    expect(classifyNetworkError(await thrownBy(() => request(`http://${host}/`, { dispatcher })))).toEqual({
      cause: 'timeout',
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    const aborted = await thrownBy(() => fetch(`http://${host}/`, { signal: AbortSignal.timeout(50) }));
    expect(classifyNetworkError(aborted)).toEqual({ cause: 'timeout', code: 'TimeoutError' });
  } finally {
    await dispatcher.destroy();
    await closed(silent);
  }
});

test('anything that is not a network failure is not classified', () => {
  expect(classifyNetworkError(new Error('invalid_auth'))).toBeUndefined();
  expect(classifyNetworkError(undefined)).toBeUndefined();
  expect(classifyNetworkError('ECONNREFUSED')).toBeUndefined();
  const loop: { cause?: unknown } = {};
  loop.cause = loop;
  expect(classifyNetworkError(loop)).toBeUndefined();
});
