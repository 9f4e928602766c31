import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessPolicy, type AccessRules } from '../../src/core/access';
import { FollowRuns, type FollowRunsDeps } from '../../src/core/followRuns';
import {
  type Follow,
  type FollowCaps,
  type FollowStore,
  type LiveMessage,
  StoreDownError,
} from '../../src/core/follows';
import type { ActionEvent } from '../../src/core/ports';
import type { NamedRequester, RefusalReason } from '../../src/core/requester';
import type { SiteRun } from '../../src/core/run';
import { SqliteStore } from '../../src/store/sqliteStore';
import { RecordingLog } from '../support/recordingLog';

/** The follow use cases on a real (SQLite) store, a fixed clock, the real access rules and a recording log. */

const RUN: SiteRun = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
  site: 'datadoghq.com',
};
const OTHER_RUN: SiteRun = { ...RUN, instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67' };
const THIRD_RUN: SiteRun = { ...RUN, instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const FOLLOWER: NamedRequester = { userId: 'U1', channelId: 'C1', teamId: 'T1' };
const NOW = new Date('2026-11-28T03:10:00Z');
const ROOMY: FollowCaps = { perUser: 5, total: 5 };
/** Each use case reads performance.now twice, 7.3 ms apart here: its latency is reported as 7. */
const LATENCY_MS = 7;

const followOf = (userId: string, run: SiteRun, createdAt = NOW.getTime()): Follow => ({
  userId,
  channelId: 'C1',
  run,
  createdAt,
});
const followEvent = (outcome: string, refusal?: RefusalReason): ActionEvent => ({
  kind: 'follow',
  entryPoint: 'follow',
  outcome,
  refusal,
  latencyMs: LATENCY_MS,
  requester: FOLLOWER,
  workflowId: RUN.workflowId,
  instanceId: RUN.instanceId,
});
const unfollowEvent = (outcome: string): ActionEvent => ({
  kind: 'unfollow',
  entryPoint: 'follow',
  outcome,
  refusal: undefined,
  latencyMs: LATENCY_MS,
  requester: { userId: 'U1' },
  workflowId: RUN.workflowId,
  instanceId: RUN.instanceId,
});

const throwingStore = (error: Error) =>
  new Proxy({} as FollowStore, {
    get: () => async () => {
      throw error;
    },
  });
/** Every call fails, as a locked or vanished database would. */
const failingStore = throwingStore(new Error('database is locked'));
/** Every call refused at once, as the HealingStore does while it is down (it has already warned once). */
const downStore = throwingStore(new StoreDownError('the follow store is down: Redis connection lost'));

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-instance-follow-runs-'));
  store = new SqliteStore(dir);
  let reading = 1000;
  jest.spyOn(performance, 'now').mockImplementation(() => {
    reading += 7.3;
    return reading;
  });
});
afterEach(async () => {
  jest.restoreAllMocks();
  jest.useRealTimers();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function followRuns(deps: Partial<FollowRunsDeps> = {}) {
  const log = new RecordingLog();
  const events: ActionEvent[] = [];
  let wakes = 0;
  const follows = new FollowRuns({
    store,
    caps: ROOMY,
    log,
    watcher: { wake: () => wakes++ },
    clock: () => NOW,
    observer: (event) => events.push(event),
    ...deps,
  });
  return { follows, log, events, wakes: () => wakes };
}

describe('follow', () => {
  test('a first follow is stored at the clock time, wakes the watcher, is logged and told to the observer', async () => {
    const { follows, log, events, wakes } = followRuns();
    const outcome = await follows.follow(RUN, FOLLOWER);
    const follow = followOf('U1', RUN);
    expect(outcome).toEqual({ kind: 'following', follow });
    expect(await store.listFollows('U1')).toEqual([follow]);
    expect(await store.watchedRuns()).toEqual([{ run: RUN, since: NOW.getTime() }]);
    expect(wakes()).toBe(1);
    expect(log.events).toEqual([
      { level: 'info', message: 'follow', fields: { user: 'U1', instance: RUN.instanceId, outcome: 'added' } },
    ]);
    expect(events).toEqual([followEvent('following')]);
  });

  test('a follow made without a channel is stored without one', async () => {
    const { follows } = followRuns();
    const outcome = await follows.follow(RUN, { userId: 'U1' });
    expect(outcome).toEqual({ kind: 'following', follow: { userId: 'U1', run: RUN, createdAt: NOW.getTime() } });
    expect(await store.listFollows('U1')).toEqual([{ userId: 'U1', run: RUN, createdAt: NOW.getTime() }]);
  });

  test('following the same run again: already following, nothing added, the watcher not woken again', async () => {
    const { follows, log, events, wakes } = followRuns();
    await follows.follow(RUN, FOLLOWER);
    const again = await follows.follow(RUN, FOLLOWER);
    expect(again).toEqual({ kind: 'already_following', run: RUN });
    expect(await store.listFollows('U1')).toEqual([followOf('U1', RUN)]);
    expect(wakes()).toBe(1);
    expect(log.events[1]).toEqual({
      level: 'info',
      message: 'follow',
      fields: { user: 'U1', instance: RUN.instanceId, outcome: 'already_following' },
    });
    expect(events).toEqual([followEvent('following'), followEvent('already_following')]);
  });

  test('the per-user cap: refused with that cap, nothing added, the watcher not woken', async () => {
    const caps = { perUser: 1, total: 4 };
    await store.addFollow(followOf('U1', OTHER_RUN), caps);
    const { follows, log, events, wakes } = followRuns({ caps });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'user_cap', cap: 1 });
    expect(await store.listFollows('U1')).toEqual([followOf('U1', OTHER_RUN)]);
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      { level: 'info', message: 'follow', fields: { user: 'U1', instance: RUN.instanceId, outcome: 'user_cap' } },
    ]);
    expect(events).toEqual([followEvent('user_cap')]);
  });

  test('the total cap: refused with that cap, nothing added, the watcher not woken', async () => {
    const caps = { perUser: 4, total: 2 };
    await store.addFollow(followOf('U2', OTHER_RUN), caps);
    await store.addFollow(followOf('U3', THIRD_RUN), caps);
    const { follows, log, events, wakes } = followRuns({ caps });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'total_cap', cap: 2 });
    expect(await store.listFollows('U1')).toEqual([]);
    expect((await store.watchedRuns()).map((watched) => watched.run)).toEqual([OTHER_RUN, THIRD_RUN]);
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      { level: 'info', message: 'follow', fields: { user: 'U1', instance: RUN.instanceId, outcome: 'total_cap' } },
    ]);
    expect(events).toEqual([followEvent('total_cap')]);
  });

  test('a store that throws: unavailable, the error logged, the watcher not woken', async () => {
    const { follows, log, events, wakes } = followRuns({ store: failingStore });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'unavailable' });
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      { level: 'error', message: 'follow: store failed', fields: { error: 'database is locked' } },
    ]);
    expect(events).toEqual([followEvent('unavailable')]);
  });

  test('a store known to be down: unavailable, logged at warn, not error', async () => {
    const { follows, log, events } = followRuns({ store: downStore });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'unavailable' });
    expect(log.events).toEqual([
      {
        level: 'warn',
        message: 'follow: store failed',
        fields: { error: 'the follow store is down: Redis connection lost' },
      },
    ]);
    expect(events).toEqual([followEvent('unavailable')]);
  });

  test('without a watcher a follow is still recorded', async () => {
    const { follows } = followRuns({ watcher: undefined });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'following', follow: followOf('U1', RUN) });
    expect(await store.listFollows('U1')).toEqual([followOf('U1', RUN)]);
  });

  test('without a clock the follow is stamped with the time now', async () => {
    jest.useFakeTimers({ now: new Date('2027-01-02T03:04:05Z'), doNotFake: ['performance'] });
    const { follows } = followRuns({ clock: undefined });
    const at = new Date('2027-01-02T03:04:05Z').getTime();
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'following', follow: followOf('U1', RUN, at) });
  });

  test('without an observer a follow is still recorded', async () => {
    const { follows } = followRuns({ observer: undefined });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'following', follow: followOf('U1', RUN) });
  });
});

