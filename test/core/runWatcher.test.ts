import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatadogFailure } from '../../src/core/failures';
import type { Follow, LiveMessage, LiveState, Notifier } from '../../src/core/follows';
import type { RunOutcome } from '../../src/core/outcomes';
import type { RunRef, SiteRun, WorkflowRun } from '../../src/core/run';
import { HISTORY_GRACE_MS } from '../../src/core/runHistory';
import { RunWatcher, type RunWatcherDeps, type WatchSettings } from '../../src/core/runWatcher';
import { SqliteStore } from '../../src/store/sqliteStore';
import { FakeSource, sampleRun } from '../support/fakeSource';
import { type LogEvent, RecordingLog } from '../support/recordingLog';

/** The watch tick on a real (SQLite) store, an in-memory source and fake timers: every wait is stepped, never slept. */

const T0 = new Date('2026-11-28T03:00:00Z').getTime();
const RUN: SiteRun = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
  site: 'datadoghq.com',
};
const OTHER_RUN: SiteRun = { ...RUN, instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67' };
const KEY = `${RUN.workflowId}/${RUN.instanceId}`;
const SETTINGS: WatchSettings = { pollMinMs: 1000, pollMaxMs: 8000, leaseMs: 300_000, maxAgeMs: 3_600_000 };
const ROOMY = { perUser: 5, total: 5 };

type Sent =
  | { call: 'runEnded'; follow: Follow; outcome: RunOutcome }
  | { call: 'watchExpired'; follow: Follow; maxAgeMs: number; last: RunOutcome | undefined }
  | { call: 'updateLive'; message: LiveMessage; state: LiveState; outcome: RunOutcome | undefined };

/** Records what would reach Slack; `delivered` false plays Slack refusing, `beforeSend` a side effect or a throw. */
class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  delivered = true;
  beforeSend?: (sent: Sent) => Promise<void>;

  async runEnded(follow: Follow, outcome: RunOutcome): Promise<boolean> {
    return this.record({ call: 'runEnded', follow, outcome });
  }
  async watchExpired(follow: Follow, maxAgeMs: number, last: RunOutcome | undefined): Promise<boolean> {
    return this.record({ call: 'watchExpired', follow, maxAgeMs, last });
  }
  async updateLive(message: LiveMessage, state: LiveState, outcome: RunOutcome | undefined): Promise<boolean> {
    return this.record({ call: 'updateLive', message, state, outcome });
  }
  private async record(sent: Sent): Promise<boolean> {
    await this.beforeSend?.(sent);
    this.sent.push(sent);
    return this.delivered;
  }
}

/** The fake source, noting when (ms after T0) each run was polled; `hold` keeps a poll waiting until it opens. */
class TimedSource extends FakeSource {
  readonly polledAt: number[] = [];
  hold?: Promise<void>;
  failNext?: Error;

  override async getInstance(ref: RunRef) {
    this.polledAt.push(Date.now() - T0);
    await this.hold;
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    return super.getInstance(ref);
  }

  shows(run: WorkflowRun | DatadogFailure): void {
    this.runs.delete(KEY);
    this.failures.delete(KEY);
    if ('kind' in run) this.failures.set(KEY, run);
    else this.runs.set(KEY, run);
  }
}

/** A store where another replica claims the listed followers and live messages the moment they are listed. */
class RacingStore extends SqliteStore {
  racing = false;

  override async followersOf(run: RunRef): Promise<Follow[]> {
    const listed = await super.followersOf(run);
    if (this.racing) for (const follow of listed) await this.takeFollow(follow.userId, run);
    return listed;
  }
  override async liveMessagesOf(run: RunRef): Promise<LiveMessage[]> {
    const listed = await super.liveMessagesOf(run);
    if (this.racing) for (const message of listed) await this.takeLiveMessage(run, message.channelId, message.ts);
    return listed;
  }
}

