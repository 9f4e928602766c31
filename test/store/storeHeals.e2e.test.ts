import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { buttonOf } from '../support/blockActions';
import { eventually, RUNNING_PATH, RUNNING_REF, runStates } from '../support/follows';
import { logLine } from '../support/logs';
import { removeKeys, uniquePrefix } from '../support/redis';
import { type BotUnderTest, startBotUnderTest } from '../support/runningBot';
import { linkShared, postSignedEvent } from '../support/signedRequest';
import { click, command } from '../support/slackUser';
import { type ThrowawayRedis, throwawayRedis } from '../support/throwawayRedis';

/** The follow store heals while the bot runs: Redis down at start then up, Redis killed mid-run, DATA_DIR fixed. */

jest.setTimeout(90_000);

const REDIS_PASSWORD = 'redis-password-never-shown';
const FAST_WATCH = { FOLLOW_POLL_MIN_MS: '100', FOLLOW_POLL_MAX_MS: '200', FOLLOW_LEASE_MS: '1500' };
const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const runLink = (instanceId: string) => `https://app.datadoghq.com/workflow/${WF}?instance=${instanceId}`;
const FAILED_LINK = runLink('a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b');
const SUCCEEDED_LINK = runLink('a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b');

let harness: BotUnderTest | undefined;
let redis: ThrowawayRedis | undefined;
afterEach(async () => {
  await harness?.close();
  await redis?.kill();
  harness = undefined;
  redis = undefined;
});

/** The bot, once Slack has accepted its token: from then on only the store can be what /readyz reports. */
async function startBot(env: Record<string, string>): Promise<BotUnderTest> {
  harness = await startBotUnderTest(env);
  await harness.bot.tokenChecked;
  return harness;
}

async function readyz(bot: BotUnderTest): Promise<{ status: number; store: string }> {
  const answer = await fetch(`http://127.0.0.1:${bot.bot.port}/readyz`);
  const body = (await answer.json()) as { checks: Record<string, string> };
  return { status: answer.status, store: body.checks.store ?? 'missing' };
}

async function storeUpGauge(bot: BotUnderTest): Promise<string | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${bot.bot.port}/metrics`)).text();
  return text.match(/^dd_instance_store_up (\S+)$/m)?.[1];
}

/** Polls /readyz (never a blind sleep) until the store check says ok. */
async function storeComesBack(bot: BotUnderTest, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readyz(bot)).store !== 'ok') {
    if (Date.now() > deadline) throw new Error(`the store did not come back within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Looks the running sample run up and clicks Follow as `userId`; returns the confirmation. */
async function followRunning(bot: BotUnderTest, userId: string): Promise<string> {
  bot.datadog.script(RUNNING_PATH, runStates(bot.datadog).running());
  const reply = await command(bot, `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`);
  const value = buttonOf(reply, RUN_ACTIONS.follow)?.value;
  expect(value).toBeDefined();
  const [confirmation] = await click(bot, RUN_ACTIONS.follow, value, { userId });
  return JSON.stringify(confirmation);
}

/** The run ends; the follower's DM is what tells them. */
async function runEndsAndDms(bot: BotUnderTest, userId: string): Promise<void> {
  bot.datadog.script(RUNNING_PATH, runStates(bot.datadog).stepError());
  await eventually(`a DM to ${userId}`, () => bot.slack.postedTo(userId).length === 1, 20_000);
  expect(String(bot.slack.postedTo(userId)[0]!.body.text)).toContain('Finished');
}

