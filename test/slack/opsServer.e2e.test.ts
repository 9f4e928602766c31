import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { freePort } from '../support/freePort';
import { metricSample } from '../support/metricsText';
import { withBotUnderTest } from '../support/runningBot';
import { command } from '../support/slackUser';

/** OPS_PORT keeps /metrics off the public PORT; HOST chooses the interface both listen on. */

async function get(host: string, port: number, path: string): Promise<{ status: number; text: string }> {
  const answer = await fetch(`http://${host}:${port}${path}`);
  return { status: answer.status, text: await answer.text() };
}

/** Why a request to host:port could not be made ('' when it was answered). */
async function refusal(host: string, port: number): Promise<string> {
  try {
    await fetch(`http://${host}:${port}/healthz`);
    return '';
  } catch (err) {
    return String((err as { cause?: { code?: string } }).cause?.code);
  }
}

test('HTTP mode with OPS_PORT: /metrics is answered there and not on PORT; Slack and health stay on PORT', async () => {
  const opsPort = await freePort();
  await withBotUnderTest({ OPS_PORT: String(opsPort) }, async (bot) => {
    expect(bot.bot.opsPort).toBe(opsPort);
    expect(bot.bot.port).not.toBe(opsPort);
    bot.datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
    await command(bot, `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);

    const metrics = await get('127.0.0.1', opsPort, '/metrics');
    expect(metrics.status).toBe(200);
    expect(
      metricSample(metrics.text, 'dd_instance_lookups_total{entry_point="command",kind="lookup",outcome="found"}'),
    ).toBe(1);
    expect((await get('127.0.0.1', bot.bot.port, '/metrics')).status).toBe(404);
    for (const port of [bot.bot.port, opsPort]) {
      expect((await get('127.0.0.1', port, '/healthz')).status).toBe(200);
      expect((await get('127.0.0.1', port, '/readyz')).status).toBe(200);
    }
    expect((await get('127.0.0.1', opsPort, '/slack/events')).status).toBe(404);
  });
});

test('HOST: both ports listen on that address only', async () => {
  const opsPort = await freePort();
  await withBotUnderTest({ HOST: '127.0.0.1', OPS_PORT: String(opsPort) }, async (bot) => {
    for (const port of [bot.bot.port, opsPort]) {
      expect(await refusal('127.0.0.1', port)).toBe('');
      expect(await refusal('127.0.0.2', port)).toBe('ECONNREFUSED');
    }
  });
});

test('without HOST, every interface is listened on', async () => {
  await withBotUnderTest({}, async (bot) => {
    expect(await refusal('127.0.0.2', bot.bot.port)).toBe('');
  });
});

test('Socket Mode with OPS_PORT listens only there', async () => {
  const [port, opsPort] = [await freePort(), await freePort()];
  const socketMode = { SLACK_APP_TOKEN: 'xapp-test-app-token', SLACK_SIGNING_SECRET: '' };
  await withBotUnderTest({ ...socketMode, PORT: String(port), OPS_PORT: String(opsPort) }, async (bot) => {
    expect(bot.bot.mode).toBe('socket');
    expect(bot.bot.opsPort).toBe(opsPort);
    expect((await get('127.0.0.1', opsPort, '/metrics')).status).toBe(200);
    expect(await refusal('127.0.0.1', port)).toBe('ECONNREFUSED');
  });
});

test('Socket Mode without OPS_PORT serves the operations routes on PORT', async () => {
  const socketMode = { SLACK_APP_TOKEN: 'xapp-test-app-token', SLACK_SIGNING_SECRET: '' };
  await withBotUnderTest(socketMode, async (bot) => {
    expect(bot.bot.opsPort).toBe(bot.bot.port);
    expect((await get('127.0.0.1', bot.bot.port, '/metrics')).status).toBe(200);
    expect((await get('127.0.0.1', bot.bot.port, '/healthz')).status).toBe(200);
  });
});
