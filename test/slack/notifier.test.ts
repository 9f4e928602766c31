import type { Follow, LiveMessage } from '../../src/core/follows';
import type { RunOutcome } from '../../src/core/outcomes';
import { SlackNotifier } from '../../src/slack/notifier';
import { FIXED_NOW, sampleRun } from '../support/fakeSource';
import { CANCELED_REF } from '../support/fixtures';
import { RecordingLog } from '../support/recordingLog';
import { type SlackStandIn, startSlackStandIn, webClientOn } from '../support/slackStandIn';

/** The Notifier port against a loopback Slack Web API: what it sends, and false (logged) when Slack refuses. */

const RUN = { ...CANCELED_REF, site: 'datadoghq.com' as const };
const ENDED: RunOutcome = { ref: CANCELED_REF, result: { ok: true, value: sampleRun(CANCELED_REF) }, at: FIXED_NOW };

let slack: SlackStandIn;
let log: RecordingLog;
let notifier: SlackNotifier;
beforeEach(async () => {
  slack = await startSlackStandIn();
  log = new RecordingLog();
  notifier = new SlackNotifier(webClientOn(slack, 'xoxb-notifier-test'), log);
});
afterEach(() => slack.close());

const follow = (userId: string): Follow => ({ userId, run: RUN, channelId: 'C0INCIDENT', createdAt: 0 });

test('a run that ended is a DM: chat.postMessage to the follower user ID, with text and blocks', async () => {
  expect(await notifier.runEnded(follow('U0FOLLOWER'), ENDED)).toBe(true);
  const [dm] = slack.postedTo('U0FOLLOWER');
  expect(typeof dm?.body.text).toBe('string');
  expect(String(dm?.body.blocks)).toContain('<#C0INCIDENT>');
});

test('a watch that expired is a DM too', async () => {
  expect(await notifier.watchExpired(follow('U0EXPIRED'), 86_400_000, undefined)).toBe(true);
  expect(slack.postedTo('U0EXPIRED')).toHaveLength(1);
});

test('Slack refusing the post gives false and a warning naming the channel, not a throw', async () => {
  expect(await notifier.runEnded(follow('C0NOTJOINED'), ENDED)).toBe(false);
  expect(log.events).toContainEqual({
    level: 'warn',
    message: 'chat.postMessage failed',
    fields: { channel: 'C0NOTJOINED', error: expect.stringContaining('not_in_channel') },
  });
});

test('a live message is updated in place: chat.update with its channel and ts', async () => {
  const message: LiveMessage = {
    run: RUN,
    channelId: 'C0LIVE',
    ts: '1700000000.000100',
    sharedBy: 'U0SHARER',
    createdAt: 0,
  };
  expect(await notifier.updateLive(message, 'final', ENDED)).toBe(true);
  const [update] = slack.apiCalls('chat.update');
  expect(update?.body).toMatchObject({ channel: 'C0LIVE', ts: '1700000000.000100' });
  expect(typeof update?.body.blocks).toBe('string');
});

test('Slack unreachable for chat.update gives false and a warning', async () => {
  await slack.close();
  const message: LiveMessage = { run: RUN, channelId: 'C0GONE', ts: '1.2', sharedBy: 'U0SHARER', createdAt: 0 };
  expect(await notifier.updateLive(message, 'running', undefined)).toBe(false);
  expect(log.events).toContainEqual(expect.objectContaining({ level: 'warn', message: 'chat.update failed' }));
  slack = await startSlackStandIn();
});
