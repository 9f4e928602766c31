import { blockKitProblems } from '../../src/render/limits';
import { runButtonValue } from '../../src/render/runButtonValue';
import { HOME_STOP_FOLLOWING_ACTION, RUN_ACTIONS } from '../../src/render/slackIds';
import { blockActions, buttonOf } from '../support/blockActions';
import { RUNNING_REF } from '../support/follows';
import { type BotUnderTest, useBotUnderTest, withBotUnderTest } from '../support/runningBot';
import { appHomeOpened, postSigned, postSignedEvent } from '../support/signedRequest';
import { click, command } from '../support/slackUser';

/** App Home end to end: a signed app_home_opened event to the running app, views.publish captured at the Slack stand-in. */

const harness = useBotUnderTest();

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED_RUN = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const MISSING_RUN = 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b';

/** Opens Home as `user` and returns the view published for it. */
async function openHome(eventId: string, user: string, bot: BotUnderTest = harness()) {
  const { eventsUrl, slack } = bot;
  const before = slack.publishedViews().length;
  expect((await postSignedEvent(eventsUrl, appHomeOpened(eventId, user))).status).toBe(200);
  await slack.apiCallsTo('views.publish', before + 1);
  const published = slack.publishedViews()[before]!;
  expect(published.user_id).toBe(user);
  expect(published.view.type).toBe('home');
  expect(blockKitProblems(published.view, 'home')).toEqual([]);
  return JSON.stringify(published.view);
}

test('Home shows how to use the bot, its site, a passing health check, an empty list of followed runs, and the user’s last lookups', async () => {
  await command(harness(), `${WF} ${MISSING_RUN}`);
  await command(harness(), `${WF} ${FAILED_RUN}`);
  harness().datadog.reset();
  const view = await openHome('Ev0HOME1', 'U0ONCALL');
  expect(view).toContain('/dd-instance <workflow_id> <instance_id>');
  expect(view).toContain('Look up Datadog run');
  expect(view).toContain('datadoghq.com');
  expect(view).toContain(':white_check_mark: *Reachable*: Datadog answered');
  expect(view).toContain(':white_check_mark: *DD_API_KEY*: valid');
  expect(view).toContain(':white_check_mark: *DD_APP_KEY*: valid, with `workflows_read`');
  expect(view).toContain('You follow no runs.');
  // Newest first: the failed run, then the one Datadog did not know.
  const failedAt = view.indexOf(FAILED_RUN);
  const missingAt = view.indexOf(MISSING_RUN);
  expect(failedAt).toBeGreaterThan(0);
  expect(missingAt).toBeGreaterThan(failedAt);
  expect(view).toContain('Roll back payments-api on elevated 5xx');
  expect(view).toContain('Run not found');
  // The check is live: Home asked Datadog now.
  expect(harness().datadog.requests.map((request) => request.path)).toEqual([
    '/api/v1/validate',
    '/api/v2/workflows/00000000-0000-0000-0000-000000000000',
  ]);
});

test('another user’s Home lists none of those lookups', async () => {
  const view = await openHome('Ev0HOME2', 'U0SOMEONE');
  expect(view).toContain('No lookups yet');
  expect(view).not.toContain(FAILED_RUN);
});

test('keys Datadog refuses show in Home as the failing part', async () => {
  // A bot of its own: the shared one shows the check it made in the first test for 30 s.
  await withBotUnderTest({}, async (bot) => {
    bot.datadog.script('/api/v1/validate', { status: 403, body: { errors: ['Forbidden'] } });
    const view = await openHome('Ev0HOME3', 'U0ONCALL', bot);
    expect(view).toContain(':x: *DD_API_KEY*: refused (HTTP 403)');
    expect(view).toContain(':fast_forward: *DD_APP_KEY*: not checked');
    expect(view).not.toContain('dd-api-key-never-shown');
  });
});

test('a followed run is listed with a Stop button; Stop ends the follow and publishes Home again without it', async () => {
  const { eventsUrl, slack } = harness();
  const value = runButtonValue(RUNNING_REF, 'datadoghq.com');
  const follow = await click(harness(), RUN_ACTIONS.follow, value, { userId: 'U0HOMEUSER' });
  expect(JSON.stringify(follow)).toContain('You will get a DM');

  const listed = await openHome('Ev0HOME4', 'U0HOMEUSER');
  expect(listed).toContain(RUNNING_REF.instanceId);
  expect(listed).toContain('in <#C0INCIDENT>');
  const stop = buttonOf(JSON.parse(listed), HOME_STOP_FOLLOWING_ACTION);
  expect(stop?.value).toBe(value);

  const before = slack.publishedViews().length;
  const stopInHome = blockActions({
    actionId: HOME_STOP_FOLLOWING_ACTION,
    value: stop?.value,
    responseUrl: 'home',
    userId: 'U0HOMEUSER',
  });
  expect((await postSigned(eventsUrl, stopInHome)).status).toBe(200);
  await slack.apiCallsTo('views.publish', before + 1);
  const republished = slack.publishedViews()[before]!;
  expect(republished.user_id).toBe('U0HOMEUSER');
  expect(blockKitProblems(republished.view, 'home')).toEqual([]);
  expect(JSON.stringify(republished.view)).toContain('You follow no runs.');
  expect(JSON.stringify(republished.view)).not.toContain(RUNNING_REF.instanceId);
});

test('a damaged Stop value stops nothing, and Home is published again as it stands', async () => {
  const { eventsUrl, slack } = harness();
  const before = slack.publishedViews().length;
  const stopInHome = blockActions({
    actionId: HOME_STOP_FOLLOWING_ACTION,
    value: 'not|a|run',
    responseUrl: 'home',
    userId: 'U0HOMEUSER',
  });
  expect((await postSigned(eventsUrl, stopInHome)).status).toBe(200);
  await slack.apiCallsTo('views.publish', before + 1);
  expect(blockKitProblems(slack.publishedViews()[before]!.view, 'home')).toEqual([]);
  expect(harness().logs.some((line) => line.includes('button value rejected'))).toBe(true);
});