describe('follow: the access rules', () => {
  test.each<[string, Partial<AccessRules>, RefusalReason]>([
    ['a workspace not listed', { teamIds: ['T9'] }, 'team'],
    ['a channel not listed (a follow is made in a channel, unlike App Home)', { channelIds: ['C9'] }, 'channel'],
    ['a workflow not listed', { workflowIds: ['ccf73164-1998-4785-a7a3-8d06c7e5f558'] }, 'workflow'],
    ['a user not listed', { userIds: ['U9'] }, 'user'],
  ])('%s: refused, logged, told to the observer, nothing stored', async (_what, rules, reason) => {
    const { follows, log, events, wakes } = followRuns({ access: new AccessPolicy(rules) });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'refused', reason });
    expect(await store.listFollows('U1')).toEqual([]);
    expect(await store.watchedRuns()).toEqual([]);
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      {
        level: 'info',
        message: 'follow',
        fields: { user: 'U1', instance: RUN.instanceId, outcome: 'refused', refusal: reason },
      },
    ]);
    expect(events).toEqual([followEvent('refused', reason)]);
  });

  test('listed in every allowlist: following', async () => {
    const access = new AccessPolicy({
      teamIds: ['T1'],
      channelIds: ['C1'],
      userIds: ['U1'],
      workflowIds: [RUN.workflowId],
    });
    const { follows, events } = followRuns({ access });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'following', follow: followOf('U1', RUN) });
    expect(events).toEqual([followEvent('following')]);
  });

  test("the rules are asked about a follow, by this follower, of the run's workflow", async () => {
    const access = new AccessPolicy();
    const check = jest.spyOn(access, 'check');
    const { follows } = followRuns({ access });
    await follows.follow(RUN, FOLLOWER);
    expect(check.mock.calls).toEqual([[{ ...FOLLOWER, via: 'follow' }, RUN.workflowId]]);
  });

  test('the access rules are checked before the store: refused, the store never asked', async () => {
    const asked: string[] = [];
    const recordingStore = new Proxy({} as FollowStore, {
      get: (_target, name) => async () => {
        asked.push(String(name));
      },
    });
    const { follows, events } = followRuns({ store: recordingStore, access: new AccessPolicy({ userIds: ['U9'] }) });
    expect(await follows.follow(RUN, FOLLOWER)).toEqual({ kind: 'refused', reason: 'user' });
    expect(asked).toEqual([]);
    expect(events).toEqual([followEvent('refused', 'user')]);
  });
});

