import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { withBotProcess } from './support/botProcess';
import { startedPort } from './support/child';
import { CANCELED_REF, instancePath, recorded } from './support/fixtures';
import { LOOPBACK_REPLIES } from './support/runningBot';
import { postSigned, slashCommand } from './support/signedRequest';

/** SIGTERM while lookups wait on a slow Datadog: every acked request still gets its one reply, and the process exits. */

const SLOW = 20;
/** Twenty runs, so single flight cannot fold them into one Datadog request. */
const SLOW_REFS = Array.from({ length: SLOW }, (_, i) => ({
  workflowId: CANCELED_REF.workflowId,
  instanceId: `5a0e0000-71ab-4ce8-8f8d-${String(i).padStart(12, '0')}`,
}));

test('SIGTERM with 20 lookups waiting on a Datadog that does not answer: 20 "restarting" replies, the quick one answered, exit', async () => {
  const datadog = await startSampleDatadog();
  // Slower than the whole shutdown: these never answer.
  for (const ref of SLOW_REFS) datadog.script(instancePath(ref), { hang: true });
  datadog.script(instancePath(CANCELED_REF), { delayMs: 300, body: recorded('get-instance-200-canceled').body });
  const env = { ...LOOPBACK_REPLIES, DD_API_URL: datadog.url, DD_MAX_CONCURRENT: '32' };
  try {
    await withBotProcess(env, async (child, slack) => {
      const port = await startedPort(child);
      const events = `http://127.0.0.1:${port}/slack/events`;
      const acks = await Promise.all([
        ...SLOW_REFS.map((ref, i) =>
          postSigned(events, slashCommand(`${ref.workflowId} ${ref.instanceId}`, slack.responseUrl(`slow-${i}`))),
        ),
        postSigned(
          events,
          slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, slack.responseUrl('quick')),
        ),
      ]);
      expect(acks.map((ack) => ack.status)).toEqual(Array(SLOW + 1).fill(200));
      // Every lookup is under way at Datadog before the signal (bounded: a failure here must not leave the child).
      const slowPaths = new Set(SLOW_REFS.map(instancePath));
      for (let wait = 0; wait < 250; wait++) {
        if (datadog.requests.filter((request) => slowPaths.has(request.path)).length >= SLOW) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(datadog.requests.filter((request) => slowPaths.has(request.path))).toHaveLength(SLOW);
      const signalled = Date.now();
      child.process.kill('SIGTERM');
      const replies = await Promise.all(Array.from({ length: SLOW }, (_, i) => slack.repliesTo(`slow-${i}`, 1, 9000)));
      const [quick] = await slack.repliesTo('quick');
      const exit = await child.exited;
      const exitedAfterMs = Date.now() - signalled;
      for (const [reply] of replies) expect(JSON.stringify(reply)).toContain('dd-instance is restarting, try again');
      expect(JSON.stringify(quick)).toContain('Canceled');
      // One reply per request, none twice.
      expect(slack.posts.filter((post) => post.path.startsWith('/respond/'))).toHaveLength(SLOW + 1);
      expect(exit.code).toBe(0);
      // Not a timing assertion: a guard that the process did not hang (it exits in about 4 s).
      expect(exitedAfterMs).toBeLessThan(10_000);
    });
  } finally {
    await datadog.close();
  }
}, 30_000);
