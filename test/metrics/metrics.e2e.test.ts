import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { metricSample } from '../support/metricsText';
import { useBotUnderTest } from '../support/runningBot';
import { command } from '../support/slackUser';

const bot = useBotUnderTest();

async function metrics(): Promise<{ status: number; type: string | null; text: string }> {
  const answer = await fetch(`http://127.0.0.1:${bot().bot.port}/metrics`);
  return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
}

const sample = metricSample;

test('GET /metrics on the same port counts a lookup by entry point and outcome, and times Datadog by status', async () => {
  const before = await metrics();
  expect(before.status).toBe(200);
  expect(before.type).toMatch(/^text\/plain/);
  expect(sample(before.text, 'dd_instance_lookups_total{entry_point="command",kind="lookup",outcome="found"}')).toBe(
    undefined,
  );

  bot().datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  await command(bot(), `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  bot().datadog.script(instancePath(CANCELED_REF), recorded('get-instance-404-workflow-not-found'));
  await command(bot(), `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);

  const { text } = await metrics();
  expect(sample(text, 'dd_instance_lookups_total{entry_point="command",kind="lookup",outcome="found"}')).toBe(1);
  expect(
    sample(text, 'dd_instance_lookups_total{entry_point="command",kind="lookup",outcome="workflow_not_found"}'),
  ).toBe(1);
  expect(sample(text, 'dd_instance_datadog_request_duration_seconds_count{method="get_instance",status="200"}')).toBe(
    1,
  );
  expect(
    sample(text, 'dd_instance_datadog_request_duration_seconds_count{method="get_instance",status="404"}'),
  ).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'dd_instance_replies_in_flight')).toBe(0);
  expect(text).toContain('# TYPE dd_instance_reply_failures_total counter');
  expect(text).toContain('dd_instance_process_cpu_seconds_total');
});

test('a reply Slack refuses is counted', async () => {
  const { slack, datadog } = bot();
  datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  slack.failResponses(404);
  try {
    await command(bot(), `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  } finally {
    slack.failResponses(undefined);
  }
  // The reply was posted and refused; the failure is counted once the listener has seen the refusal.
  for (let tries = 0; tries < 100; tries++) {
    if (sample((await metrics()).text, 'dd_instance_reply_failures_total{via="response_url"}') === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no reply failure counted:\n${(await metrics()).text}`);
});