let dir: string;
let store: RacingStore;
let watcher: RunWatcher | undefined;
beforeEach(() => {
  jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  dir = mkdtempSync(join(tmpdir(), 'dd-instance-watcher-'));
  store = new RacingStore(dir);
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  jest.restoreAllMocks();
  jest.useRealTimers();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function newWatcher(options: Partial<Omit<RunWatcherDeps, 'settings'>> & { settings?: Partial<WatchSettings> } = {}) {
  const log = new RecordingLog();
  const notifier = new RecordingNotifier();
  const source = new TimedSource();
  const made = new RunWatcher({
    store,
    source,
    notifier,
    log,
    random: () => 0.5,
    ...options,
    settings: { ...SETTINGS, ...options.settings },
  });
  watcher = made;
  return { watcher: made, log, notifier, source: (options.source as TimedSource | undefined) ?? source };
}

/** Lets every pending promise chain run, without moving the fake clock. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

const followOf = (userId: string, createdAt = T0): Follow => ({ userId, run: RUN, channelId: 'C1', createdAt });
const LIVE: LiveMessage = { run: RUN, channelId: 'C7', ts: '1700000000.000100', sharedBy: 'U3', createdAt: T0 };
const seen = (run: WorkflowRun, atMs: number): RunOutcome => ({
  ref: RUN,
  result: { ok: true, value: run },
  at: new Date(T0 + atMs),
});
const failedWith = (failure: DatadogFailure, atMs: number): RunOutcome => ({
  ref: RUN,
  result: { ok: false, failure },
  at: new Date(T0 + atMs),
});
const RUNNING = sampleRun(RUN, 'IN_PROGRESS');

const leaseTaken = (owner: string, run: SiteRun = RUN): LogEvent => ({
  level: 'info',
  message: 'watch: lease taken',
  fields: { instance: run.instanceId, owner },
});
const poll = (n: number, outcome: string, nextMs?: number): LogEvent => ({
  level: 'info',
  message: 'watch: poll',
  fields: { instance: RUN.instanceId, poll: n, outcome, next_ms: nextMs },
});
const sentTo = (what: string, to: string): LogEvent => ({
  level: 'info',
  message: `watch: ${what} sent`,
  fields: { to },
});
const notDelivered = (what: string, to: string): LogEvent => ({
  level: 'warn',
  message: `watch: ${what} not delivered`,
  fields: { to },
});
const finished = (polls: number): LogEvent => ({
  level: 'info',
  message: 'watch: finished',
  fields: { instance: RUN.instanceId, polls },
});
const expired = (maxAgeMs: number): LogEvent => ({
  level: 'info',
  message: 'watch: expired',
  fields: { instance: RUN.instanceId, max_age_ms: maxAgeMs },
});
const leaseLost: LogEvent = { level: 'warn', message: 'watch: lease lost', fields: { instance: RUN.instanceId } };
const nextDelays = (log: RecordingLog) =>
  log.events.filter((event) => event.message === 'watch: poll').map((event) => event.fields?.next_ms);

/** Whether this replica holds no lease on the run: another one takes it at once. */
const leaseIsFree = (run: SiteRun = RUN) => store.takeLease(run, 'another-replica', 1000);

describe('taking runs to watch', () => {
  test('start takes the lease of every watched run, oldest first, and polls each after pollMinMs', async () => {
    await store.addFollow(followOf('U1', T0 - 1000), ROOMY);
    await store.addFollow({ ...followOf('U2', T0 - 2000), run: OTHER_RUN }, ROOMY);
    const { watcher, log, source } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    expect(log.events).toEqual([leaseTaken(watcher.owner, OTHER_RUN), leaseTaken(watcher.owner, RUN)]);
    expect(watcher.watchedHere).toBe(2);
    await advance(999);
    expect(source.calls).toEqual([]);
    await advance(1);
    expect(source.calls).toEqual([`instance ${RUN.workflowId}/${OTHER_RUN.instanceId}`, `instance ${KEY}`]);
  });

  test('a run whose lease another replica holds is not polled here', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.takeLease(RUN, 'another-replica', 60_000);
    const { watcher, log, source } = newWatcher();
    await watcher.start();
    await advance(30_000);
    expect(watcher.watchedHere).toBe(0);
    expect(log.events).toEqual([]);
    expect(source.calls).toEqual([]);
  });

  test('a run watched here is not taken again at the next scan', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log } = newWatcher();
    await watcher.start();
    watcher.wake();
    await settle();
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
    expect(watcher.watchedHere).toBe(1);
  });

  test.each([
    ['every third of the lease', 3000, 1000],
    ['never more often than every 50 ms', 90, 50],
  ])('the heartbeat scans %s: a new run is taken then', async (_when, leaseMs, heartbeatMs) => {
    const { watcher, log } = newWatcher({ settings: { leaseMs } });
    await watcher.start();
    await store.addFollow(followOf('U1'), ROOMY);
    await advance(heartbeatMs - 1);
    expect(log.events).toEqual([]);
    await advance(1);
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
  });

  test('the heartbeat renews held leases, so no other replica can take the run', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log } = newWatcher({ settings: { leaseMs: 3000, pollMinMs: 100_000, pollMaxMs: 100_000 } });
    await watcher.start();
    await advance(5000);
    expect(await leaseIsFree()).toBe(false);
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
    expect(watcher.watchedHere).toBe(1);
  });

  test('a lease lost between scans: the watch is forgotten, its timer cleared, the run not polled', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher();
    await watcher.start();
    await store.releaseLease(RUN, watcher.owner);
    await store.takeLease(RUN, 'another-replica', 60_000);
    watcher.wake();
    await settle();
    expect(log.events).toEqual([leaseTaken(watcher.owner), leaseLost]);
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    await advance(30_000);
    expect(source.calls).toEqual([]);
  });

  test('wakes during a scan are coalesced into one more scan', async () => {
    const { watcher } = newWatcher();
    await watcher.start();
    const scans = jest.spyOn(store, 'watchedRuns');
    watcher.wake();
    watcher.wake();
    watcher.wake();
    await settle();
    expect(scans).toHaveBeenCalledTimes(2);
    watcher.wake();
    await settle();
    expect(scans).toHaveBeenCalledTimes(3);
  });

  test('a scan that fails is logged, start still resolves, and the next wake scans again', async () => {
    const scans = jest.spyOn(store, 'watchedRuns').mockRejectedValueOnce(new Error('database is locked'));
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log } = newWatcher();
    await watcher.start();
    expect(log.events).toEqual([
      { level: 'warn', message: 'watch: scan failed', fields: { error: 'database is locked' } },
    ]);
    watcher.wake();
    await settle();
    expect(scans).toHaveBeenCalledTimes(2);
    expect(log.events[1]).toEqual(leaseTaken(watcher.owner));
  });
});

