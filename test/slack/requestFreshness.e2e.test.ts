import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { removeKeys, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { type BotUnderTest, startBotUnderTest, useBotUnderTest, withBotUnderTest } from '../support/runningBot';
import { appHomeOpened, postSigned, postSignedEvent, slashCommand } from '../support/signedRequest';
import { throwawayRedis } from '../support/throwawayRedis';

/** Signed requests are served fresh and once: stamps from the future refused, a replayed signature not served again. */
jest.setTimeout(30_000);

const underTest = useBotUnderTest();
let harness: BotUnderTest;
let names = 0;

beforeEach(() => {
  harness = underTest();
  harness.datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const lookupAt = (name: string) =>
  slashCommand(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`, harness.slack.responseUrl(name));
const repliesSoFar = (name: string) => harness.slack.posts.filter((post) => post.path.endsWith(`/${name}`)).length;
const instanceRequests = () =>
  harness.datadog.requests.filter((request) => request.path === instancePath(CANCELED_REF)).length;
const linesWith = (text: string) => harness.logs.filter((line) => line.includes(text));

test('the same signed slash command sent twice is served once; the replay gets an empty 200', async () => {
  const name = `replay-${++names}`;
  const timestamp = nowSeconds();
  expect((await postSigned(harness.eventsUrl, lookupAt(name), { timestamp })).status).toBe(200);
  await harness.slack.repliesTo(name);
  const replay = await postSigned(harness.eventsUrl, lookupAt(name), { timestamp });
  expect(replay).toMatchObject({ status: 200, body: '' });
  // The replay is turned away before its ack, so by now it would have been handed to the listener.
  const refusals = linesWith('not served again');
  expect(refusals).toHaveLength(1);
  expect(refusals[0]).toMatch(/WARN/);
  expect(refusals[0]).not.toContain('v0=');
  expect(repliesSoFar(name)).toBe(1);
  expect(instanceRequests()).toBe(1);
});

test('a Slack retry (the same body signed anew with a later stamp) is served like the first delivery', async () => {
  const name = `retry-${++names}`;
  const timestamp = nowSeconds();
  await postSigned(harness.eventsUrl, lookupAt(name), { timestamp });
  expect((await postSigned(harness.eventsUrl, lookupAt(name), { timestamp: timestamp + 1 })).status).toBe(200);
  // Two replies: the lookups may share one Datadog request (single flight), but each delivery is answered.
  expect(await harness.slack.repliesTo(name, 2)).toHaveLength(2);
});

test.each([
  ['10 minutes', 10 * 60],
  ['a year', 365 * 24 * 60 * 60],
])('a slash command stamped %s ahead is refused 401 and not served', async (_ahead, seconds) => {
  const name = `ahead-${++names}`;
  const before = linesWith('stamped more than 5 minutes ahead').length;
  const response = await postSigned(harness.eventsUrl, lookupAt(name), { timestamp: nowSeconds() + seconds });
  expect(response).toMatchObject({ status: 401, body: '' });
  const refusals = linesWith('stamped more than 5 minutes ahead');
  expect(refusals).toHaveLength(before + 1);
  expect(refusals.at(-1)).toMatch(/WARN/);
  expect(refusals.at(-1)).not.toContain('v0=');
  expect(repliesSoFar(name)).toBe(0);
  expect(instanceRequests()).toBe(0);
});

test('an event stamped 10 minutes ahead is refused 401 before Bolt acks it: Home is not published', async () => {
  const published = harness.slack.publishedViews().length;
  const response = await postSignedEvent(harness.eventsUrl, appHomeOpened(`Ev0AHEAD${++names}`), {
    timestamp: nowSeconds() + 10 * 60,
  });
  expect(response.status).toBe(401);
  expect(harness.slack.publishedViews()).toHaveLength(published);
});

test('a slash command stamped 4 minutes ahead is served: clocks may differ a little', async () => {
  const name = `skew-${++names}`;
  expect((await postSigned(harness.eventsUrl, lookupAt(name), { timestamp: nowSeconds() + 4 * 60 })).status).toBe(200);
  const [reply] = await harness.slack.repliesTo(name);
  expect(JSON.stringify(reply)).toContain('Canceled');
});

test('two bots on one Redis: the same signed request sent to both at once is served by one', async () => {
  await requireRedis();
  const prefix = uniquePrefix('signatures');
  const fleet = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
  const bots = [await startBotUnderTest(fleet), await startBotUnderTest(fleet)];
  try {
    const name = `fleet-${++names}`;
    const form = lookupAt(name);
    const timestamp = nowSeconds();
    const acks = await Promise.all(bots.map((bot) => postSigned(bot.eventsUrl, form, { timestamp })));
    expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
    await harness.slack.repliesTo(name);
    const turnedAway = bots.map((bot) => bot.logs.filter((line) => line.includes('not served again')).length);
    expect(turnedAway.sort()).toEqual([0, 1]);
    expect(repliesSoFar(name)).toBe(1);
  } finally {
    await Promise.all(bots.map((bot) => bot.close()));
    await removeKeys(prefix);
  }
});

test('with the store gone mid-run, a signed request is still served, its signature claimed in this process', async () => {
  const redis = await throwawayRedis();
  await redis.start();
  try {
    await withBotUnderTest({ REDIS_URL: redis.url }, async (bot) => {
      await redis.kill();
      const name = `storeless-${++names}`;
      expect((await postSigned(bot.eventsUrl, lookupAt(name))).status).toBe(200);
      await harness.slack.repliesTo(name);
      expect(bot.logs.some((line) => line.includes('event claimed in this process only'))).toBe(true);
    });
  } finally {
    await redis.kill();
  }
});
