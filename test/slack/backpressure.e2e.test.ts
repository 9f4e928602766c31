import { runButtonValue } from '../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { blockActions } from '../support/blockActions';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { metricSample } from '../support/metricsText';
import { useBotUnderTest } from '../support/runningBot';
import { messageShortcut, postSigned, slashCommand } from '../support/signedRequest';

/** REPLY_MAX_PENDING: past it a request is answered "busy" at once, never queued, never dropped. */

// Datadog answers slowly (but within the per-try time), so the first two lookups hold the backlog at its cap.
const bot = useBotUnderTest({ REPLY_MAX_PENDING: '2', DD_TIMEOUT_MS: '8000', DD_DEADLINE_MS: '10000' });
const SLOW_MS = 3000;
const RUN = `${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`;
const BUSY = /dd-instance is busy, try again in a few seconds/;

async function repliesInFlight(): Promise<number | undefined> {
  const answer = await fetch(`http://127.0.0.1:${bot().bot.port}/metrics`);
  return metricSample(await answer.text(), 'dd_instance_replies_in_flight');
}

async function backlogReaches(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await repliesInFlight()) !== count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await repliesInFlight()).toBe(count);
}

test('past the cap a command is answered busy in its ack, a shortcut and a click at their response_url; the rest get their runs', async () => {
  const { eventsUrl, slack, datadog } = bot();
  datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body, delayMs: SLOW_MS });
  for (const name of ['slow-1', 'slow-2']) {
    const ack = await postSigned(eventsUrl, slashCommand(RUN, slack.responseUrl(name)));
    expect(ack).toMatchObject({ status: 200, body: '' });
  }
  await backlogReaches(2);

  const refused = await postSigned(eventsUrl, slashCommand(RUN, slack.responseUrl('over-cap')));
  expect(refused.status).toBe(200);
  const inAck = JSON.parse(refused.body) as { response_type: string; text: string; blocks: unknown[] };
  expect(inAck).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(BUSY) });
  expect(JSON.stringify(inAck.blocks)).toMatch(BUSY);

  const shortcut = await postSigned(eventsUrl, messageShortcut({ text: RUN }, slack.responseUrl('shortcut')));
  expect(shortcut).toMatchObject({ status: 200, body: '' });
  const [shortcutReply] = await slack.repliesTo('shortcut');
  expect(shortcutReply).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(BUSY) });

  const value = runButtonValue(CANCELED_REF, 'datadoghq.com');
  const click = blockActions({ actionId: RUN_ACTIONS.refresh, value, responseUrl: slack.responseUrl('click') });
  expect(await postSigned(eventsUrl, click)).toMatchObject({ status: 200, body: '' });
  const [clickReply] = await slack.repliesTo('click');
  expect(clickReply).toMatchObject({ replace_original: false, text: expect.stringMatching(BUSY) });

  // The busy answers came ahead of the backlog: the slow lookups are still waiting on Datadog.
  expect(slack.posts.filter((post) => post.path.includes('slow-'))).toEqual([]);
  for (const name of ['slow-1', 'slow-2']) {
    const [reply] = await slack.repliesTo(name, 1, 10_000);
    expect(JSON.stringify(reply)).toContain('Canceled');
  }
  await backlogReaches(0);

  const after = await postSigned(eventsUrl, slashCommand(RUN, slack.responseUrl('after')));
  expect(after).toMatchObject({ status: 200, body: '' });
  const [afterReply] = await slack.repliesTo('after', 1, 10_000);
  expect(JSON.stringify(afterReply)).toContain('Canceled');
});
