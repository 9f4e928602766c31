import { SECRET_MASK } from '../../src/render/secretMask';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { TEST_SECRETS, useBotUnderTest } from '../support/runningBot';
import { linkShared, postSigned, postSignedEvent, slashCommand } from '../support/signedRequest';

/** Secrets never in a reply: Datadog text that echoes them reaches Slack masked, on response_url and on the Web API. */

const harness = useBotUnderTest({ UNFURL_ENABLED: '1' });

function expectNoSecret(sent: unknown): string {
  const serialized = JSON.stringify(sent);
  for (const secret of Object.values(TEST_SECRETS)) expect(serialized).not.toContain(secret);
  expect(serialized).toContain(SECRET_MASK);
  return serialized;
}

test('a Datadog 400 that echoes both keys: the reply names what Datadog refused, with neither key, and spares the IDs', async () => {
  const { datadog, slack, eventsUrl } = harness();
  datadog.script(instancePath(CANCELED_REF), {
    status: 400,
    body: { errors: [`key ${TEST_SECRETS.DD_API_KEY} app ${TEST_SECRETS.DD_APP_KEY} is not valid`] },
  });
  const ack = await postSigned(
    eventsUrl,
    slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, slack.responseUrl('echoed-keys')),
  );
  expect(ack.status).toBe(200);
  const [reply] = await slack.repliesTo('echoed-keys');
  const serialized = expectNoSecret(reply);
  expect(serialized).toContain(
    `Datadog answered HTTP 400 and said: “key ${SECRET_MASK} app ${SECRET_MASK} is not valid”`,
  );
  expect(serialized).toContain('Datadog rejected the request');
  expect(serialized).not.toContain('must be UUIDs');
  expect(String(reply!.text)).toContain(`key ${SECRET_MASK} app ${SECRET_MASK}`);
});

test('a card sent through the Web API (chat.unfurl) masks a secret in Datadog’s data too', async () => {
  const { datadog, slack, eventsUrl } = harness();
  const { body } = recorded('get-instance-200-step-error');
  const named = JSON.parse(
    JSON.stringify(body).replace(
      'Roll back payments-api on elevated 5xx',
      `uses ${TEST_SECRETS.DD_APP_KEY} & ${TEST_SECRETS.SLACK_BOT_TOKEN}`,
    ),
  );
  const wf = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
  const run = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
  datadog.script(instancePath({ workflowId: wf, instanceId: run }), { body: named });
  const link = `https://app.datadoghq.com/workflow/${wf}?instance=${run}`;
  expect((await postSignedEvent(eventsUrl, linkShared('Ev0SECRETS', [link]))).status).toBe(200);
  const [call] = await slack.apiCallsTo('chat.unfurl');
  const serialized = expectNoSecret(call!.body);
  expect(serialized).toContain(`uses ${SECRET_MASK} &amp; ${SECRET_MASK}`);
});