describe('while the store is down', () => {
  test('nothing is asked of it and nothing is logged; when it is back, a wake takes the runs up', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    let up = false;
    const asked = jest.spyOn(store, 'watchedRuns');
    const { watcher, log, source } = newWatcher({ storeUp: () => up, settings: { leaseMs: 3000 } });
    source.shows(RUNNING);
    await watcher.start();
    await advance(10_000);
    expect(asked).not.toHaveBeenCalled();
    expect(log.events).toEqual([]);
    up = true;
    watcher.wake();
    await settle();
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
  });

  test('a watch under way waits, without polling or failing, and polls again once the store is back', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    let up = true;
    const { watcher, log, source } = newWatcher({ storeUp: () => up });
    source.shows(RUNNING);
    await watcher.start();
    up = false;
    await advance(20_000);
    expect(source.calls).toEqual([]);
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
    up = true;
    await advance(1000);
    expect(source.calls).toEqual([`instance ${KEY}`]);
  });
});

describe('polling', () => {
  test('back-off: pollMinMs at first, doubling each poll up to pollMaxMs (jitter fixed at its middle)', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    await advance(23_000);
    expect(source.polledAt).toEqual([1000, 3000, 7000, 15_000, 23_000]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      poll(2, 'IN_PROGRESS', 4000),
      poll(3, 'IN_PROGRESS', 8000),
      poll(4, 'IN_PROGRESS', 8000),
      poll(5, 'IN_PROGRESS', 8000),
    ]);
  });

  test.each([
    ['its lowest', () => 0, [800, 2400], [1600, 3200]],
    ['above the middle', () => 0.75, [1100, 3300], [2200, 4400]],
  ])('jitter at %s scales each wait', async (_where, random, polledAt, delays) => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher({ random });
    source.shows(RUNNING);
    await watcher.start();
    await advance(polledAt[1]!);
    expect(source.polledAt).toEqual(polledAt);
    expect(nextDelays(log)).toEqual(delays);
  });

  test('without dice given, the jitter comes from Math.random', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.25);
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher({ random: undefined });
    source.shows(RUNNING);
    await watcher.start();
    await advance(900);
    expect(source.polledAt).toEqual([900]);
    expect(nextDelays(log)).toEqual([1800]);
  });

  test.each<[string, number | undefined, number]>([
    ['longer than the back-off: the wait Datadog asked for', 5, 5000],
    ['shorter than the back-off: the back-off', 1, 2000],
    ['not given: the back-off', undefined, 2000],
  ])('rate limited, retryAfterSeconds %s', async (_case, retryAfterSeconds, waitMs) => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows({ kind: 'rate_limited', retryAfterSeconds });
    await watcher.start();
    await advance(1000 + waitMs);
    expect(source.polledAt).toEqual([1000, 1000 + waitMs]);
    expect(log.events.slice(0, 2)).toEqual([leaseTaken(watcher.owner), poll(1, 'rate_limited', waitMs)]);
    expect(notifier.sent).toEqual([]);
  });

  test.each<DatadogFailure>([
    { kind: 'unavailable', status: 503 },
    { kind: 'timeout', afterMs: 10_000 },
    { kind: 'unreachable', code: 'ECONNRESET' },
    { kind: 'invalid_response', reason: 'not JSON' },
    { kind: 'busy' },
  ])('a failure that may pass ($kind) keeps the watch, with the back-off', async (failure) => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(failure);
    await watcher.start();
    await advance(3000);
    expect(source.polledAt).toEqual([1000, 3000]);
    expect(log.events).toEqual([leaseTaken(watcher.owner), poll(1, failure.kind, 2000), poll(2, failure.kind, 4000)]);
    expect(notifier.sent).toEqual([]);
    expect(await store.followersOf(RUN)).toEqual([followOf('U1')]);
  });

  test('the injected clock stamps each outcome and measures the age', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const clock = () => new Date(Date.now() + 250);
    const { watcher, source, notifier } = newWatcher({ clock });
    source.shows(sampleRun(RUN, 'SUCCEEDED'));
    await watcher.start();
    await advance(1000);
    expect(notifier.sent).toEqual([
      { call: 'runEnded', follow: followOf('U1'), outcome: seen(sampleRun(RUN, 'SUCCEEDED'), 1250) },
    ]);
  });

  test('the age is measured on the injected clock, not the system time', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const clock = () => new Date(Date.now() + 250);
    const { watcher, source, notifier } = newWatcher({ clock, settings: { maxAgeMs: 1200 } });
    source.shows(RUNNING);
    await watcher.start();
    await advance(1000);
    expect(source.polledAt).toEqual([]);
    expect(notifier.sent).toEqual([{ call: 'watchExpired', follow: followOf('U1'), maxAgeMs: 1200, last: undefined }]);
  });
});

