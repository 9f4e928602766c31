import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadBotConfig } from '../src/config/load';
import { deferred, loadDeferred } from '../src/core/deferred';
import { createLog } from '../src/core/log';
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { listenEarly } from '../src/slack/earlyServer';
import { type RunningBot, type StartOptions, startBot } from '../src/wiring';
import { withBotProcess } from './support/botProcess';
import { BUILT, startChild, startedPort } from './support/child';
import { TEST_SECRETS } from './support/runningBot';
import { postSignedEvent } from './support/signedRequest';
import { type SlackStandIn, startSlackStandIn } from './support/slackStandIn';
import { startSocketModeStandIn } from './support/socketModeStandIn';

/** Start-up against a loopback Slack: a token Slack refuses stops the bot; an unreachable Slack keeps it trying. */

const FAST = { backoff: { firstMs: 20, maxMs: 100 }, socketPingTimeoutMs: 200 };

async function readyz(
  bot: RunningBot,
): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string> } }> {
  const answer = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
  return { status: answer.status, body: (await answer.json()) as { ready: boolean; checks: Record<string, string> } };
}

/** Asks /readyz until it answers `status`; fails the test if it never does. */
async function readyzBecomes(bot: RunningBot, status: number) {
  for (let tries = 0; tries < 200; tries++) {
    const answer = await readyz(bot);
    if (answer.status === status) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/readyz never answered ${status}: ${JSON.stringify(await readyz(bot))}`);
}

describe.each(['invalid_auth', 'token_revoked', 'account_inactive'])('Slack answers auth.test with %s', (error) => {
  test('the bot exits 1 naming SLACK_BOT_TOKEN, never its value', () =>
    withBotProcess(
      { DD_DEMO: '1' },
      async (child, slack) => {
        const exit = await child.exited;
        expect(exit.code).toBe(1);
        expect(child.output()).toContain(`SLACK_BOT_TOKEN was rejected by Slack (${error})`);
        expect(child.output()).not.toContain(TEST_SECRETS.SLACK_BOT_TOKEN);
        expect(slack.apiCalls('auth.test')[0]?.body.token).toBe(TEST_SECRETS.SLACK_BOT_TOKEN);
      },
      (slack) => slack.answerAuthTest({ error }),
    ));
});

describe('readiness', () => {
  let slack: SlackStandIn;
  let bot: RunningBot | undefined;
  const logs: string[] = [];
  afterEach(async () => {
    await bot?.stop(500);
    await slack.close();
  });

  async function start(env: Record<string, string>, options: StartOptions = {}) {
    const datadog = await startSampleDatadog();
    const loaded = loadBotConfig({
      ...TEST_SECRETS,
      PORT: '0',
      DD_API_URL: datadog.url,
      SLACK_API_URL: slack.apiUrl,
      ...env,
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const started = await startBot(
      loaded.config,
      createLog('debug', (line) => logs.push(line)),
      { ...FAST, ...options },
    );
    await started.datadogProbed;
    const stop = started.stop;
    started.stop = async (grace) => {
      await stop(grace);
      await datadog.close();
    };
    return started;
  }

  test('Slack unreachable at first: /healthz 200 and /readyz 503 with the reason, then 200 once Slack answers', async () => {
    slack = await startSlackStandIn();
    slack.answerAuthTest('drop');
    bot = await start({});
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
    const waiting = await readyz(bot);
    expect(waiting.status).toBe(503);
    expect(waiting.body.ready).toBe(false);
    expect(waiting.body.checks.config).toBe('ok');
    expect(waiting.body.checks.slack_token).toMatch(/auth\.test/);

    // Slack comes back only after the bot has tried, failed and scheduled another try.
    for (let tries = 0; !logs.join('\n').includes('slack auth.test failed, retrying'); tries++) {
      if (tries > 200) throw new Error('the bot never retried auth.test');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    slack.answerAuthTest('ok');
    const ready = await readyzBecomes(bot, 200);
    expect(ready.body).toEqual({
      ready: true,
      checks: { config: 'ok', modules: 'ok', slack_token: 'ok', store: 'ok', datadog: 'ok' },
    });
    expect(await bot.tokenChecked).toEqual({ ok: true, identity: { botId: 'B0BOT', botUserId: 'U0BOT' } });
    expect(slack.apiCalls('auth.test').length).toBeGreaterThan(2);
    expect(logs.join('\n')).not.toContain(TEST_SECRETS.SLACK_BOT_TOKEN);
  });

  test('Socket Mode: /readyz waits for the connection, goes 503 when it drops, and 200 again once reconnected', async () => {
    slack = await startSlackStandIn();
    const socket = await startSocketModeStandIn();
    slack.socketModeUrl = socket.url;
    const { SLACK_SIGNING_SECRET: _notNeeded, ...secrets } = TEST_SECRETS;
    try {
      bot = await start({ ...secrets, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-test-app-token' });
      expect(bot.mode).toBe('socket');
      expect(bot.port).toBeGreaterThan(0);
      await socket.connected;
      const ready = await readyzBecomes(bot, 200);
      expect(ready.body.checks).toEqual({
        config: 'ok',
        modules: 'ok',
        slack_token: 'ok',
        socket_connection: 'ok',
        store: 'ok',
        datadog: 'ok',
      });

      // Reconnects are refused (a URL that does not upgrade) until the stand-in serves them again.
      slack.socketModeUrl = `${slack.url.replace('http', 'ws')}/no-socket-here`;
      socket.dropConnection();
      const dropped = await readyzBecomes(bot, 503);
      expect(dropped.body.checks.socket_connection).toMatch(/not connected/);
      expect(dropped.body.checks.slack_token).toBe('ok');

      slack.socketModeUrl = socket.url;
      await readyzBecomes(bot, 200);
      expect(socket.connections()).toBe(2);
      expect(logs.join('\n')).not.toContain('xapp-test-app-token');
    } finally {
      await socket.close();
    }
  });
});

describe('start-up order', () => {
  /** A loopback Slack and the sample Datadog, and a config pointing at them. */
  async function onStandIns() {
    const slack = await startSlackStandIn();
    const datadog = await startSampleDatadog();
    const loaded = loadBotConfig({ ...TEST_SECRETS, PORT: '0', DD_API_URL: datadog.url, SLACK_API_URL: slack.apiUrl });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    return { slack, datadog, config: loaded.config };
  }

  test('/healthz answers before the bot is built; a Slack request sent meanwhile waits and is served by it', async () => {
    const { slack, datadog, config } = await onStandIns();
    const order: string[] = [];
    const early = await listenEarly({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(early.server.address() as AddressInfo).port}`;
    let bot: RunningBot | undefined;
    try {
      order.push(`healthz ${(await fetch(`${url}/healthz`)).status}`);
      const starting = await fetch(`${url}/readyz`);
      order.push(`readyz ${starting.status}`);
      expect(await starting.json()).toEqual({
        ready: false,
        checks: { config: 'ok', modules: 'still loading the bot' },
      });
      const arrived = once(early.server, 'request');
      const verification = postSignedEvent(`${url}/slack/events`, { type: 'url_verification', challenge: 'early' });
      await arrived;
      order.push('slack request waiting');
      bot = await startBot(config, createLog('error'), { ...FAST, early });
      order.push('bot built');
      // Only Bolt answers the challenge: the request that arrived before the bot was built was handed to it.
      expect(await verification).toMatchObject({ status: 200, body: expect.stringContaining('early') });
      expect(order).toEqual(['healthz 200', 'readyz 503', 'slack request waiting', 'bot built']);
      expect(bot.port).toBe((early.server.address() as AddressInfo).port);
    } finally {
      await bot?.stop(500);
      await Promise.all([slack.close(), datadog.close()]);
    }
  });

  test('/healthz answers while what lookups need is still to load; /readyz waits for it', async () => {
    const { slack, datadog, config } = await onStandIns();
    const order: string[] = [];
    deferred(() => order.push('deferred loaded'));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bot = await startBot(config, createLog('error'), {
      ...FAST,
      loadDeferred: () => held.then(loadDeferred),
    });
    try {
      const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      order.push(`healthz ${health.status}`);
      const loading = await readyz(bot);
      expect(loading.status).toBe(503);
      expect(loading.body.checks.modules).toBe('still loading what lookups need');
      release();
      for (let tries = 0; (await readyz(bot)).body.checks.modules !== 'ok'; tries++) {
        if (tries > 200) throw new Error('/readyz never said the modules were loaded');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(order).toEqual(['healthz 200', 'deferred loaded']);
    } finally {
      await bot.stop(500);
      await Promise.all([slack.close(), datadog.close()]);
    }
  });

  test('the real process opens its port once the settings are read, before pino, Bolt, prom-client and the Datadog schemas, then loads them', async () => {
    const slack = await startSlackStandIn();
    const probe = join(BUILT, '..', 'test', 'support', 'modulesAtListen.js');
    const env = { ...TEST_SECRETS, PORT: '0', SLACK_API_URL: slack.apiUrl, DD_API_URL: 'http://127.0.0.1:9' };
    const bot = startChild('index.js', [], env, ['--require', probe]);
    try {
      const [, listed] = await bot.waitFor(/modules at listen: (\[.*\])/);
      expect(JSON.parse(listed ?? '')).toEqual(['zod']);
      const port = await startedPort(bot);
      for (let tries = 0; ; tries++) {
        const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
        const { checks } = (await answer.json()) as { checks: Record<string, string> };
        if (checks.modules === 'ok') break;
        if (tries > 200) throw new Error('/readyz never said the modules were loaded');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      bot.process.kill('SIGKILL');
      await slack.close();
    }
  });
});
