import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreDownError } from '../../src/core/follows';
import type { SiteRun } from '../../src/core/run';
import { HealingStore, type StoreSignals } from '../../src/store/healingStore';
import { SQLITE_FILE, SqliteStore, sqliteFileLost } from '../../src/store/sqliteStore';
import { eventually } from '../support/follows';
import { RecordingLog } from '../support/recordingLog';

/** The healing store over the real SQLite store: a folder or file that cannot be used now, then can. */

const RUN: SiteRun = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
  site: 'datadoghq.com',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-instance-healing-'));
});
afterEach(() => {
  jest.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const messages = (log: RecordingLog) => log.events.filter((e) => e.level !== 'debug').map((e) => e.message);

test('a file lost while open (a failure SQLite names as such) is closed and opened again in the background', async () => {
  const sub = join(dir, 'data');
  mkdirSync(sub);
  const opened: SqliteStore[] = [];
  const log = new RecordingLog();
  const store = new HealingStore(
    async () => {
      const sqlite = new SqliteStore(sub);
      opened.push(sqlite);
      return { store: sqlite, lost: sqliteFileLost };
    },
    { kind: 'sqlite', log, random: () => 0 },
  );
  await store.start();
  const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
  jest.spyOn(opened[0]!, 'listFollows').mockRejectedValueOnce(corrupt);
  await expect(store.listFollows('U1')).rejects.toThrow('database disk image is malformed');
  expect(store.status).toEqual({ up: false, reason: 'database disk image is malformed' });
  await eventually('opened again', () => store.up, 5000);
  expect(opened).toHaveLength(2);
  expect(await store.listFollows('U1')).toEqual([]);
  // A failure of one call alone (a busy database) leaves the store up.
  jest.spyOn(opened[1]!, 'listFollows').mockRejectedValueOnce(new Error('database is locked'));
  await expect(store.listFollows('U1')).rejects.toThrow('database is locked');
  expect(store.up).toBe(true);
  await store.close();
  expect(existsSync(join(sub, SQLITE_FILE))).toBe(true);
});

test('down for six minutes: retried every 10 s at most, yet one warning at first and one "still" after 5 minutes', async () => {
  jest.useFakeTimers({ now: 0, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  const tries: number[] = [];
  const log = new RecordingLog();
  const store = new HealingStore(
    async () => {
      tries.push(Date.now());
      throw new Error('connect ECONNREFUSED 127.0.0.1:6390');
    },
    { kind: 'redis', log, random: () => 0 },
  );
  await store.start();
  await jest.advanceTimersByTimeAsync(6 * 60_000);
  const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
  expect(gaps.slice(0, 7)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  expect(Math.max(...gaps)).toBe(10_000);
  expect(tries.length).toBeGreaterThan(30);
  expect(log.events.map((event) => [event.level, event.message])).toEqual([
    ['warn', 'follow store unavailable: follows, live messages and event claims wait for it; retrying'],
    ['warn', 'follow store still unavailable; retrying'],
  ]);
  await store.close();
  const after = tries.length;
  await jest.advanceTimersByTimeAsync(60_000);
  expect(tries).toHaveLength(after);
});

test('a store that drops and comes back by itself (Redis reconnecting): calls refused meanwhile, no reopen', async () => {
  let signals: StoreSignals | undefined;
  let opens = 0;
  const sqlite = new SqliteStore(dir);
  const log = new RecordingLog();
  const store = new HealingStore(
    async (given) => {
      signals = given;
      opens += 1;
      return { store: sqlite };
    },
    { kind: 'redis', log },
  );
  await store.start();
  signals!.down('Redis connection lost: Socket closed unexpectedly');
  signals!.down('Redis connection lost: connect ECONNREFUSED 127.0.0.1:6390');
  await expect(store.claimEvent('Ev1', 1000)).rejects.toThrow(/the follow store is down: Redis connection lost/);
  await expect(store.claimEvent('Ev1', 1000)).rejects.toBeInstanceOf(StoreDownError);
  expect(await store.sharedRuns.get(RUN)).toBeUndefined();
  signals!.up();
  expect(await store.claimEvent('Ev1', 1000)).toBe(true);
  expect(opens).toBe(1);
  expect(messages(log)).toEqual([
    'follow store opened',
    'follow store unavailable: follows, live messages and event claims wait for it; retrying',
    'follow store back',
  ]);
  await store.close();
});