describe('live messages while the run goes on', () => {
  test('rewritten when the status or a step changes, not when a poll shows the same', async () => {
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    const oneStep = { ...RUNNING, steps: [{ name: 'Rollback', state: 'IN_PROGRESS' }] };
    const stepDone = { ...RUNNING, steps: [{ name: 'Rollback', state: 'SUCCEEDED' }] };
    const paused = { ...stepDone, statusKind: 'PAUSED' };
    source.shows(oneStep);
    await watcher.start();
    await advance(3000);
    source.shows(stepDone);
    await advance(4000);
    source.shows(paused);
    await advance(8000);
    expect(source.polledAt).toEqual([1000, 3000, 7000, 15_000]);
    expect(notifier.sent).toEqual([
      { call: 'updateLive', message: LIVE, state: 'running', outcome: seen(oneStep, 1000) },
      { call: 'updateLive', message: LIVE, state: 'running', outcome: seen(stepDone, 7000) },
      { call: 'updateLive', message: LIVE, state: 'running', outcome: seen(paused, 15_000) },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      sentTo('live update', 'C7'),
      poll(2, 'IN_PROGRESS', 4000),
      poll(3, 'IN_PROGRESS', 8000),
      sentTo('live update', 'C7'),
      poll(4, 'PAUSED', 8000),
      sentTo('live update', 'C7'),
    ]);
  });

  test('an update Slack refuses is logged as not delivered, and polling goes on', async () => {
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    notifier.delivered = false;
    source.shows(RUNNING);
    await watcher.start();
    await advance(3000);
    expect(source.polledAt).toEqual([1000, 3000]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      notDelivered('live update', 'C7'),
      poll(2, 'IN_PROGRESS', 4000),
    ]);
  });
});

