import type { RecentLookup } from '../../src/core/surfacePorts';
import { LruRecentLookups } from '../../src/store/recentLookups';

const lookup = (instance: number, minute = instance): RecentLookup => ({
  ref: { workflowId: 'wf', instanceId: `run-${instance}` },
  at: new Date(Date.UTC(2026, 10, 28, 3, minute)),
  result: { ok: true, run: { statusKind: 'SUCCEEDED', statusName: 'Succeeded' } },
});

test('recent lookups: newest first, bounded per user, the same run once, users apart', async () => {
  const recent = new LruRecentLookups({ perUser: 3 });
  for (const n of [1, 2, 3, 4]) await recent.record('U1', lookup(n));
  expect((await recent.list('U1')).map((entry) => entry.ref.instanceId)).toEqual(['run-4', 'run-3', 'run-2']);
  await recent.record('U1', lookup(2, 30));
  expect((await recent.list('U1')).map((entry) => entry.ref.instanceId)).toEqual(['run-2', 'run-4', 'run-3']);
  expect(await recent.list('U2')).toEqual([]);
});

test('recent lookups forget the least recently active user past `users`', async () => {
  const recent = new LruRecentLookups({ users: 2 });
  await recent.record('U1', lookup(1));
  await recent.record('U2', lookup(2));
  await recent.record('U3', lookup(3));
  expect(await recent.list('U1')).toEqual([]);
  expect(await recent.list('U3')).toHaveLength(1);
});

test('a listed array is a copy: changing it changes nothing kept', async () => {
  const recent = new LruRecentLookups();
  await recent.record('U1', lookup(1));
  (await recent.list('U1')).pop();
  expect(await recent.list('U1')).toHaveLength(1);
});
