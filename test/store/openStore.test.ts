import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreHealth } from '../../src/store/healingStore';
import { openStore } from '../../src/store/openStore';
import { SQLITE_FILE } from '../../src/store/sqliteStore';
import { eventually, RUNNING_REF } from '../support/follows';
import { RecordingLog } from '../support/recordingLog';

/** openStore never throws: a store it cannot open now is reported down and opened in the background. */

const ROOMY = { perUser: 5, total: 5 };
const follow = (userId: string) => ({
  userId,
  run: { ...RUNNING_REF, site: 'datadoghq.com' as const },
  createdAt: 1000,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-instance-open-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a writable DATA_DIR: SQLite, up at once, and said so once', async () => {
  const log = new RecordingLog();
  const store = await openStore({ dataDir: dir }, log);
  try {
    expect(store.up).toBe(true);
    expect(log.events).toContainEqual({ level: 'info', message: 'follow store opened', fields: { store: 'sqlite' } });
  } finally {
    await store.close();
  }
});

test('a Redis URL picks Redis, even when it cannot be reached: down with the reason, never a throw', async () => {
  const log = new RecordingLog();
  const redis = { url: 'redis://127.0.0.1:1', prefix: 'open-store-test', tlsVerify: true, connectTimeoutMs: 200 };
  const store = await openStore({ dataDir: dir, redis }, log);
  try {
    expect(store.up).toBe(false);
    expect(log.events).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ store: 'redis' }) }),
    );
  } finally {
    await store.close();
  }
});

test('DATA_DIR under a regular file: refused at once with the reason, then follows work once the path is fixed', async () => {
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'not a folder');
  const log = new RecordingLog();
  const changes: StoreHealth[] = [];
  const store = await openStore({ dataDir: join(blocker, 'data') }, log, (health) => changes.push(health));
  try {
    expect(store.status).toEqual({ up: false, reason: expect.stringMatching(/ENOTDIR/) });
    await expect(store.addFollow(follow('U1'), ROOMY)).rejects.toThrow(/the follow store is down: .*ENOTDIR/);
    // Several retries fail meanwhile; none of them adds a log line.
    await new Promise((resolve) => setTimeout(resolve, 1700));
    rmSync(blocker);
    await eventually('the store is back', () => store.up, 15_000);
    expect(await store.addFollow(follow('U1'), ROOMY)).toBe('added');
    expect(await store.listFollows('U1')).toEqual([follow('U1')]);
    expect(changes.map((change) => change.up)).toEqual([false, true]);
    expect(log.events.filter((e) => e.level !== 'debug').map((e) => e.message)).toEqual([
      'follow store unavailable: follows, live messages and event claims wait for it; retrying',
      'follow store back',
    ]);
  } finally {
    await store.close();
  }
});

test('a file that is no database is retried, left where it is (not moved aside), and used once replaced', async () => {
  const file = join(dir, SQLITE_FILE);
  writeFileSync(file, 'garbage that is no SQLite database, long enough to be read as a header by SQLite itself');
  const store = await openStore({ dataDir: dir }, new RecordingLog());
  try {
    expect(store.status).toEqual({ up: false, reason: expect.stringMatching(/file is not a database$/) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(readFileSync(file, 'utf8')).toMatch(/^garbage/);
    rmSync(file);
    await eventually('the store is back', () => store.up, 15_000);
    expect(await store.addFollow(follow('U1'), ROOMY)).toBe('added');
  } finally {
    await store.close();
  }
});
