import type { RunRef } from '../../src/core/run';
import { ConcurrencyLimitedSource } from '../../src/source/concurrencyLimit';
import { FakeSource, sampleRun } from '../support/fakeSource';

const ref: RunRef = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
};

/** A source whose calls wait until released, so the test decides when Datadog "answers". */
class HeldSource extends FakeSource {
  readonly held: Array<() => void> = [];
  override async getInstance(asked: RunRef) {
    await new Promise<void>((resolve) => this.held.push(resolve));
    return super.getInstance(asked);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('at most maxConcurrent calls reach the source; maxQueued wait; one more is busy at once', async () => {
  const source = new HeldSource();
  source.runs.set(`${ref.workflowId}/${ref.instanceId}`, sampleRun(ref));
  const limited = new ConcurrencyLimitedSource(source, { maxConcurrent: 2, maxQueued: 3 });
  const calls = Array.from({ length: 5 }, () => limited.getInstance(ref));
  await tick();
  expect(source.held).toHaveLength(2);
  expect(limited.load).toEqual({ active: 2, queued: 3 });
  expect(await limited.getInstance(ref)).toEqual({ ok: false, failure: { kind: 'busy' } });
  expect(await limited.listInstances(ref.workflowId, 5)).toEqual({ ok: false, failure: { kind: 'busy' } });
  // Each answer hands its turn to the next waiting call.
  for (let released = 0; released < 5; released++) {
    source.held[released]!();
    await tick();
    await tick();
  }
  const answers = await Promise.all(calls);
  expect(answers.every((answer) => answer.ok)).toBe(true);
  expect(limited.load).toEqual({ active: 0, queued: 0 });
  expect(source.calls).toHaveLength(5);
});

test("a workflow's history takes a free turn, and is busy at once rather than wait or take a lookup's", async () => {
  const source = new HeldSource();
  source.lists.set(ref.workflowId, { workflowId: ref.workflowId, runs: [] });
  const limited = new ConcurrencyLimitedSource(source, { maxConcurrent: 2, maxQueued: 3 });
  expect((await limited.listInstances(ref.workflowId, 20, 'history')).ok).toBe(true);
  const lookup = limited.getInstance(ref);
  const other = limited.getInstance(ref);
  await tick();
  expect(await limited.listInstances(ref.workflowId, 20, 'history')).toEqual({ ok: false, failure: { kind: 'busy' } });
  expect(limited.load).toEqual({ active: 2, queued: 0 });
  for (const release of source.held) release();
  await Promise.all([lookup, other]);
  expect(limited.load).toEqual({ active: 0, queued: 0 });
});

test('a call that throws still gives its turn back', async () => {
  const source = new FakeSource();
  source.getWorkflow = () => Promise.reject(new Error('boom'));
  const limited = new ConcurrencyLimitedSource(source, { maxConcurrent: 1, maxQueued: 0 });
  await expect(limited.getWorkflow(ref.workflowId)).rejects.toThrow('boom');
  expect(limited.load).toEqual({ active: 0, queued: 0 });
});