describe("the workflow's history", () => {
  const history = { states: ['STEP_ERROR', 'SUCCEEDED'], failed: 1 };
  const failedRun = sampleRun(RUN, 'STEP_ERROR');

  test('the DM at the end carries the history read beside the poll', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const asked: string[] = [];
    const reader = async (workflowId: string) => {
      asked.push(workflowId);
      return history;
    };
    const { watcher, notifier, source } = newWatcher({ history: reader });
    source.shows(failedRun);
    await watcher.start();
    await advance(1000);
    expect(notifier.sent).toEqual([
      { call: 'runEnded', follow: followOf('U1'), outcome: { ...seen(failedRun, 1000), history } },
    ]);
    expect(asked).toEqual([RUN.workflowId]);
  });

  test('a history that does not come is left out after the grace, and the DM still goes', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, notifier, source } = newWatcher({ history: () => new Promise(() => {}) });
    source.shows(failedRun);
    await watcher.start();
    await advance(1000 + HISTORY_GRACE_MS);
    expect(notifier.sent).toEqual([{ call: 'runEnded', follow: followOf('U1'), outcome: seen(failedRun, 1000) }]);
  });
});

describe('the end of a run', () => {
  test('each follower gets one DM with the final run, each live message its final state, then the watch ends', async () => {
    await store.addFollow(followOf('U1', T0 - 2000), ROOMY);
    await store.addFollow(followOf('U2', T0 - 1000), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    await advance(1000);
    const failedRun = sampleRun(RUN, 'STEP_ERROR');
    source.shows(failedRun);
    await advance(2000);
    const final = seen(failedRun, 3000);
    expect(notifier.sent).toEqual([
      { call: 'updateLive', message: LIVE, state: 'running', outcome: seen(RUNNING, 1000) },
      { call: 'runEnded', follow: followOf('U1', T0 - 2000), outcome: final },
      { call: 'runEnded', follow: followOf('U2', T0 - 1000), outcome: final },
      { call: 'updateLive', message: LIVE, state: 'final', outcome: final },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      sentTo('live update', 'C7'),
      poll(2, 'STEP_ERROR'),
      sentTo('dm', 'U1'),
      sentTo('dm', 'U2'),
      sentTo('live final', 'C7'),
      finished(2),
    ]);
    expect(await store.watchedRuns()).toEqual([]);
    expect(await store.liveMessagesOf(RUN)).toEqual([]);
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    expect(await leaseIsFree()).toBe(true);
    await advance(60_000);
    expect(source.polledAt).toEqual([1000, 3000]);
    expect(notifier.sent).toHaveLength(4);
  });

  test.each<DatadogFailure>([
    { kind: 'not_found', what: 'instance' },
    { kind: 'forbidden', status: 403 },
    { kind: 'bad_request', status: 400, detail: 'invalid instance_id' },
  ])('a failure that will not pass ($kind) ends the watch, and followers hear it', async (failure) => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(failure);
    await watcher.start();
    await advance(1000);
    const tag = failure.kind === 'not_found' ? 'instance_not_found' : failure.kind;
    expect(notifier.sent).toEqual([{ call: 'runEnded', follow: followOf('U1'), outcome: failedWith(failure, 1000) }]);
    expect(log.events).toEqual([leaseTaken(watcher.owner), poll(1, tag), sentTo('dm', 'U1'), finished(1)]);
    expect(await store.watchedRuns()).toEqual([]);
    expect(await leaseIsFree()).toBe(true);
  });

  test('DMs and final updates Slack refuses are logged as not delivered, and the watch still ends', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    notifier.delivered = false;
    source.shows(sampleRun(RUN, 'SUCCEEDED'));
    await watcher.start();
    await advance(1000);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'SUCCEEDED'),
      notDelivered('dm', 'U1'),
      notDelivered('live final', 'C7'),
      finished(1),
    ]);
    expect(await store.watchedRuns()).toEqual([]);
  });

  test('followers and live messages claimed by another replica meanwhile are not told here', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(sampleRun(RUN, 'SUCCEEDED'));
    await watcher.start();
    store.racing = true;
    await advance(1000);
    expect(notifier.sent).toEqual([]);
    expect(log.events).toEqual([leaseTaken(watcher.owner), poll(1, 'SUCCEEDED'), finished(1)]);
    expect(watcher.watchedHere).toBe(0);
  });

  test('a follow made while the run finishes is told at once by another tick', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    const done = sampleRun(RUN, 'SUCCEEDED');
    source.shows(done);
    notifier.beforeSend = async (sent) => {
      if (sent.call === 'runEnded' && sent.follow.userId === 'U1')
        await store.addFollow(followOf('U3', T0 + 1000), ROOMY);
    };
    await watcher.start();
    // A timer of 0 ms fires after 1 ms, as in Node.
    await advance(1001);
    expect(source.polledAt).toEqual([1000, 1001]);
    expect(notifier.sent).toEqual([
      { call: 'runEnded', follow: followOf('U1'), outcome: seen(done, 1000) },
      { call: 'runEnded', follow: followOf('U3', T0 + 1000), outcome: seen(done, 1001) },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'SUCCEEDED'),
      sentTo('dm', 'U1'),
      finished(1),
      poll(2, 'SUCCEEDED'),
      sentTo('dm', 'U3'),
      finished(2),
    ]);
    expect(await store.watchedRuns()).toEqual([]);
  });

  test('nothing hangs on the run any more (its last follower stopped): the watch ends without a poll', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    await store.takeFollow('U1', RUN);
    await advance(1000);
    expect(source.polledAt).toEqual([]);
    expect(notifier.sent).toEqual([]);
    expect(log.events).toEqual([leaseTaken(watcher.owner)]);
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    expect(await leaseIsFree()).toBe(true);
  });

  test('a lease lost before a tick: no poll, the watch forgotten', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    await store.releaseLease(RUN, watcher.owner);
    await store.takeLease(RUN, 'another-replica', 60_000);
    await advance(1000);
    expect(source.polledAt).toEqual([]);
    expect(log.events).toEqual([leaseTaken(watcher.owner), leaseLost]);
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
  });
});