describe('stopFollowing', () => {
  test('stopping a follow removes it, returns it, is logged and told to the observer', async () => {
    await store.addFollow(followOf('U1', RUN), ROOMY);
    const { follows, log, events, wakes } = followRuns();
    expect(await follows.stopFollowing('U1', RUN)).toEqual({ kind: 'stopped', follow: followOf('U1', RUN) });
    expect(await store.listFollows('U1')).toEqual([]);
    expect(await store.watchedRuns()).toEqual([]);
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      { level: 'info', message: 'unfollow', fields: { user: 'U1', instance: RUN.instanceId, outcome: 'stopped' } },
    ]);
    expect(events).toEqual([unfollowEvent('stopped')]);
  });

  test("stopping a run one does not follow: not following, and another's follow is left alone", async () => {
    await store.addFollow(followOf('U2', RUN), ROOMY);
    const { follows, log, events } = followRuns();
    expect(await follows.stopFollowing('U1', RUN)).toEqual({ kind: 'not_following', run: RUN });
    expect(await store.followersOf(RUN)).toEqual([followOf('U2', RUN)]);
    expect(log.events).toEqual([
      { level: 'info', message: 'unfollow', fields: { user: 'U1', instance: RUN.instanceId, outcome: 'none' } },
    ]);
    expect(events).toEqual([unfollowEvent('not_following')]);
  });

  test('a store that throws: unavailable, the error logged', async () => {
    const { follows, log, events } = followRuns({ store: failingStore });
    expect(await follows.stopFollowing('U1', RUN)).toEqual({ kind: 'unavailable' });
    expect(log.events).toEqual([
      { level: 'error', message: 'unfollow: store failed', fields: { error: 'database is locked' } },
    ]);
    expect(events).toEqual([unfollowEvent('unavailable')]);
  });
});

