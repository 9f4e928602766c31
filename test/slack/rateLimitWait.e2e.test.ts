import { CANCELED_REF, instancePath, OTHER_REF, recorded } from '../support/fixtures';
import { useBotUnderTest } from '../support/runningBot';
import { postSigned, slashCommand } from '../support/signedRequest';

/** A spent Datadog budget that refills within the lookup's deadline is waited for, through the real HTTP path. */

const harness = useBotUnderTest();

/** Sends `/dd-instance <ref>` signed and returns its one reply, serialized. */
async function lookUp(ref: { workflowId: string; instanceId: string }, name: string): Promise<string> {
  const { eventsUrl, slack } = harness();
  const ack = await postSigned(eventsUrl, slashCommand(`${ref.workflowId} ${ref.instanceId}`, slack.responseUrl(name)));
  expect(ack.status).toBe(200);
  const [reply] = await slack.repliesTo(name);
  return JSON.stringify(reply);
}

test('after a 429 with a 1 s reset on one run, a lookup of another run waits for the reset and is answered with it', async () => {
  const { datadog } = harness();
  datadog.script(instancePath(OTHER_REF), {
    status: 429,
    headers: { 'x-ratelimit-name': 'workflow-instances', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
    body: { errors: ['Too many requests'] },
  });
  datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  // Run A is refused every time: its own retry waits one reset, and its answer comes with the budget spent again.
  expect(await lookUp(OTHER_REF, 'run-a')).toContain('Try again in 1 second, or open the run in Datadog.');
  const runB = await lookUp(CANCELED_REF, 'run-b');
  expect(runB).toContain('Canceled');
  expect(runB).toContain(CANCELED_REF.instanceId);
  expect(datadog.requests.filter((request) => request.path === instancePath(CANCELED_REF))).toHaveLength(1);
});