describe('a run the bot cancelled', () => {
  test('everyone is told at once with who cancelled it, each once; the watch then stops at its next poll', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    const canceled = { ...seen(sampleRun(RUN, 'CANCELED'), 500), canceledBy: 'U0ACTOR' };
    await watcher.announceEnd(RUN, canceled);
    // A second announcement (another click) finds nobody left to tell.
    await watcher.announceEnd(RUN, canceled);
    expect(notifier.sent).toEqual([
      { call: 'runEnded', follow: followOf('U1'), outcome: canceled },
      { call: 'updateLive', message: LIVE, state: 'final', outcome: canceled },
    ]);
    await advance(1000);
    expect(source.polledAt).toEqual([]);
    expect(watcher.watchedHere).toBe(0);
    expect(log.events).toContainEqual({
      level: 'info',
      message: 'watch: finished by a cancel',
      fields: { instance: RUN.instanceId },
    });
  });
});

describe('the maximum age', () => {
  test('past it (not at it), followers are told with the last run seen, live messages marked stopped', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addFollow(followOf('U2'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher({ settings: { maxAgeMs: 3000 } });
    source.shows(RUNNING);
    await watcher.start();
    await advance(1000);
    source.shows({ kind: 'unavailable', status: 502 });
    await advance(6000);
    const last = seen(RUNNING, 1000);
    expect(source.polledAt).toEqual([1000, 3000]);
    expect(notifier.sent).toEqual([
      { call: 'updateLive', message: LIVE, state: 'running', outcome: last },
      { call: 'watchExpired', follow: followOf('U1'), maxAgeMs: 3000, last },
      { call: 'watchExpired', follow: followOf('U2'), maxAgeMs: 3000, last },
      { call: 'updateLive', message: LIVE, state: 'stopped', outcome: last },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      sentTo('live update', 'C7'),
      poll(2, 'unavailable', 4000),
      sentTo('expired dm', 'U1'),
      sentTo('expired dm', 'U2'),
      sentTo('live final', 'C7'),
      expired(3000),
    ]);
    expect(await store.watchedRuns()).toEqual([]);
    expect(await store.listFollows('U1')).toEqual([]);
    expect(await store.liveMessagesOf(RUN)).toEqual([]);
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(1);
    expect(await leaseIsFree()).toBe(true);
  });

  test('past it before any poll: followers told the run was never seen, Slack refusals logged', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher({ settings: { maxAgeMs: 500 } });
    notifier.delivered = false;
    await watcher.start();
    await advance(1000);
    expect(source.polledAt).toEqual([]);
    expect(notifier.sent).toEqual([
      { call: 'watchExpired', follow: followOf('U1'), maxAgeMs: 500, last: undefined },
      { call: 'updateLive', message: LIVE, state: 'stopped', outcome: undefined },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      notDelivered('expired dm', 'U1'),
      notDelivered('live final', 'C7'),
      expired(500),
    ]);
  });

  test('followers and live messages claimed by another replica meanwhile are not told here', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, notifier } = newWatcher({ settings: { maxAgeMs: 500 } });
    await watcher.start();
    store.racing = true;
    await advance(1000);
    expect(notifier.sent).toEqual([]);
    expect(log.events).toEqual([leaseTaken(watcher.owner), expired(500)]);
    expect(watcher.watchedHere).toBe(0);
  });

  test('a follow made while the watch expires is told at once by another tick', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, notifier } = newWatcher({ settings: { maxAgeMs: 500 } });
    notifier.beforeSend = async (sent) => {
      if (sent.call === 'watchExpired' && sent.follow.userId === 'U1')
        await store.addFollow(followOf('U3', T0 + 1000), ROOMY);
    };
    await watcher.start();
    await advance(1001);
    expect(notifier.sent).toEqual([
      { call: 'watchExpired', follow: followOf('U1'), maxAgeMs: 500, last: undefined },
      { call: 'watchExpired', follow: followOf('U3', T0 + 1000), maxAgeMs: 500, last: undefined },
    ]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      sentTo('expired dm', 'U1'),
      expired(500),
      sentTo('expired dm', 'U3'),
      expired(500),
    ]);
    expect(await store.watchedRuns()).toEqual([]);
  });
});

