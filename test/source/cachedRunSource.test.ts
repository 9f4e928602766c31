import { createLog } from '../../src/core/log';
import type { RunList, RunRef, WorkflowRun } from '../../src/core/run';
import { HISTORY_MAX_AGE_MS, HISTORY_RUNS } from '../../src/core/runHistory';
import { REFRESH_MAX_AGE_MS, RunLookup } from '../../src/core/runLookup';
import { CachedRunSource, type RunCacheOptions } from '../../src/source/cachedRunSource';
import { FakeSource, sampleRun } from '../support/fakeSource';

/** The cache on a counting in-memory source and a clock the test moves by hand. */

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const ref: RunRef = { workflowId: WF, instanceId: RUN };
const T0 = Date.parse('2026-11-28T03:10:00Z');

const SETTINGS: Omit<RunCacheOptions, 'clock'> = {
  finishedTtlMs: 5 * 60_000,
  runningTtlMs: 3000,
  notFoundTtlMs: 10_000,
  maxEntries: 100,
  maxBytes: 1_000_000,
};

/** A FakeSource whose answers, while held, wait until the test lets each one go, so flights can overlap. */
class GatedSource extends FakeSource {
  private holding = false;
  private readonly gates: Array<() => void> = [];

  hold(): void {
    this.holding = true;
  }

  /** Lets the nth held answer go (in the order asked), or all of them. */
  release(nth?: number): void {
    if (nth !== undefined) this.gates[nth]?.();
    else for (const open of this.gates) open();
  }

  override async getInstance(wanted: RunRef) {
    const answer = super.getInstance(wanted);
    if (this.holding) await new Promise<void>((resolve) => this.gates.push(resolve));
    return answer;
  }
}

function setUp(settings: Partial<RunCacheOptions> = {}) {
  let now = T0;
  const clock = () => new Date(now);
  const source = new GatedSource();
  const cache = new CachedRunSource(source, { ...SETTINGS, ...settings, clock });
  const lookup = new RunLookup({ source: cache, site: 'datadoghq.com', log: createLog('error'), clock });
  return {
    source,
    cache,
    lookup,
    clock,
    advance: (ms: number) => {
      now += ms;
    },
    instanceCalls: () => source.calls.filter((call) => call.startsWith('instance ')).length,
  };
}

