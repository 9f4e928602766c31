import { blockKitProblems } from '../../src/render/limits';
import { logLine } from '../support/logs';
import { withBotUnderTest } from '../support/runningBot';
import { appHomeOpened, postSignedEvent } from '../support/signedRequest';

/** App Home under load, end to end: each event once, one Datadog health check per 30 s, openings rate-limited. */

const HEALTH_CHECK = ['/api/v1/validate', '/api/v2/workflows/00000000-0000-0000-0000-000000000000'];

test('one Home opening delivered three times (Slack’s retries) is published once, after one health check', () =>
  withBotUnderTest({}, async ({ eventsUrl, slack, datadog, logs }) => {
    const deliveries = [undefined, 1, 2].map((retryNum) =>
      postSignedEvent(eventsUrl, appHomeOpened('Ev0HOMEONCE', 'U0ONCALL'), { retryNum }),
    );
    expect((await Promise.all(deliveries)).map((answer) => answer.status)).toEqual([200, 200, 200]);
    await slack.apiCallsTo('views.publish');
    for (const retry of [1, 2]) await logLine(logs, new RegExp(`app_home_opened already handled.* retry=${retry}`));
    expect(slack.publishedViews()).toHaveLength(1);
    expect(datadog.requests.map((request) => request.path)).toEqual(HEALTH_CHECK);
  }));

test('fifty users opening Home at once get fifty views and cost Datadog one health check', () =>
  withBotUnderTest({}, async ({ eventsUrl, slack, datadog }) => {
    const users = Array.from({ length: 50 }, (_, i) => `U0HOME${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(
      users.map((user, i) => postSignedEvent(eventsUrl, appHomeOpened(`Ev0FIFTY${i}`, user))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await slack.apiCallsTo('views.publish', 50, 30_000);
    const published = slack.publishedViews().map((view) => view.user_id);
    expect(published.sort()).toEqual(users);
    expect(datadog.requests.map((request) => request.path)).toEqual(HEALTH_CHECK);
    for (const { view } of slack.publishedViews()) {
      expect(JSON.stringify(view)).toContain(':white_check_mark: *DD_API_KEY*: valid');
      expect(blockKitProblems(view, 'home')).toEqual([]);
    }
  }));

test('Home openings count toward RATE_LIMIT_PER_MINUTE: past it the tab says so and shows no data', () =>
  withBotUnderTest({ RATE_LIMIT_PER_MINUTE: '2' }, async ({ eventsUrl, slack }) => {
    // The openings may straddle a minute's turn; five put at least three in one minute.
    for (let i = 0; i < 5; i++) {
      expect((await postSignedEvent(eventsUrl, appHomeOpened(`Ev0LIMIT${i}`, 'U0BUSY'))).status).toBe(200);
      await slack.apiCallsTo('views.publish', i + 1);
    }
    const views = slack.publishedViews().map(({ view }) => view);
    const limited = views.filter((view) => JSON.stringify(view).includes('Too many lookups'));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const view of limited) {
      expect(JSON.stringify(view)).toContain('Wait a minute and try again.');
      expect(JSON.stringify(view)).not.toContain('Datadog connection');
      expect(blockKitProblems(view, 'home')).toEqual([]);
    }
  }));
