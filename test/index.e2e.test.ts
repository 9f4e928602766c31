import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { withBotProcess } from './support/botProcess';
import { startChild, startedPort } from './support/child';
import { CANCELED_REF, instancePath, recorded } from './support/fixtures';
import { LOOPBACK_REPLIES, TEST_SECRETS, UNCACHED } from './support/runningBot';
import { postSigned, slashCommand } from './support/signedRequest';

test('missing and invalid settings stop start-up, each named, no value shown', async () => {
  const child = startChild('index.js', [], {
    SLACK_BOT_TOKEN: 'xoxp-a-user-token-value',
    DD_SITE: 'datadoghq.example',
    DD_API_URL: 'not a url',
    PORT: 'eighty',
  });
  const { code } = await child.exited;
  const output = child.output();
  expect(code).toBe(1);
  for (const name of [
    'SLACK_BOT_TOKEN must be a bot token',
    'SLACK_SIGNING_SECRET is required',
    'DD_API_KEY is required',
    'DD_APP_KEY is required',
    'DD_SITE must be one of',
    'DD_API_URL must be',
    'PORT must be',
  ]) {
    expect(output).toContain(name);
  }
  for (const value of ['xoxp-a-user-token-value', 'datadoghq.example', 'not a url', 'eighty'])
    expect(output).not.toContain(value);
  expect(output).not.toMatch(/at \w+ \(/);
});

test('a government site starts with a warning that Workflow Automation is not offered there', () =>
  withBotProcess({ DD_SITE: 'ddog-gov.com', LOG_FORMAT: 'pretty' }, async (child) => {
    await child.waitFor(/does not offer Workflow Automation/);
    await child.waitFor(/dd-instance started/);
    child.process.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
  }));

test('the real process serves /healthz, and on SIGTERM finishes the reply under way, then exits', async () => {
  const datadog = await startSampleDatadog();
  try {
    await withBotProcess({ ...LOOPBACK_REPLIES, DD_API_URL: datadog.url, LOG_LEVEL: 'info' }, async (child, slack) => {
      // Not a terminal, so JSON lines by default.
      const port = await startedPort(child);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      datadog.script(instancePath(CANCELED_REF), { delayMs: 800, body: recorded('get-instance-200-canceled').body });
      const ack = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, slack.responseUrl('during-shutdown')),
      );
      expect(ack.status).toBe(200);
      child.process.kill('SIGTERM');
      const [reply] = await slack.repliesTo('during-shutdown');
      expect(JSON.stringify(reply)).toContain('Canceled');
      const exit = await child.exited;
      expect(exit.code).toBe(0);
      const lines = child
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: 'stopping', signal: 'SIGTERM' }));
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'lookup', via: 'command', outcome: 'found:CANCELED', user: 'U0ONCALL' }),
      );
      for (const secret of Object.values(TEST_SECRETS)) expect(child.output()).not.toContain(secret);
    });
  } finally {
    await datadog.close();
  }
});

test('the real process masks every secret in its log, and its lookup and audit lines are all out before it exits', async () => {
  const datadog = await startSampleDatadog();
  const { body } = recorded('get-instance-200-canceled') as { body: { data: { attributes: Record<string, unknown> } } };
  // Datadog's words carrying secrets: a status kind (on the ID-only lookup line) and a 400's message (free text).
  const echoed = structuredClone(body);
  echoed.data.attributes.instanceStatus = { detailsKind: `KEY ${TEST_SECRETS.DD_APP_KEY}`, displayName: 'x' };
  const lookups = 3;
  try {
    const env = { ...LOOPBACK_REPLIES, ...UNCACHED, DD_API_URL: datadog.url, LOG_LEVEL: 'debug' };
    await withBotProcess(env, async (child, slack) => {
      const port = await startedPort(child);
      const send = async (name: string) => {
        const text = `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`;
        const form = slashCommand(text, slack.responseUrl(name));
        expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, form)).status).toBe(200);
        await slack.repliesTo(name);
      };
      datadog.script(instancePath(CANCELED_REF), { body: echoed });
      await send('echoed-status');
      datadog.script(instancePath(CANCELED_REF), {
        status: 400,
        body: { errors: [`key ${TEST_SECRETS.DD_API_KEY} token ${TEST_SECRETS.SLACK_BOT_TOKEN} refused`] },
      });
      for (let i = 1; i < lookups; i++) await send(`echoed-400-${i}`);
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
      const output = child.output();
      for (const secret of Object.values(TEST_SECRETS)) expect(output).not.toContain(secret);
      const lines = output
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => line.msg === 'lookup').map((line) => line.outcome)).toEqual([
        'found:other',
        'bad_request',
        'bad_request',
      ]);
      expect(lines.filter((line) => line.audit === 'lookup')).toHaveLength(lookups);
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'datadog said', detail: expect.stringContaining('[redacted]') }),
      );
    });
  } finally {
    await datadog.close();
  }
});
