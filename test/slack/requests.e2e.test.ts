import { CANCELED_REF } from '../support/fixtures';
import { useBotUnderTest } from '../support/runningBot';
import { interactive, postSigned, SIGNING_SECRET, slashCommand } from '../support/signedRequest';

const bot = useBotUnderTest();

const lookup = () =>
  slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, bot().slack.responseUrl('forged'));

test.each([
  ['a forged signature', { secret: 'not-the-signing-secret' }],
  ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }],
])('%s is rejected and Datadog is never called', async (_name, options) => {
  const response = await postSigned(bot().eventsUrl, lookup(), options);
  expect(response.status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bot().datadog.requests).toHaveLength(0);
  expect(bot().slack.posts.filter((post) => post.path.endsWith('forged'))).toHaveLength(0);
  expect(response.body).not.toContain(SIGNING_SECRET);
});

test('GET /healthz answers 200', async () => {
  const response = await fetch(`http://127.0.0.1:${bot().bot.port}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true });
});

test('a click on the Open in Datadog link button is acked', async () => {
  const response = await postSigned(
    bot().eventsUrl,
    interactive({
      type: 'block_actions',
      user: { id: 'U0ONCALL' },
      team: { id: 'T0001' },
      channel: { id: 'C0INCIDENT' },
      api_app_id: 'A0APP',
      trigger_id: '1.2.3',
      response_url: bot().slack.responseUrl('link'),
      container: { type: 'message', is_ephemeral: true },
      actions: [
        {
          type: 'button',
          action_id: 'open_in_datadog',
          block_id: 'b1',
          action_ts: '1700000000.1',
          url: 'https://app.datadoghq.com/workflow/x',
        },
      ],
    }),
  );
  expect(response.status).toBe(200);
  expect(bot().logs.join('\n')).not.toMatch(/unhandled|not acknowledged/i);
});
