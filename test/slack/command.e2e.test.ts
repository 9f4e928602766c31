import { blockKitProblems } from '../../src/render/limits';
import { CANCELED_REF, instancePath, OTHER_REF, recorded } from '../support/fixtures';
import { type BotUnderTest, startBotUnderTest, TEST_SECRETS } from '../support/runningBot';
import { HOSTILE, hugeRunBody } from '../support/runs';
import { postSigned, slashCommand } from '../support/signedRequest';

let harness: BotUnderTest;
let replyCount = 0;

beforeAll(async () => {
  harness = await startBotUnderTest();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => harness.datadog.reset());

const canceledBody = () => recorded('get-instance-200-canceled').body;

/** Sends `/dd-instance <text>` signed, checks the ack, and returns the one reply captured at response_url. */
async function command(text: string) {
  const name = `command-${++replyCount}`;
  const ack = await postSigned(harness.eventsUrl, slashCommand(text, harness.slack.responseUrl(name)));
  expect(ack.status).toBe(200);
  expect(ack.body).toBe('');
  const [reply] = await harness.slack.repliesTo(name);
  expect(blockKitProblems(reply!)).toEqual([]);
  expect(reply!.response_type).toBe('ephemeral');
  const serialized = JSON.stringify(reply);
  for (const secret of Object.values(TEST_SECRETS)) expect(serialized).not.toContain(secret);
  expect(serialized).not.toMatch(/<html|at \w+ \(|Error:/i);
  return { reply: reply!, serialized };
}

test('looks up the recorded canceled run and replies ephemerally', async () => {
  harness.datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await command(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  expect(serialized).toContain('Canceled');
  expect(serialized).toContain('Max Gale (manual)');
  expect(serialized).toContain(
    `https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`,
  );
  expect(
    harness.logs.some((line) =>
      /lookup .*user=U0ONCALL channel=C0INCIDENT workflow=ccf7\S+ instance=305a\S+ outcome=found:CANCELED latency_ms=\d+/.test(
        line,
      ),
    ),
  ).toBe(true);
  for (const secret of Object.values(TEST_SECRETS)) expect(harness.logs.join('\n')).not.toContain(secret);
});

test('a pasted run link in Slack form works too', async () => {
  harness.datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await command(
    `<https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}|run>`,
  );
  expect(serialized).toContain('Canceled');
});

test('IDs in the wrong order are found by trying the other order', async () => {
  harness.datadog.script(
    instancePath({ workflowId: CANCELED_REF.instanceId, instanceId: CANCELED_REF.workflowId }),
    recorded('get-instance-404-workflow-not-found'),
  );
  harness.datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await command(`${CANCELED_REF.instanceId} ${CANCELED_REF.workflowId}`);
  expect(serialized).toContain('Canceled');
  expect(harness.datadog.requests).toHaveLength(2);
});

test.each([
  ['nothing', '', /How to use dd-instance/],
  ['help', 'help', /How to use dd-instance/],
  ['junk', 'why is it broken', /“why” is not a workflow or instance ID/],
  [
    'a truncated ID',
    `${CANCELED_REF.workflowId.slice(0, 30)} ${CANCELED_REF.instanceId}`,
    /is not a workflow or instance ID/,
  ],
  ['hostile words', '<!channel> <@U0ADMIN>', /“!channel” is not a workflow or instance ID/],
])('%s gets usage and never reaches Datadog', async (_name, text, expected) => {
  const { serialized } = await command(text);
  expect(serialized).toMatch(expected);
  expect(serialized).not.toContain('<!channel>');
  expect(harness.datadog.requests).toHaveLength(0);
});

test.each([
  [
    'workflow not found',
    recorded('get-instance-404-workflow-not-found'),
    /Workflow not found.*datadoghq\.com.*DD_SITE/,
  ],
  ['instance not found', recorded('cancel-instance-404-instance-not-found'), /Run not found.*try again shortly/],
  ['forbidden', { status: 403, body: { errors: ['Forbidden'] } }, /workflows_read/],
  [
    'rate limited',
    { status: 429, headers: { 'x-ratelimit-reset': '30' }, body: { errors: ['Too many requests'] } },
    /Try again in 30 seconds/,
  ],
  [
    'Datadog down with HTML',
    { status: 503, raw: '<html><body><h1>503 Service Unavailable</h1></body></html>' },
    /HTTP 503.*Try again in a minute/,
  ],
  ['not JSON', { raw: 'definitely not json' }, /cannot read.*did not answer with JSON/],
  ['hanging', { hang: true }, /did not answer in time/],
])('%s gets its own clear reply', async (_name, reply, expected) => {
  harness.datadog.script(instancePath(OTHER_REF), reply);
  const { serialized } = await command(`workflow ${OTHER_REF.workflowId} instance ${OTHER_REF.instanceId}`);
  expect(serialized).toMatch(expected);
});

test('the ack does not wait for Datadog', async () => {
  harness.datadog.script(instancePath(CANCELED_REF), { delayMs: 400, body: canceledBody() });
  const name = `command-${++replyCount}`;
  const ack = await postSigned(
    harness.eventsUrl,
    slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, harness.slack.responseUrl(name)),
  );
  expect(ack.status).toBe(200);
  // Ordering, not timing: when the ack is back, Datadog has not answered yet, so no reply exists.
  expect(harness.slack.posts.filter((post) => post.path.endsWith(name))).toHaveLength(0);
  const [reply] = await harness.slack.repliesTo(name);
  expect(JSON.stringify(reply)).toContain('Canceled');
});

test('the worst body Datadog could send still fits and stays escaped', async () => {
  harness.datadog.script(instancePath(CANCELED_REF), { body: hugeRunBody() });
  const { serialized } = await command(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  expect(serialized).toContain('&lt;!channel&gt;');
  expect(HOSTILE).toContain('<!channel>');
});

test('a reply Slack refuses is logged, and the app keeps answering', async () => {
  harness.slack.failResponses(404);
  harness.datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const name = `command-${++replyCount}`;
  await postSigned(
    harness.eventsUrl,
    slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, harness.slack.responseUrl(name)),
  );
  await harness.slack.repliesTo(name);
  harness.slack.failResponses(undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(harness.logs.some((line) => line.includes('reply not delivered'))).toBe(true);
  const { serialized } = await command('help');
  expect(serialized).toContain('How to use');
});

test('a run link for another Datadog site is named as such, and not sent to this one', async () => {
  const { serialized, reply } = await command(
    `https://app.datadoghq.eu/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`,
  );
  expect(serialized).toContain('This link is for *datadoghq.eu*, but the bot reads *datadoghq.com*');
  expect(String(reply.text)).toContain('This link is for datadoghq.eu, but the bot reads datadoghq.com');
  expect(harness.datadog.requests).toHaveLength(0);
});
