import { runButtonValue } from '../../../../src/render/runButtonValue';
import {
  HOME_STOP_FOLLOWING_ACTION,
  OPEN_IN_DATADOG_ACTION,
  RUN_ACTIONS,
  STOP_FOLLOWING_ACTION,
} from '../../../../src/render/slackIds';
import { blockActions } from '../../../support/blockActions';
import { CANCELED_REF, instancePath, recorded } from '../../../support/fixtures';
import { useBotUnderTest } from '../../../support/runningBot';
import { postSigned } from '../../../support/signedRequest';
import { click } from '../../../support/slackUser';

/** The buttons table, end to end: each action ID the bot draws reaches its own listener through the one Bolt listener. */

const harness = useBotUnderTest();

const value = runButtonValue(CANCELED_REF, 'datadoghq.com');
const text = (reply: unknown) => JSON.stringify(reply);

beforeEach(() => {
  harness().datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
});

test('each run button gets its own answer', async () => {
  const bot = harness();
  const [refreshed] = await click(bot, RUN_ACTIONS.refresh, value);
  expect(refreshed).toMatchObject({ replace_original: true });
  expect(text(refreshed)).toContain(CANCELED_REF.instanceId);
  const [viewed] = await click(bot, RUN_ACTIONS.view, value);
  expect(viewed).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  expect(text(viewed)).toContain(CANCELED_REF.instanceId);
  const [shared] = await click(bot, RUN_ACTIONS.share, value, { userId: 'U0SHARER' });
  expect(text(shared)).toContain('Shared by <@U0SHARER>');
  const [followed] = await click(bot, RUN_ACTIONS.follow, value);
  expect(text(followed)).toContain(STOP_FOLLOWING_ACTION);
  const [stopped] = await click(bot, STOP_FOLLOWING_ACTION, value);
  expect(text(stopped)).toMatch(/You (no longer follow|were not following)/);
  await click(bot, RUN_ACTIONS.fullError, value, { replies: 0 });
  // The modal opens at once and is filled in when the run comes.
  expect(await bot.slack.apiCallsTo('views.open')).toHaveLength(1);
  expect(await bot.slack.apiCallsTo('views.update')).toHaveLength(1);
});

test('Stop in App Home publishes Home again; Open in Datadog is only acked', async () => {
  const { slack, eventsUrl } = harness();
  const posted = slack.posts.length;
  const open = blockActions({ actionId: OPEN_IN_DATADOG_ACTION, value, responseUrl: slack.responseUrl('open-link') });
  expect((await postSigned(eventsUrl, open)).status).toBe(200);
  const stop = blockActions({ actionId: HOME_STOP_FOLLOWING_ACTION, value, responseUrl: 'home' });
  expect((await postSigned(eventsUrl, stop)).status).toBe(200);
  await slack.apiCallsTo('views.publish');
  expect(slack.posts.slice(posted).map((post) => post.path)).toEqual(['/api/views.publish']);
});
