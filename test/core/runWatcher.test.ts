import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Follow, LiveMessage, LiveState, Notifier, WatchedRef } from '../../src/core/follows';
import { createLog } from '../../src/core/log';
import type { RunOutcome } from '../../src/core/outcomes';
import { RunWatcher, type WatchSettings } from '../../src/core/runWatcher';
import { SqliteStore } from '../../src/store/sqliteStore';
import { FakeSource, sampleRun } from '../support/fakeSource';
import { eventually } from '../support/follows';

/** The watch tick on a real (SQLite) store and an in-memory source: back-off, rate limits, the maximum age. */

const RUN: WatchedRef = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
  site: 'datadoghq.com',
};
const KEY = `${RUN.workflowId}/${RUN.instanceId}`;

class RecordingNotifier implements Notifier {
  readonly sent: string[] = [];
  async runEnded(follow: Follow, outcome: RunOutcome): Promise<boolean> {
    this.sent.push(`ended ${follow.userId} ${outcome.result.ok ? outcome.result.value.statusKind : 'failure'}`);
    return true;
  }
  async watchExpired(follow: Follow, maxAgeMs: number, last: RunOutcome | undefined): Promise<boolean> {
    this.sent.push(`expired ${follow.userId} ${maxAgeMs} ${last ? 'seen' : 'unseen'}`);
    return true;
  }
  async updateLive(message: LiveMessage, state: LiveState): Promise<boolean> {
    this.sent.push(`live ${message.ts} ${state}`);
    return true;
  }
}

let dir: string;
let store: SqliteStore;
let watcher: RunWatcher | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-instance-watcher-'));
  store = new SqliteStore(dir);
});
afterEach(async () => {
  await watcher?.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function startWatcher(source: FakeSource, settings: Partial<WatchSettings> = {}) {
  const lines: string[] = [];
  const notifier = new RecordingNotifier();
  watcher = new RunWatcher({
    store,
    source,
    notifier,
    log: createLog('debug', (line) => lines.push(line)),
    settings: { pollMinMs: 20, pollMaxMs: 80, leaseMs: 5000, maxAgeMs: 60_000, ...settings },
    random: () => 0.5,
  });
  return { lines, notifier, started: watcher.start() };
}

const follow = (userId: string, createdAt = Date.now()): Follow => ({ userId, run: RUN, channelId: 'C1', createdAt });
const ROOMY = { perUser: 5, total: 5 };
const nextDelays = (lines: string[]) =>
  lines.filter((line) => line.includes('watch: poll')).map((line) => /next_ms=(\d+)/.exec(line)?.[1]);

test('back-off: seconds at first, doubling up to the maximum (jitter fixed at its middle)', async () => {
  const source = new FakeSource();
  source.runs.set(KEY, sampleRun(RUN, 'IN_PROGRESS'));
  await store.addFollow(follow('U1'), ROOMY);
  const { lines } = startWatcher(source);
  await eventually('five polls', () => nextDelays(lines).length >= 5);
  expect(nextDelays(lines).slice(0, 5)).toEqual(['40', '80', '80', '80', '80']);
});

test('rate_limited: the next poll waits at least retryAfterSeconds', async () => {
  const source = new FakeSource();
  source.failures.set(KEY, { kind: 'rate_limited', retryAfterSeconds: 2 });
  await store.addFollow(follow('U1'), ROOMY);
  const { lines } = startWatcher(source);
  await eventually('a poll', () => nextDelays(lines).length >= 1);
  expect(lines.find((line) => line.includes('watch: poll'))).toContain('outcome=rate_limited');
  expect(nextDelays(lines)[0]).toBe('2000');
});

test('a run that no longer exists ends the watch, and followers hear so', async () => {
  const source = new FakeSource();
  await store.addFollow(follow('U1'), ROOMY);
  const { lines, notifier } = startWatcher(source);
  await eventually('finished', () => lines.some((line) => line.includes('watch: finished')));
  expect(notifier.sent).toEqual(['ended U1 failure']);
  expect(await store.watchedRuns()).toEqual([]);
});

test('the maximum age: followers are told, live messages marked, and the run is no longer watched', async () => {
  const source = new FakeSource();
  source.runs.set(KEY, sampleRun(RUN, 'IN_PROGRESS'));
  const createdAt = Date.now();
  await store.addFollow(follow('U1', createdAt), ROOMY);
  await store.addFollow(follow('U2', createdAt), ROOMY);
  await store.addLiveMessage({ run: RUN, channelId: 'C1', ts: '1.1', sharedBy: 'U3', createdAt }, ROOMY);
  const { lines, notifier } = startWatcher(source, { maxAgeMs: 150 });
  await eventually('expired', () => lines.some((line) => line.includes('watch: expired')));
  expect(notifier.sent.filter((sent) => !sent.startsWith('live 1.1 running'))).toEqual([
    'expired U1 150 seen',
    'expired U2 150 seen',
    'live 1.1 stopped',
  ]);
  expect(await store.watchedRuns()).toEqual([]);
  expect(await store.listFollows('U1')).toEqual([]);
});

test('a run whose lease another replica holds is not polled here', async () => {
  const source = new FakeSource();
  source.runs.set(KEY, sampleRun(RUN, 'IN_PROGRESS'));
  await store.addFollow(follow('U1'), ROOMY);
  await store.takeLease(RUN, 'another-replica', 60_000);
  const { started } = startWatcher(source);
  await started;
  expect(watcher?.watchedHere).toBe(0);
  expect(source.calls).toEqual([]);
});
