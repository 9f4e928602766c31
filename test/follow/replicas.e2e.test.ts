import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runButtonValue } from '../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { blockActions } from '../support/blockActions';
import { startBotProcess } from '../support/botProcess';
import type { Child } from '../support/child';
import { eventually, RUNNING_PATH, RUNNING_REF, runStates } from '../support/follows';
import { removeKeys, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis';
import { linkShared, postSigned, postSignedEvent } from '../support/signedRequest';
import { type SlackStandIn, startSlackStandIn } from '../support/slackStandIn';

/** Bots as real processes: restarted (SQLite), and two on one Redis with one killed mid-watch. */
jest.setTimeout(60_000);

let datadog: SampleDatadog;
let slack: SlackStandIn;
const children: Child[] = [];
const FOLLOW_VALUE = runButtonValue(RUNNING_REF, 'datadoghq.com');

beforeAll(async () => {
  datadog = await startSampleDatadog();
  slack = await startSlackStandIn();
});
afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all([datadog.close(), slack.close()]);
});
beforeEach(() => datadog.reset());

async function startReplica(env: Record<string, string>): Promise<{ child: Child; eventsUrl: string }> {
  const child = startBotProcess(slack, {
    DD_API_URL: datadog.url,
    FOLLOW_POLL_MIN_MS: '100',
    FOLLOW_POLL_MAX_MS: '200',
    FOLLOW_LEASE_MS: '900',
    // The start-up line is matched as text; a child's stdout is no terminal, so it would log JSON.
    LOG_FORMAT: 'pretty',
    ...env,
  });
  children.push(child);
  const [, port] = await child.waitFor(/dd-instance started .*port=(\d+)/, 20_000);
  return { child, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
}

let clicks = 0;
async function follow(eventsUrl: string, userId: string): Promise<void> {
  const name = `follow-${++clicks}`;
  const responseUrl = slack.responseUrl(name);
  await postSigned(eventsUrl, blockActions({ actionId: RUN_ACTIONS.follow, value: FOLLOW_VALUE, responseUrl, userId }));
  const [reply] = await slack.repliesTo(name);
  expect(JSON.stringify(reply)).toContain('You will get a DM');
}

const count = (child: Child, text: string) => child.output().split(text).length - 1;

test('a follow made before a restart fires after it (SQLite)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-instance-restart-'));
  try {
    const states = runStates(datadog);
    datadog.script(RUNNING_PATH, states.running());
    const first = await startReplica({ DATA_DIR: dataDir });
    await follow(first.eventsUrl, 'U0BEFORE');
    await first.child.waitFor(/watch: poll/);
    first.child.process.kill('SIGTERM');
    expect(await first.child.exited).toMatchObject({ code: 0 });
    expect(slack.postedTo('U0BEFORE')).toHaveLength(0);

    datadog.script(RUNNING_PATH, states.stepError());
    const second = await startReplica({ DATA_DIR: dataDir });
    await second.child.waitFor(/watch: finished/);
    expect(count(second.child, 'watch: lease taken')).toBe(1);
    const dms = slack.postedTo('U0BEFORE');
    expect(dms).toHaveLength(1);
    expect(String(dms[0]!.body.blocks)).toContain('<#C0INCIDENT>');
    second.child.process.kill('SIGTERM');
    await second.child.exited;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('two bots on one Redis: follows on both, the watcher killed with SIGKILL, the other finishes; one DM each', async () => {
  await requireRedis();
  const prefix = uniquePrefix('fleet');
  try {
    const states = runStates(datadog);
    datadog.script(RUNNING_PATH, states.running());
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    const bots = [await startReplica(env), await startReplica(env)];
    const followers = ['U0FLEETA', 'U0FLEETB', 'U0FLEETC', 'U0FLEETD'];
    await follow(bots[0]!.eventsUrl, followers[0]!);
    await follow(bots[1]!.eventsUrl, followers[1]!);
    await follow(bots[0]!.eventsUrl, followers[2]!);
    await follow(bots[1]!.eventsUrl, followers[3]!);
    await eventually('one bot holds the watch', () => bots.some((bot) => bot.child.output().includes('watch: poll')));
    const holder = bots.findIndex((bot) => bot.child.output().includes('watch: lease taken'));
    const [watcher, survivor] = [bots[holder]!, bots[1 - holder]!];
    expect(count(survivor.child, 'watch: poll')).toBe(0);

    watcher.child.process.kill('SIGKILL');
    expect(await watcher.child.exited).toMatchObject({ signal: 'SIGKILL' });
    await survivor.child.waitFor(/watch: lease taken/, 15_000);
    datadog.script(RUNNING_PATH, states.stepError());
    await survivor.child.waitFor(/watch: finished/, 15_000);

    const perFollower = followers.map((userId) => slack.postedTo(userId).length);
    expect(perFollower).toEqual([1, 1, 1, 1]);
    process.stdout.write(`fleet: DMs per follower ${perFollower.join(',')}\n`);
    survivor.child.process.kill('SIGTERM');
    await survivor.child.exited;
  } finally {
    await removeKeys(prefix);
  }
});

test('two bots on one Redis: a Slack event and its retry, delivered to different bots, give one chat.unfurl', async () => {
  await requireRedis();
  const prefix = uniquePrefix('events');
  try {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, UNFURL_ENABLED: '1' };
    const bots = [await startReplica(env), await startReplica(env)];
    const link = `https://app.datadoghq.com/workflow/${RUNNING_REF.workflowId}?instance=${RUNNING_REF.instanceId}`;
    const before = slack.unfurls().length;
    expect((await postSignedEvent(bots[0]!.eventsUrl, linkShared('Ev0FLEET1', [link]))).status).toBe(200);
    await bots[0]!.child.waitFor(/unfurl event_id=Ev0FLEET1/);
    const retry = await postSignedEvent(bots[1]!.eventsUrl, linkShared('Ev0FLEET1', [link]), { retryNum: 1 });
    expect(retry.status).toBe(200);
    await bots[1]!.child.waitFor(/link_shared already handled event_id=Ev0FLEET1 retry=1/);
    await slack.apiCallsTo('chat.unfurl', before + 1);
    expect(slack.unfurls().length - before).toBe(1);
    for (const bot of bots) bot.child.process.kill('SIGTERM');
    await Promise.all(bots.map((bot) => bot.child.exited));
  } finally {
    await removeKeys(prefix);
  }
});

test('a store that cannot be opened is reported at start-up, and follows are refused with a clear reply', async () => {
  const bot = await startReplica({ REDIS_URL: 'redis://127.0.0.1:1' });
  expect(bot.child.output()).toMatch(/follow store unavailable.*store=redis/);
  const name = `follow-${++clicks}`;
  const responseUrl = slack.responseUrl(name);
  await postSigned(
    bot.eventsUrl,
    blockActions({ actionId: RUN_ACTIONS.follow, value: FOLLOW_VALUE, responseUrl, userId: 'U0REFUSED' }),
  );
  const [reply] = await slack.repliesTo(name);
  expect(JSON.stringify(reply)).toContain('Following runs is unavailable right now');
  expect(JSON.stringify(reply)).toContain('Nothing was recorded');
  bot.child.process.kill('SIGTERM');
  await bot.child.exited;
});