test('Redis down at start, then up: /readyz stays 200 and says so, the gauge follows, and a later follow gets its DM', async () => {
  redis = await throwawayRedis(REDIS_PASSWORD);
  const prefix = uniquePrefix('heals');
  harness = await startBot({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, ...FAST_WATCH });
  const down = await readyz(harness);
  expect(down).toEqual({ status: 200, store: expect.stringMatching(/^Redis unreachable: .*ECONNREFUSED/) });
  expect(down.store).not.toContain(REDIS_PASSWORD);
  expect(await storeUpGauge(harness)).toBe('0');
  expect(await followRunning(harness, 'U0EARLY')).toContain('Following runs is unavailable right now');

  const started = Date.now();
  await redis.start();
  await storeComesBack(harness);
  process.stdout.write(`store heals: Redis back, /readyz ok after ${Date.now() - started} ms\n`);
  expect(await storeUpGauge(harness)).toBe('1');
  expect(await readyz(harness)).toEqual({ status: 200, store: 'ok' });
  expect(harness.logs.filter((line) => line.includes('follow store unavailable'))).toHaveLength(1);
  await logLine(harness.logs, /follow store back store=redis/);

  expect(await followRunning(harness, 'U0LATER')).toContain('You will get a DM');
  await runEndsAndDms(harness, 'U0LATER');
  expect(harness.slack.postedTo('U0EARLY')).toHaveLength(0);
});

test('Redis killed mid-run: unfurls are still sent (claimed in the process), lookups work, and all returns with Redis', async () => {
  redis = await throwawayRedis();
  await redis.start();
  const prefix = uniquePrefix('heals');
  harness = await startBot({
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    UNFURL_ENABLED: '1',
    // The fleet's cache of ended runs is in the lookup's path, as in production.
    CACHE_FINISHED_TTL_MS: '60000',
  });
  expect(await readyz(harness)).toEqual({ status: 200, store: 'ok' });
  expect(await storeUpGauge(harness)).toBe('1');
  const { slack, eventsUrl, logs } = harness;

  await redis.kill();
  // At once, before or after the bot has noticed: a claim that throws and a store marked down both fall back.
  expect((await postSignedEvent(eventsUrl, linkShared('Ev0HEAL1', [FAILED_LINK]))).status).toBe(200);
  await slack.apiCallsTo('chat.unfurl', 1);
  expect(Object.keys(slack.unfurls()[0]!.unfurls)).toEqual([FAILED_LINK]);
  expect(JSON.stringify(slack.unfurls()[0]!.unfurls)).toContain('Failed');
  // Slack's retry of it is still answered once, by this process's own claims.
  await postSignedEvent(eventsUrl, linkShared('Ev0HEAL1', [FAILED_LINK]), { retryNum: 1 });
  await logLine(logs, /link_shared already handled event_id=Ev0HEAL1 retry=1/);
  expect(slack.unfurls()).toHaveLength(1);

  await eventually('the bot notices', () => logs.some((line) => line.includes('follow store unavailable')));
  const down = await readyz(harness);
  expect(down).toEqual({ status: 200, store: expect.stringMatching(/^Redis connection lost/) });
  expect(await storeUpGauge(harness)).toBe('0');
  expect(logs.filter((line) => line.includes('shared run cache'))).toEqual([]);

  await redis.start();
  await storeComesBack(harness);
  expect(await storeUpGauge(harness)).toBe('1');
  expect((await postSignedEvent(eventsUrl, linkShared('Ev0HEAL2', [SUCCEEDED_LINK]))).status).toBe(200);
  await slack.apiCallsTo('chat.unfurl', 2);
  // Back in the fleet: the event is claimed in Redis, and the ended run is shared there.
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    expect(await client.exists(`${prefix}event:Ev0HEAL2`)).toBe(1);
    expect((await client.keys(`${prefix}run:*`)).length).toBeGreaterThanOrEqual(1);
  } finally {
    client.destroy();
  }
  await removeKeys(prefix);
});

test('SQLite with DATA_DIR under a regular file: follows refused, then working once the path is fixed, no restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-instance-heals-'));
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'a file where the data folder should be');
  try {
    harness = await startBot({ DATA_DIR: join(blocker, 'data'), ...FAST_WATCH });
    expect(await readyz(harness)).toEqual({ status: 200, store: expect.stringMatching(/ENOTDIR/) });
    expect(await storeUpGauge(harness)).toBe('0');
    expect(await followRunning(harness, 'U0EARLY')).toContain('Following runs is unavailable right now');

    rmSync(blocker);
    await storeComesBack(harness);
    expect(await storeUpGauge(harness)).toBe('1');
    expect(await followRunning(harness, 'U0LATER')).toContain('You will get a DM');
    await runEndsAndDms(harness, 'U0LATER');
  } finally {
    await harness?.close();
    harness = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
});
