import { AccessPolicy } from '../../src/core/access';
import { ActGate } from '../../src/core/actGate';
import { ActorPolicy } from '../../src/core/actors';
import type { ActionEvent } from '../../src/core/ports';
import { FakeSource, FIXED_NOW, sampleRun } from '../support/fakeSource';

const REF = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const ACTOR = { teamId: 'T1', userId: 'U1', channelId: 'C1', via: 'cancel' as const };

function gate(enabled = true) {
  const datadog = new FakeSource();
  const events: ActionEvent[] = [];
  const actors = new ActorPolicy({ enabled, userIds: ['U1'], usergroupIds: [], workflowIds: [] }, new AccessPolicy());
  const acts = new ActGate({ actors, actions: datadog, observer: (e) => events.push(e), clock: () => FIXED_NOW });
  datadog.runs.set(`${REF.workflowId}/${REF.instanceId}`, { ...sampleRun(REF, 'IN_PROGRESS'), statusName: 'Running' });
  return { datadog, events, acts };
}

test('a refused act makes no call and is audited with its refusal', async () => {
  const { datadog, events, acts } = gate(false);
  const result = await acts.attempt({ act: 'cancel', requester: ACTOR, ...REF }, (api) => api.cancelInstance(REF));
  expect(result).toEqual({ ok: false, refused: 'actions_off' });
  expect(datadog.calls).toEqual([]);
  expect(events).toEqual([
    expect.objectContaining({ kind: 'act', act: 'cancel', outcome: 'refused', refusal: 'actions_off', ...REF }),
  ]);
});

test("an allowed act makes its call, audited with Datadog's outcome and the new run, inputs by name only", async () => {
  const { datadog, events, acts } = gate();
  expect(await acts.attempt({ act: 'cancel', requester: ACTOR, ...REF }, (api) => api.cancelInstance(REF))).toEqual({
    ok: true,
    value: undefined,
  });
  const started = await acts.attempt(
    { act: 'run', requester: ACTOR, ...REF, inputNames: ['secretThing'] },
    (api) => api.executeWorkflow(REF.workflowId, { secretThing: 'hunter2' }),
    { newInstanceId: (ref: { instanceId: string }) => ref.instanceId },
  );
  expect(started.ok).toBe(true);
  const again = await acts.attempt({ act: 'cancel', requester: ACTOR, ...REF }, (api) => api.cancelInstance(REF));
  expect(again).toEqual({ ok: false, failure: { kind: 'not_found', what: 'instance' } });
  expect(datadog.calls.filter((call) => !call.startsWith('instance'))).toHaveLength(3);
  expect(
    events.map(({ act, outcome, newInstanceId, inputNames }) => ({ act, outcome, newInstanceId, inputNames })),
  ).toEqual([
    { act: 'cancel', outcome: 'done', newInstanceId: undefined, inputNames: undefined },
    { act: 'run', outcome: 'done', newInstanceId: expect.any(String), inputNames: ['secretThing'] },
    { act: 'cancel', outcome: 'instance_not_found', newInstanceId: undefined, inputNames: undefined },
  ]);
  expect(JSON.stringify(events)).not.toContain('hunter2');
});

test('attempts with one key make one call: together in a process they share it; a claim taken elsewhere makes none', async () => {
  const { datadog, events, acts } = gate();
  const cancel = () =>
    acts.attempt({ act: 'cancel', requester: ACTOR, ...REF }, (api) => api.cancelInstance(REF), { onceKey: 'k1' });
  const results = await Promise.all([cancel(), cancel(), cancel()]);
  expect(results).toEqual([
    { ok: true, value: undefined },
    { ok: true, value: undefined, joined: true },
    { ok: true, value: undefined, joined: true },
  ]);
  expect(datadog.calls).toEqual([`cancel ${REF.workflowId}/${REF.instanceId}`]);
  expect(events.map((e) => e.outcome).sort()).toEqual(['done', 'joined', 'joined']);

  const taken = new Set<string>(['act:k2']);
  const claims = { claim: async (id: string) => !taken.has(id) };
  const fleet = new ActGate({ actors: acts.actors, actions: datadog, claims });
  const elsewhere = await fleet.attempt({ act: 'cancel', requester: ACTOR, ...REF }, (api) => api.cancelInstance(REF), {
    onceKey: 'k2',
  });
  expect(elsewhere).toEqual({ ok: false, elsewhere: true });
  expect(datadog.calls).toHaveLength(1);
});
