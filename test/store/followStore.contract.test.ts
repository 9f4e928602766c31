import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Follow, FollowCaps, FollowStore, LiveMessage } from '../../src/core/follows';
import type { SiteRun } from '../../src/core/run';
import { RedisStore } from '../../src/store/redisStore';
import { SqliteStore } from '../../src/store/sqliteStore';
import { removeKeys, requireRedis, TEST_REDIS_URL, UNHEARD, uniquePrefix } from '../support/redis';

/** One contract, both stores: whatever the bot relies on must hold for SQLite and for Redis alike. */

const RUN_A: SiteRun = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
  site: 'datadoghq.com',
};
const RUN_B: SiteRun = { ...RUN_A, instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67' };
const RUN_C: SiteRun = { ...RUN_A, instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };
const ROOMY: FollowCaps = { perUser: 10, total: 10 };

function follow(userId: string, run: SiteRun, createdAt = 1000): Follow {
  return { userId, run, channelId: 'C0INCIDENT', createdAt };
}

function live(run: SiteRun, ts: string): LiveMessage {
  return { run, channelId: 'C0INCIDENT', ts, sharedBy: 'U0SHARER', createdAt: 2000 };
}

interface Subject {
  open(): Promise<FollowStore>;
  cleanUp(): Promise<void>;
}

function sqliteSubject(): Subject {
  const dir = mkdtempSync(join(tmpdir(), 'dd-instance-store-'));
  return {
    open: async () => new SqliteStore(dir),
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function redisSubject(): Subject {
  const prefix = uniquePrefix('contract');
  return {
    open: async () => {
      await requireRedis();
      return RedisStore.open({ url: TEST_REDIS_URL, prefix, tlsVerify: true }, UNHEARD);
    },
    cleanUp: async () => {
      await removeKeys(prefix);
    },
  };
}

describe.each([
  ['SQLite', sqliteSubject],
  ['Redis', redisSubject],
])('FollowStore contract: %s', (_name, makeSubject) => {
  let subject: Subject;
  let store: FollowStore;

  beforeEach(async () => {
    subject = makeSubject();
    store = await subject.open();
  });
  afterEach(async () => {
    await store.close();
    await subject.cleanUp();
  });

  test('a follow is listed for its user and its run, once, and starts watching the run', async () => {
    expect(await store.addFollow(follow('U1', RUN_A, 1000), ROOMY)).toBe('added');
    expect(await store.addFollow(follow('U1', RUN_A, 1001), ROOMY)).toBe('already_following');
    expect(await store.addFollow(follow('U2', RUN_A, 1002), ROOMY)).toBe('added');
    expect(await store.listFollows('U1')).toEqual([follow('U1', RUN_A, 1000)]);
    expect((await store.followersOf(RUN_A)).map((f) => f.userId)).toEqual(['U1', 'U2']);
    expect(await store.watchedRuns()).toEqual([{ run: RUN_A, since: 1000 }]);
  });

  test('runs are found whatever the case of their IDs', async () => {
    await store.addFollow(follow('U1', RUN_A), ROOMY);
    const upper = { ...RUN_A, instanceId: RUN_A.instanceId.toUpperCase() };
    expect(await store.addFollow(follow('U1', upper), ROOMY)).toBe('already_following');
    expect(await store.takeFollow('U1', upper)).toEqual(follow('U1', RUN_A));
  });

  test('caps: per user, then in total; a run already watched does not count twice', async () => {
    const caps = { perUser: 2, total: 2 };
    expect(await store.addFollow(follow('U1', RUN_A), caps)).toBe('added');
    expect(await store.addFollow(follow('U1', RUN_B), caps)).toBe('added');
    expect(await store.addFollow(follow('U1', RUN_C), caps)).toBe('user_cap');
    expect(await store.addFollow(follow('U2', RUN_C), caps)).toBe('total_cap');
    expect(await store.addFollow(follow('U2', RUN_A), caps)).toBe('added');
    expect(await store.addLiveMessage(live(RUN_C, '1.1'), caps)).toBe('total_cap');
    expect(await store.addLiveMessage(live(RUN_B, '1.2'), caps)).toBe('added');
  });

  test('a run whose last follow or live message is taken frees its place under the total cap at once', async () => {
    const caps = { perUser: 5, total: 1 };
    await store.addFollow(follow('U1', RUN_A), caps);
    await store.addFollow(follow('U2', RUN_A), caps);
    await store.takeFollow('U1', RUN_A);
    expect(await store.addFollow(follow('U3', RUN_B), caps)).toBe('total_cap');
    await store.takeFollow('U2', RUN_A);
    expect(await store.watchedRuns()).toEqual([]);
    expect(await store.addLiveMessage(live(RUN_B, '1.1'), caps)).toBe('added');
    await store.takeLiveMessage(RUN_B, 'C0INCIDENT', '1.1');
    expect(await store.addFollow(follow('U3', RUN_C), caps)).toBe('added');
  });

  test('takeFollow gives a follow to exactly one of many concurrent callers', async () => {
    await store.addFollow(follow('U1', RUN_A), ROOMY);
    const takes = await Promise.all(Array.from({ length: 8 }, () => store.takeFollow('U1', RUN_A)));
    expect(takes.filter(Boolean)).toEqual([follow('U1', RUN_A)]);
    expect(await store.listFollows('U1')).toEqual([]);
    expect(await store.followersOf(RUN_A)).toEqual([]);
  });

  test('a live message is kept, listed, and taken once', async () => {
    expect(await store.addLiveMessage(live(RUN_A, '1.1'), ROOMY)).toBe('added');
    expect(await store.liveMessagesOf(RUN_A)).toEqual([live(RUN_A, '1.1')]);
    const takes = await Promise.all([1, 2, 3].map(() => store.takeLiveMessage(RUN_A, 'C0INCIDENT', '1.1')));
    expect(takes.filter(Boolean)).toEqual([live(RUN_A, '1.1')]);
    expect(await store.liveMessagesOf(RUN_A)).toEqual([]);
  });

  test('a run is dropped only when nothing hangs on it', async () => {
    await store.addFollow(follow('U1', RUN_A), ROOMY);
    await store.addLiveMessage(live(RUN_A, '1.1'), ROOMY);
    expect(await store.dropRunIfIdle(RUN_A)).toBe(false);
    await store.takeFollow('U1', RUN_A);
    expect(await store.dropRunIfIdle(RUN_A)).toBe(false);
    await store.takeLiveMessage(RUN_A, 'C0INCIDENT', '1.1');
    expect(await store.dropRunIfIdle(RUN_A)).toBe(true);
    expect(await store.watchedRuns()).toEqual([]);
  });

  test('a lease has one holder, is renewed only by it, and can be taken once released or lapsed', async () => {
    expect(await store.takeLease(RUN_A, 'one', 60_000)).toBe(true);
    expect(await store.takeLease(RUN_A, 'one', 60_000)).toBe(true);
    expect(await store.takeLease(RUN_A, 'two', 60_000)).toBe(false);
    expect(await store.renewLease(RUN_A, 'two', 60_000)).toBe(false);
    expect(await store.renewLease(RUN_A, 'one', 60_000)).toBe(true);
    await store.releaseLease(RUN_A, 'two');
    expect(await store.takeLease(RUN_A, 'two', 60_000)).toBe(false);
    await store.releaseLease(RUN_A, 'one');
    expect(await store.takeLease(RUN_A, 'two', 30)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.renewLease(RUN_A, 'two', 60_000)).toBe(false);
    expect(await store.takeLease(RUN_A, 'three', 60_000)).toBe(true);
  });

  test('concurrent lease takers: exactly one wins', async () => {
    const wins = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((owner) => store.takeLease(RUN_B, owner, 60_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  test('claimEvent: the first claim of an event ID wins, until it lapses', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => store.claimEvent('Ev0001', 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimEvent('Ev0002', 30)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.claimEvent('Ev0002', 60_000)).toBe(true);
  });

  test('state survives closing and reopening', async () => {
    await store.addFollow(follow('U1', RUN_A), ROOMY);
    await store.close();
    store = await subject.open();
    expect(await store.listFollows('U1')).toEqual([follow('U1', RUN_A)]);
    expect(await store.watchedRuns()).toEqual([{ run: RUN_A, since: 1000 }]);
  });
});
