import { createLog } from '../../src/core/log';
import type { SharedRun, SharedRunCache } from '../../src/core/ports';
import type { RunRef, WorkflowRun } from '../../src/core/run';
import { buildRunSource, type RoadOptions } from '../../src/source/roadToDatadog';
import { FakeSource, sampleRun } from '../support/fakeSource';

/** The chain as built for the bot, on a counting in-memory Datadog: each wrapper seen doing its part, in its place. */

const ref: RunRef = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
};

const OPTIONS: RoadOptions = {
  limits: { maxConcurrent: 2, maxQueued: 2 },
  cache: { finishedTtlMs: 60_000, runningTtlMs: 3000, notFoundTtlMs: 10_000, maxEntries: 100, maxBytes: 1_000_000 },
  log: createLog('error'),
};

function datadogWith(run: WorkflowRun): FakeSource {
  const datadog = new FakeSource();
  datadog.runs.set(`${ref.workflowId}/${ref.instanceId}`, run);
  return datadog;
}

class MapSharedRuns implements SharedRunCache {
  readonly kept: SharedRun[] = [];
  async get(): Promise<SharedRun | undefined> {
    return this.kept[0];
  }
  async put(shared: SharedRun): Promise<void> {
    this.kept.push(shared);
  }
}

test('lookups are cached above the naming and the meter: a cache hit is not counted; the watcher polls named', async () => {
  const datadog = datadogWith({ ...sampleRun(ref), startedBy: 'jane.doe@example.com (api)' });
  const counted: string[] = [];
  const meter = { datadogRequest: (method: string, status: string) => counted.push(`${method} ${status}`) };
  const road = buildRunSource(datadog, { ...OPTIONS, meter, showInitiatorEmail: false });
  for (let asked = 0; asked < 3; asked++) {
    const found = await road.lookups.getInstance(ref);
    expect(found.ok && found.value.startedBy).toBe('jane.doe (api)');
  }
  expect(counted).toEqual(['get_instance 200']);
  expect(datadog.calls).toHaveLength(1);
  const polled = await road.uncached.getInstance(ref);
  expect(polled.ok && polled.value.startedBy).toBe('jane.doe (api)');
  expect(datadog.calls).toHaveLength(2);
  expect(counted).toEqual(['get_instance 200', 'get_instance 200']);
});

test('a call refused busy by the concurrency limit reached no Datadog, so it is not counted as a Datadog request', async () => {
  const datadog = datadogWith(sampleRun(ref, 'IN_PROGRESS'));
  const counted: string[] = [];
  const meter = { datadogRequest: (method: string, status: string) => counted.push(`${method} ${status}`) };
  const road = buildRunSource(datadog, { ...OPTIONS, limits: { maxConcurrent: 1, maxQueued: 0 }, meter });
  const answers = await Promise.all([road.uncached.getInstance(ref), road.uncached.getInstance(ref)]);
  expect(answers.map((answer) => (answer.ok ? 'ok' : answer.failure.kind))).toEqual(['ok', 'busy']);
  expect(counted).toEqual(['get_instance 200']);
});

test('with a fleet, an ended run goes to the shared cache; with no finished TTL the shared cache is left out', async () => {
  const shared = new MapSharedRuns();
  await buildRunSource(datadogWith(sampleRun(ref)), { ...OPTIONS, sharedRuns: shared }).lookups.getInstance(ref);
  expect(shared.kept.map(({ run }) => run.instanceId)).toEqual([ref.instanceId]);
  const unshared = new MapSharedRuns();
  const noTtl = { ...OPTIONS, cache: { ...OPTIONS.cache, finishedTtlMs: 0 }, sharedRuns: unshared };
  await buildRunSource(datadogWith(sampleRun(ref)), noTtl).lookups.getInstance(ref);
  expect(unshared.kept).toEqual([]);
});

test('Refresh reaches the cache: a running run cached 1.5 s ago is asked again', async () => {
  const datadog = datadogWith(sampleRun(ref, 'IN_PROGRESS'));
  let now = Date.parse('2026-12-04T03:00:00Z');
  const road = buildRunSource(datadog, { ...OPTIONS, clock: () => new Date(now) });
  await road.lookups.getInstance(ref);
  now += 1500;
  await road.lookups.getInstance(ref);
  expect(datadog.calls).toHaveLength(1);
  await road.lookups.getInstance(ref, { maxAgeMs: 1000 });
  expect(datadog.calls).toHaveLength(2);
});

test('writes are metered and take a turn under the same limit as lookups; they are never cached', async () => {
  const datadog = datadogWith(sampleRun(ref, 'IN_PROGRESS'));
  const counted: string[] = [];
  const meter = { datadogRequest: (method: string, status: string) => counted.push(`${method} ${status}`) };
  const road = buildRunSource(datadog, { ...OPTIONS, limits: { maxConcurrent: 1, maxQueued: 0 }, meter });
  expect(await road.actions.cancelInstance(ref)).toEqual({ ok: true, value: undefined });
  expect(await road.actions.cancelInstance(ref)).toMatchObject({ ok: false, failure: { kind: 'not_found' } });
  expect(datadog.calls).toEqual([
    `cancel ${ref.workflowId}/${ref.instanceId}`,
    `cancel ${ref.workflowId}/${ref.instanceId}`,
  ]);
  // A lookup holding the only turn leaves a write with no queue "busy", never sent.
  let release = () => {};
  datadog.getInstance = () =>
    new Promise((resolve) => {
      release = () => resolve({ ok: true, value: sampleRun(ref) });
    });
  const held = road.uncached.getInstance(ref);
  expect(await road.actions.executeWorkflow(ref.workflowId, {})).toEqual({ ok: false, failure: { kind: 'busy' } });
  release();
  await held;
  // The busy write reached no Datadog, so only the held lookup is counted after the two cancels.
  expect(counted).toEqual(['cancel_instance 200', 'cancel_instance 404', 'get_instance 200']);
});

test('a history list is told apart all the way down (so the concurrency limit gives it a spare turn only)', async () => {
  const datadog = new FakeSource();
  const meter = { datadogRequest: () => {} };
  const options = { ...OPTIONS, meter, showInitiatorEmail: false, sharedRuns: new MapSharedRuns() };
  await buildRunSource(datadog, options).lookups.listInstances(ref.workflowId, 20, 'history');
  expect(datadog.historyCalls).toEqual([`list ${ref.workflowId} 20`]);
  expect(datadog.calls).toEqual([]);
});
