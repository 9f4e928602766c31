import { CANCELED_REF, instancePath, lookupPaths, OTHER_REF, recorded } from '../support/fixtures';
import { TEST_SECRETS, useBotUnderTest } from '../support/runningBot';
import { HOSTILE, hugeRunBody } from '../support/runs';
import { postSigned, slashCommand } from '../support/signedRequest';
import { command } from '../support/slackUser';

const bot = useBotUnderTest();
let rawCount = 0;

const canceledBody = () => recorded('get-instance-200-canceled').body;

/** A lookup's reply, which must also be ephemeral and show no HTML or stack trace. */
async function lookUp(text: string) {
  const reply = await command(bot(), text);
  expect(reply.response_type).toBe('ephemeral');
  const serialized = JSON.stringify(reply);
  expect(serialized).not.toMatch(/<html|at \w+ \(|Error:/i);
  return { reply, serialized };
}

test('looks up the recorded canceled run and replies ephemerally', async () => {
  bot().datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await lookUp(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  expect(serialized).toContain('Canceled');
  expect(serialized).toContain('Max Gale (manual)');
  expect(serialized).toContain(
    `https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`,
  );
  expect(
    bot().logs.some((line) =>
      /lookup .*user=U0ONCALL channel=C0INCIDENT workflow=ccf7\S+ instance=305a\S+ outcome=found:CANCELED latency_ms=\d+/.test(
        line,
      ),
    ),
  ).toBe(true);
  for (const secret of Object.values(TEST_SECRETS)) expect(bot().logs.join('\n')).not.toContain(secret);
});

test('a pasted run link in Slack form works too', async () => {
  bot().datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await lookUp(
    `<https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}|run>`,
  );
  expect(serialized).toContain('Canceled');
});

test('IDs in the wrong order are found by trying the other order', async () => {
  bot().datadog.script(
    instancePath({ workflowId: CANCELED_REF.instanceId, instanceId: CANCELED_REF.workflowId }),
    recorded('get-instance-404-workflow-not-found'),
  );
  bot().datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const { serialized } = await lookUp(`${CANCELED_REF.instanceId} ${CANCELED_REF.workflowId}`);
  expect(serialized).toContain('Canceled');
  expect(lookupPaths(bot().datadog.requests)).toHaveLength(2);
});

test.each([
  ['nothing', '', /How to use dd-instance/],
  ['help', 'help', /How to use dd-instance/],
  ['junk', 'why is it broken', /“why”, “is”, “it” and “broken” are not workflow or instance IDs/],
  [
    'a truncated ID',
    `${CANCELED_REF.workflowId.slice(0, 30)} ${CANCELED_REF.instanceId}`,
    /is not a workflow or instance ID/,
  ],
  ['hostile words', '<!channel> <@U0ADMIN>', /“!channel” and “@U0ADMIN” are not workflow or instance IDs/],
])('%s gets usage and never reaches Datadog', async (_name, text, expected) => {
  const { serialized } = await lookUp(text);
  expect(serialized).toMatch(expected);
  expect(serialized).not.toContain('<!channel>');
  expect(bot().datadog.requests).toHaveLength(0);
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
  bot().datadog.script(instancePath(OTHER_REF), reply);
  const { serialized } = await lookUp(`workflow ${OTHER_REF.workflowId} instance ${OTHER_REF.instanceId}`);
  expect(serialized).toMatch(expected);
});

test('the ack does not wait for Datadog', async () => {
  bot().datadog.script(instancePath(CANCELED_REF), { delayMs: 400, body: canceledBody() });
  const name = `raw-command-${++rawCount}`;
  const ack = await postSigned(
    bot().eventsUrl,
    slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, bot().slack.responseUrl(name)),
  );
  expect(ack.status).toBe(200);
  // Ordering, not timing: when the ack is back, Datadog has not answered yet, so no reply exists.
  expect(bot().slack.posts.filter((post) => post.path.endsWith(name))).toHaveLength(0);
  const [reply] = await bot().slack.repliesTo(name);
  expect(JSON.stringify(reply)).toContain('Canceled');
});

test('the worst body Datadog could send still fits and stays escaped', async () => {
  bot().datadog.script(instancePath(CANCELED_REF), { body: hugeRunBody() });
  const { serialized } = await lookUp(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  expect(serialized).toContain('&lt;!channel&gt;');
  expect(HOSTILE).toContain('<!channel>');
});

test('a reply Slack refuses is logged, and the app keeps answering', async () => {
  bot().slack.failResponses(404);
  bot().datadog.script(instancePath(CANCELED_REF), { body: canceledBody() });
  const name = `raw-command-${++rawCount}`;
  await postSigned(
    bot().eventsUrl,
    slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, bot().slack.responseUrl(name)),
  );
  await bot().slack.repliesTo(name);
  bot().slack.failResponses(undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(bot().logs.some((line) => line.includes('reply not delivered'))).toBe(true);
  const { serialized } = await lookUp('help');
  expect(serialized).toContain('How to use');
});

test('a run link for another Datadog site is named as such, and not sent to this one', async () => {
  const { serialized, reply } = await lookUp(
    `https://app.datadoghq.eu/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`,
  );
  expect(serialized).toContain('This link is for *datadoghq.eu*, but the bot reads *datadoghq.com*');
  expect(String(reply.text)).toContain('This link is for datadoghq.eu, but the bot reads datadoghq.com');
  expect(bot().datadog.requests).toHaveLength(0);
});