describe('errors in a tick', () => {
  test('a poll that throws is logged and retried after the first wait again', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher();
    source.shows(RUNNING);
    source.failNext = new Error('socket hang up');
    await watcher.start();
    await advance(2000);
    expect(source.polledAt).toEqual([1000, 2000]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      { level: 'warn', message: 'watch: tick failed', fields: { instance: RUN.instanceId, error: 'socket hang up' } },
      poll(1, 'IN_PROGRESS', 2000),
    ]);
  });

  test('a live update that throws is logged, and the next poll waits the back-off for the polls made', async () => {
    await store.addLiveMessage(LIVE, ROOMY);
    const { watcher, log, source, notifier } = newWatcher();
    notifier.beforeSend = async () => {
      notifier.beforeSend = undefined;
      throw new Error('slack is down');
    };
    source.shows(RUNNING);
    await watcher.start();
    await advance(3000);
    expect(source.polledAt).toEqual([1000, 3000]);
    expect(log.events).toEqual([
      leaseTaken(watcher.owner),
      poll(1, 'IN_PROGRESS', 2000),
      { level: 'warn', message: 'watch: tick failed', fields: { instance: RUN.instanceId, error: 'slack is down' } },
      poll(2, 'IN_PROGRESS', 4000),
    ]);
  });
});