describe('listFollows', () => {
  test("the user's own follows, oldest first, with nothing logged or observed", async () => {
    await store.addFollow(followOf('U1', OTHER_RUN, 2000), ROOMY);
    await store.addFollow(followOf('U1', RUN, 1000), ROOMY);
    await store.addFollow(followOf('U2', THIRD_RUN, 500), ROOMY);
    const { follows, log, events } = followRuns();
    expect(await follows.listFollows('U1')).toEqual({
      ok: true,
      follows: [followOf('U1', RUN, 1000), followOf('U1', OTHER_RUN, 2000)],
    });
    expect(log.events).toEqual([]);
    expect(events).toEqual([]);
  });

  test('no follows: an empty list', async () => {
    const { follows } = followRuns();
    expect(await follows.listFollows('U1')).toEqual({ ok: true, follows: [] });
  });

  test('a store that throws: unavailable, the error logged', async () => {
    const { follows, log } = followRuns({ store: failingStore });
    expect(await follows.listFollows('U1')).toEqual({ ok: false, problem: 'unavailable' });
    expect(log.events).toEqual([
      { level: 'error', message: 'list follows: store failed', fields: { error: 'database is locked' } },
    ]);
  });
});

describe('keepLive', () => {
  const shared: Omit<LiveMessage, 'createdAt'> = { run: RUN, channelId: 'C7', ts: '1700000000.000100', sharedBy: 'U4' };

  test('a shared message is kept live: stored at the clock time, the watcher woken, logged', async () => {
    const { follows, log, events, wakes } = followRuns();
    expect(await follows.keepLive(shared)).toBe('live');
    expect(await store.liveMessagesOf(RUN)).toEqual([{ ...shared, createdAt: NOW.getTime() }]);
    expect(await store.watchedRuns()).toEqual([{ run: RUN, since: NOW.getTime() }]);
    expect(wakes()).toBe(1);
    expect(log.events).toEqual([
      { level: 'info', message: 'live message', fields: { channel: 'C7', instance: RUN.instanceId, outcome: 'added' } },
    ]);
    expect(events).toEqual([]);
  });

  test('the total cap: not kept live, nothing stored, the watcher not woken', async () => {
    const caps = { perUser: 4, total: 1 };
    await store.addFollow(followOf('U2', OTHER_RUN), caps);
    const { follows, log, wakes } = followRuns({ caps });
    expect(await follows.keepLive(shared)).toBe('total_cap');
    expect(await store.liveMessagesOf(RUN)).toEqual([]);
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      {
        level: 'info',
        message: 'live message',
        fields: { channel: 'C7', instance: RUN.instanceId, outcome: 'total_cap' },
      },
    ]);
  });

  test('a store that throws: unavailable, the error logged', async () => {
    const { follows, log, wakes } = followRuns({ store: failingStore });
    expect(await follows.keepLive(shared)).toBe('unavailable');
    expect(wakes()).toBe(0);
    expect(log.events).toEqual([
      { level: 'error', message: 'live message: store failed', fields: { error: 'database is locked' } },
    ]);
  });

  test('without a watcher the message is still kept live', async () => {
    const { follows } = followRuns({ watcher: undefined });
    expect(await follows.keepLive(shared)).toBe('live');
    expect(await store.liveMessagesOf(RUN)).toEqual([{ ...shared, createdAt: NOW.getTime() }]);
  });
});
