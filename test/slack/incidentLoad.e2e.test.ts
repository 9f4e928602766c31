import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { useBotUnderTest } from '../support/runningBot';
import { postSigned, slashCommand } from '../support/signedRequest';

/** An incident: many responders ask for the same run at once, and Datadog is asked once. */

// The shipped cache lifetimes (the other e2e tests keep nothing).
const harness = useBotUnderTest({
  CACHE_FINISHED_TTL_MS: '300000',
  CACHE_RUNNING_TTL_MS: '3000',
  CACHE_NOT_FOUND_TTL_MS: '10000',
});

const PATH = instancePath(CANCELED_REF);
const requestsForRun = () => harness().datadog.requests.filter((request) => request.path === PATH).length;

test('40 identical signed commands at once: every one is answered, and Datadog is asked at most twice', async () => {
  const { datadog, slack, eventsUrl } = harness();
  datadog.script(PATH, { delayMs: 200, body: recorded('get-instance-200-canceled').body });
  const text = `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`;
  const acks = await Promise.all(
    Array.from({ length: 40 }, (_, i) => postSigned(eventsUrl, slashCommand(text, slack.responseUrl(`burst-${i}`)))),
  );
  expect(acks.map((ack) => ack.status)).toEqual(Array(40).fill(200));
  const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => slack.repliesTo(`burst-${i}`)));
  for (const [reply] of replies) expect(JSON.stringify(reply)).toContain('Canceled');
  expect(requestsForRun()).toBeGreaterThanOrEqual(1);
  expect(requestsForRun()).toBeLessThanOrEqual(2);
});