describe('stop', () => {
  test('stops polling, hands the leases back, clears every timer, and ignores later wakes', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, source } = newWatcher();
    source.shows(RUNNING);
    await watcher.start();
    await advance(1000);
    await watcher.stop();
    expect(watcher.watchedHere).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    expect(await leaseIsFree()).toBe(true);
    const scans = jest.spyOn(store, 'watchedRuns');
    watcher.wake();
    await advance(60_000);
    expect(scans).not.toHaveBeenCalled();
    expect(source.polledAt).toEqual([1000]);
  });

  test('a stop during the first scan leaves no heartbeat behind', async () => {
    const { watcher } = newWatcher();
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    jest.spyOn(store, 'watchedRuns').mockImplementationOnce(async () => {
      await opened;
      return [];
    });
    const starting = watcher.start();
    const stopping = watcher.stop();
    await settle();
    open();
    await Promise.all([starting, stopping]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('waits for a scan in flight, which then takes no lease', async () => {
    const { watcher, log } = newWatcher();
    await watcher.start();
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    jest.spyOn(store, 'watchedRuns').mockImplementationOnce(async () => {
      await opened;
      return SqliteStore.prototype.watchedRuns.call(store);
    });
    await store.addFollow(followOf('U1'), ROOMY);
    watcher.wake();
    let stopped = false;
    const stopping = watcher.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(log.events).toEqual([]);
    expect(watcher.watchedHere).toBe(0);
    expect(await leaseIsFree()).toBe(true);
  });

  test('waits for a tick in flight, which then schedules no further poll', async () => {
    await store.addFollow(followOf('U1'), ROOMY);
    const { watcher, log, source } = newWatcher();
    source.shows(RUNNING);
    let open = () => {};
    source.hold = new Promise<void>((resolve) => {
      open = resolve;
    });
    await watcher.start();
    await advance(1000);
    let stopped = false;
    const stopping = watcher.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(log.events).toEqual([leaseTaken(watcher.owner), poll(1, 'IN_PROGRESS', 2000)]);
    expect(jest.getTimerCount()).toBe(0);
    expect(await leaseIsFree()).toBe(true);
  });
});
