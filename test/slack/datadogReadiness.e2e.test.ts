import { startSampleDatadog } from '../../src/sample/sampleDatadog';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { eventually } from '../support/follows';
import { freePort } from '../support/freePort';
import { withBotUnderTest } from '../support/runningBot';
import { command } from '../support/slackUser';

/** Datadog out of reach: /readyz and the start-up log name its host, the cause and the next step; replies say it too. */

interface Readyz {
  status: number;
  body: { ready: boolean; checks: Record<string, string> };
}

async function readyz(port: number): Promise<Readyz> {
  const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: answer.status, body: (await answer.json()) as Readyz['body'] };
}

const LOOKUP = `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`;

test('Datadog answering: checks.datadog is "ok" and the log says so', () =>
  withBotUnderTest({}, async ({ bot, logs }) => {
    await bot.tokenChecked;
    expect(await readyz(bot.opsPort)).toMatchObject({ status: 200, body: { ready: true, checks: { datadog: 'ok' } } });
    expect(logs.find((line) => line.includes('datadog answered'))).toContain('attempt=1');
  }));

test('a closed port: /readyz, the log and the reply name the host and "refused"; when it answers again, "ok"', async () => {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const why = `Datadog (${host}) cannot be reached: the connection was refused (ECONNREFUSED). Next: check DD_SITE and DD_API_URL, or the proxy in HTTPS_PROXY`;
  await withBotUnderTest({ DD_API_URL: `http://${host}` }, async (harness) => {
    const { bot, logs } = harness;
    await bot.tokenChecked;
    // Shown, not gating: the bot still answers, and its replies say why Datadog gave nothing.
    expect(await readyz(bot.opsPort)).toEqual({
      status: 200,
      body: {
        ready: true,
        checks: expect.objectContaining({ slack_token: 'ok', datadog: `${why}; retrying` }),
      },
    });
    const warned = logs.find((line) => line.includes('datadog cannot be reached, retrying'));
    expect(warned).toContain(JSON.stringify(why));
    expect(warned).toContain(' WARN datadog cannot be reached, retrying');

    const reply = JSON.stringify(await command(harness, LOOKUP));
    expect(reply).toContain('The bot could not reach Datadog');
    expect(reply).toContain(
      'failed: the connection was refused (ECONNREFUSED). For whoever runs the bot: check DD_SITE and DD_API_URL, or the proxy in HTTPS_PROXY.',
    );

    const datadog = await startSampleDatadog({ port });
    try {
      datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
      // A lookup that gets an answer says so at once; the probe says it in the log on its next try.
      expect(JSON.stringify(await command(harness, LOOKUP))).toContain('Canceled');
      expect((await readyz(bot.opsPort)).body.checks.datadog).toBe('ok');
      await eventually('the probe saw Datadog answer', () =>
        logs.some((line) => line.includes('datadog answers again')),
      );
      expect(datadog.requests.map((request) => request.path)).toContain('/api/v1/validate');
    } finally {
      await datadog.close();
    }
  });
});

test('an unknown host: checks.datadog names it and the name that does not resolve', () =>
  withBotUnderTest({ DD_API_URL: 'https://nonexistent.invalid' }, async ({ bot }) => {
    expect((await readyz(bot.opsPort)).body.checks.datadog).toMatch(
      /^Datadog \(nonexistent\.invalid\) cannot be reached: the host name does not resolve \((ENOTFOUND|EAI_AGAIN)\)\. Next: check DD_SITE and DD_API_URL for a typo; /,
    );
  }));
