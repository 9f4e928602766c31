import { AccessPolicy } from '../../src/core/access';
import { ActGate } from '../../src/core/actGate';
import { ActorPolicy } from '../../src/core/actors';
import { CancelRun } from '../../src/core/cancelRun';
import type { RunOutcome } from '../../src/core/outcomes';
import type { ActionEvent } from '../../src/core/ports';
import type { SiteRun } from '../../src/core/run';
import { FakeSource, FIXED_NOW, sampleRun } from '../support/fakeSource';

const RUN: SiteRun = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
  site: 'datadoghq.com',
};
const KEY = `${RUN.workflowId}/${RUN.instanceId}`;
const ACTOR = { teamId: 'T1', userId: 'U1', channelId: 'C1', via: 'cancel' as const };

function cancelling({ enabled = true, status = 'IN_PROGRESS' } = {}) {
  const datadog = new FakeSource();
  datadog.runs.set(KEY, sampleRun(RUN, status));
  const events: ActionEvent[] = [];
  const announced: RunOutcome[] = [];
  const actors = new ActorPolicy(
    { enabled, userIds: ['U1', 'U2'], usergroupIds: [], workflowIds: [] },
    new AccessPolicy(),
  );
  const gate = new ActGate({ actors, actions: datadog, observer: (event) => events.push(event) });
  const cancels = new CancelRun({
    gate,
    source: datadog,
    announce: async (_, outcome) => {
      announced.push(outcome);
    },
    clock: () => FIXED_NOW,
    pollDelaysMs: [0, 0, 0],
    sleep: async () => {},
  });
  const writes = () => datadog.calls.filter((call) => call.startsWith('cancel'));
  return { datadog, events, announced, cancels, writes };
}

test('with actions off a cancel is refused before any call, and audited', async () => {
  const { cancels, writes, events } = cancelling({ enabled: false });
  expect(await cancels.cancel(RUN, ACTOR)).toEqual({ kind: 'refused', reason: 'actions_off' });
  expect(writes()).toEqual([]);
  expect(events).toMatchObject([{ kind: 'act', act: 'cancel', outcome: 'refused', refusal: 'actions_off' }]);
});

test("an actor's cancel makes one call, reads the run until it shows ended, and tells followers who cancelled", async () => {
  const { cancels, writes, announced } = cancelling();
  const outcome = await cancels.cancel(RUN, ACTOR);
  expect(outcome).toMatchObject({
    kind: 'canceled',
    ended: true,
    by: 'U1',
    run: { canceledBy: 'U1', result: { ok: true, value: { statusKind: 'CANCELED' } } },
  });
  expect(writes()).toEqual([`cancel ${KEY}`]);
  expect(announced).toMatchObject([{ canceledBy: 'U1', result: { ok: true, value: { statusKind: 'CANCELED' } } }]);
});

test('two people clicking at once make one cancel call, and both see the run cancelled', async () => {
  const { cancels, writes, events } = cancelling();
  const [first, second] = await Promise.all([
    cancels.cancel(RUN, ACTOR),
    cancels.cancel(RUN, { ...ACTOR, userId: 'U2' }),
  ]);
  expect(writes()).toHaveLength(1);
  for (const outcome of [first, second]) expect(outcome).toMatchObject({ kind: 'canceled', ended: true });
  // The first click made the call and is named; the second joined it.
  expect([first, second].map((outcome) => outcome.kind === 'canceled' && outcome.by)).toEqual(['U1', undefined]);
  expect(events.map((event) => event.outcome).sort()).toEqual(['done', 'joined']);
});

test('a run that had already ended is said so, with its state; an unknown one is not found', async () => {
  const ended = cancelling({ status: 'SUCCEEDED' });
  expect(await ended.cancels.cancel(RUN, ACTOR)).toMatchObject({
    kind: 'already_ended',
    run: { result: { ok: true, value: { statusKind: 'SUCCEEDED' } } },
  });
  const unknown = cancelling();
  unknown.datadog.runs.clear();
  expect(await unknown.cancels.cancel(RUN, ACTOR)).toEqual({
    kind: 'failed',
    failure: { kind: 'not_found', what: 'instance' },
  });
  expect(unknown.announced).toEqual([]);
});

test("Datadog's refusal is the cancel's failure, and nobody is told the run ended", async () => {
  const { cancels, datadog, announced } = cancelling();
  datadog.failures.set(`cancel ${KEY}`, { kind: 'forbidden', status: 403 });
  expect(await cancels.cancel(RUN, ACTOR)).toEqual({ kind: 'failed', failure: { kind: 'forbidden', status: 403 } });
  expect(announced).toEqual([]);
});

test('a run Datadog does not show ended within the polls is answered as sent, with its last state', async () => {
  const { cancels, datadog, announced } = cancelling();
  // Datadog takes the cancel, yet keeps showing the run running.
  datadog.cancelInstance = async () => ({ ok: true, value: undefined });
  const outcome = await cancels.cancel(RUN, ACTOR);
  expect(outcome).toMatchObject({ kind: 'canceled', ended: false, by: 'U1' });
  expect(datadog.calls.filter((call) => call.startsWith('instance'))).toHaveLength(3);
  expect(announced).toEqual([]);
});
