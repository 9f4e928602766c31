import { CANCELED_REF, instancePath, lookupPaths, recorded } from '../support/fixtures';
import { metricSample } from '../support/metricsText';
import { useBotUnderTest } from '../support/runningBot';
import { command } from '../support/slackUser';

/** The road's order seen from outside: signed commands in, /metrics read; cache hits are lookups, not Datadog requests. */

const LOOKUPS = 5;

const bot = useBotUnderTest({ CACHE_FINISHED_TTL_MS: '600000' });

test(`${LOOKUPS} lookups of one ended run: ${LOOKUPS} lookups counted, 1 Datadog request made and counted`, async () => {
  const { datadog } = bot();
  datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  for (let i = 0; i < LOOKUPS; i++) {
    const reply = await command(bot(), `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
    expect(JSON.stringify(reply)).toContain(CANCELED_REF.instanceId);
  }
  const text = await (await fetch(`http://127.0.0.1:${bot().bot.port}/metrics`)).text();
  expect(metricSample(text, 'dd_instance_lookups_total{entry_point="command",kind="lookup",outcome="found"}')).toBe(
    LOOKUPS,
  );
  // The run once, and its workflow's history list once (cached a minute), whatever the number of lookups.
  expect(lookupPaths(datadog.requests)).toEqual([instancePath(CANCELED_REF)]);
  expect(datadog.requests).toHaveLength(2);
  expect(
    metricSample(text, 'dd_instance_datadog_request_duration_seconds_count{method="get_instance",status="200"}'),
  ).toBe(1);
  expect(
    metricSample(text, 'dd_instance_datadog_request_duration_seconds_count{method="list_instances",status="200"}'),
  ).toBe(1);
});