function runOf(id: number, statusKind = 'SUCCEEDED'): WorkflowRun {
  return sampleRun(
    { workflowId: WF, instanceId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}` },
    statusKind,
  );
}

describe('single flight', () => {
  test('40 concurrent lookups of one run make one request, and all get its answer', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'STEP_ERROR'));
    t.source.hold();
    const asks = Array.from({ length: 40 }, () => t.cache.getInstance(ref));
    t.source.release();
    const answers = await Promise.all(asks);
    expect(t.source.calls).toEqual([`instance ${WF}/${RUN}`]);
    for (const answer of answers)
      expect(answer).toEqual({ ok: true, value: sampleRun(ref, 'STEP_ERROR'), fetchedAt: new Date(T0) });
  });

  test('a recent-runs list and a workflow name are each asked once for many concurrent askers', async () => {
    const t = setUp();
    const list: RunList = { workflowId: WF, runs: [runOf(1)] };
    t.source.lists.set(WF, list);
    t.source.workflows.set(WF, { workflowId: WF, name: 'Roll back' });
    await Promise.all(Array.from({ length: 10 }, () => t.lookup.listRecentRuns(WF, 5, {})));
    expect(t.source.calls).toEqual([`list ${WF} 5`, `workflow ${WF}`]);
  });

  test('a source that throws fails every joined asker, and nothing is kept', async () => {
    const t = setUp();
    let calls = 0;
    t.source.getInstance = async () => {
      calls += 1;
      throw new Error('boom');
    };
    const asks = await Promise.allSettled([t.cache.getInstance(ref), t.cache.getInstance(ref)]);
    expect(asks.map((ask) => ask.status)).toEqual(['rejected', 'rejected']);
    await expect(t.cache.getInstance(ref)).rejects.toThrow('boom');
    expect(calls).toBe(2);
  });
});

describe("a workflow's history", () => {
  test('40 lookups of one run, now and over the next minute, Refresh too, read the history list once', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'STEP_ERROR'));
    t.source.lists.set(WF, { workflowId: WF, runs: [runOf(1, 'STEP_ERROR'), runOf(2)] });
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 2
          ? t.lookup.lookUpRun({ ...ref, certain: true }, {})
          : t.lookup.refreshRun({ ...ref, certain: true }, {}),
      ),
    );
    for (const outcome of outcomes)
      expect(outcome.history).toMatchObject({ failed: 1, states: ['STEP_ERROR', 'SUCCEEDED'] });
    t.advance(HISTORY_MAX_AGE_MS);
    await t.lookup.refreshRun({ ...ref, certain: true }, {});
    expect(t.source.historyCalls).toEqual([`list ${WF} ${HISTORY_RUNS}`]);
    t.advance(1);
    await t.lookup.refreshRun({ ...ref, certain: true }, {});
    expect(t.source.historyCalls).toHaveLength(2);
  });

  test('is kept apart from a Recent runs list of the same size, which lives seconds', async () => {
    const t = setUp();
    t.source.lists.set(WF, { workflowId: WF, runs: [runOf(1)] });
    await t.cache.listInstances(WF, HISTORY_RUNS, 'history');
    await t.cache.listInstances(WF, HISTORY_RUNS, 'recent');
    t.advance(SETTINGS.runningTtlMs + 1);
    await t.cache.listInstances(WF, HISTORY_RUNS, 'history');
    await t.cache.listInstances(WF, HISTORY_RUNS);
    expect(t.source.historyCalls).toHaveLength(1);
    expect(t.source.calls).toEqual([`list ${WF} ${HISTORY_RUNS}`, `list ${WF} ${HISTORY_RUNS}`]);
  });
});

describe('lifetimes', () => {
  test('a finished run is served from the cache for minutes, with the time it was fetched', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'CANCELED'));
    await t.lookup.lookUpRun({ ...ref, certain: true }, {});
    t.advance(4 * 60_000);
    const later = await t.lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(t.instanceCalls()).toBe(1);
    expect(later.at).toEqual(new Date(T0));
    t.advance(60_001);
    const expired = await t.lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(t.instanceCalls()).toBe(2);
    expect(expired.at).toEqual(t.clock());
  });

  test('a running run is fetched again once its few seconds are over', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'IN_PROGRESS'));
    await t.cache.getInstance(ref);
    t.advance(2999);
    await t.cache.getInstance(ref);
    expect(t.instanceCalls()).toBe(1);
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'SUCCEEDED'));
    t.advance(2);
    const fetchedAgain = await t.cache.getInstance(ref);
    expect(t.instanceCalls()).toBe(2);
    expect(fetchedAgain.ok && fetchedAgain.value.statusKind).toBe('SUCCEEDED');
  });

  test('a state Datadog has not told us about counts as running', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'WAITING_FOR_APPROVAL'));
    await t.cache.getInstance(ref);
    t.advance(3001);
    await t.cache.getInstance(ref);
    expect(t.instanceCalls()).toBe(2);
  });

  test('"not found" is kept briefly, then asked again', async () => {
    const t = setUp();
    await t.cache.getInstance(ref);
    t.advance(9999);
    const kept = await t.cache.getInstance(ref);
    expect(kept).toMatchObject({ ok: false, failure: { kind: 'not_found' } });
    expect(t.instanceCalls()).toBe(1);
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    t.advance(2);
    expect(await t.cache.getInstance(ref)).toMatchObject({ ok: true });
    expect(t.instanceCalls()).toBe(2);
  });

  test('other failures are not kept', async () => {
    const t = setUp();
    t.source.failures.set(`${WF}/${RUN}`, { kind: 'unavailable', status: 503 });
    await t.cache.getInstance(ref);
    await t.cache.getInstance(ref);
    expect(t.instanceCalls()).toBe(2);
  });

  test('a lifetime of 0 keeps nothing, while concurrent asks still share one request', async () => {
    const t = setUp({ finishedTtlMs: 0 });
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    await Promise.all([t.cache.getInstance(ref), t.cache.getInstance(ref)]);
    await t.cache.getInstance(ref);
    expect(t.instanceCalls()).toBe(2);
  });
});

test('a pasted message naming several runs is dated by the oldest of their fetches', async () => {
  const t = setUp();
  const [older, newer] = [runOf(1), runOf(2)];
  for (const run of [older, newer]) t.source.runs.set(`${WF}/${run.instanceId}`, run);
  await t.cache.getInstance(older);
  t.advance(60_000);
  const text = `workflow ${WF} instance ${older.instanceId} and workflow ${WF} instance ${newer.instanceId}`;
  const outcome = await t.lookup.lookUpMessage({ text }, {});
  expect(outcome).toMatchObject({ kind: 'runs', at: new Date(T0) });
  expect(t.instanceCalls()).toBe(2);
});

describe('Refresh', () => {
  test('never shows data older than about a second, and what it shows is dated when it was fetched', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'STEP_ERROR'));
    await t.lookup.lookUpRun({ ...ref, certain: true }, {});
    for (const step of [200, 700, 1500, 100, 999, 2, 60_000, 300]) {
      t.advance(step);
      const outcome = await t.lookup.refreshRun({ ...ref, certain: true }, {});
      expect(t.clock().getTime() - outcome.at.getTime()).toBeLessThanOrEqual(REFRESH_MAX_AGE_MS);
    }
    // Fetched at T0, then when the copy was 2400, 1099 and 60002 ms old; served from the cache otherwise.
    expect(t.instanceCalls()).toBe(4);
  });

  test('joins a request started within the second, but not an older one', async () => {
    const t = setUp();
    t.source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    t.source.hold();
    const first = t.cache.getInstance(ref);
    t.advance(500);
    const joined = t.cache.getInstance(ref, { maxAgeMs: 1000 });
    t.advance(1000);
    const own = t.cache.getInstance(ref, { maxAgeMs: 1000 });
    t.source.release(1);
    expect((await own).fetchedAt).toEqual(new Date(T0 + 1500));
    t.source.release(0);
    expect(await joined).toBe(await first);
    expect((await first).fetchedAt).toEqual(new Date(T0));
    expect(t.instanceCalls()).toBe(2);
    // The older request landing last does not replace the newer answer.
    expect((await t.cache.getInstance(ref, { maxAgeMs: 0 })).fetchedAt).toEqual(new Date(T0 + 1500));
  });
});

describe('bounds', () => {
  test('the byte bound evicts the least recently used run', async () => {
    const size = JSON.stringify({ ok: true, value: runOf(1) }).length;
    const t = setUp({ maxBytes: size * 2 + 1 });
    for (const id of [1, 2, 3]) t.source.runs.set(`${WF}/${runOf(id).instanceId}`, runOf(id));
    const get = (id: number) => t.cache.getInstance(runOf(id));
    await get(1);
    await get(2);
    await get(3);
    expect(t.instanceCalls()).toBe(3);
    await get(3);
    await get(2);
    expect(t.instanceCalls()).toBe(3);
    await get(1);
    expect(t.instanceCalls()).toBe(4);
  });

  test('the entry bound evicts too', async () => {
    const t = setUp({ maxEntries: 2 });
    for (const id of [1, 2, 3]) t.source.runs.set(`${WF}/${runOf(id).instanceId}`, runOf(id));
    for (const id of [1, 2, 3, 1]) await t.cache.getInstance(runOf(id));
    expect(t.instanceCalls()).toBe(4);
  });
});
