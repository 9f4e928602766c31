import { AccessPolicy } from '../../src/core/access';
import { ActGate } from '../../src/core/actGate';
import { ActorPolicy } from '../../src/core/actors';
import { FORM_CLAIM_TTL_MS, RunAgain } from '../../src/core/runAgain';
import { FakeSource, sampleRun } from '../support/fakeSource';

const REF = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const ACTOR = { teamId: 'T1', userId: 'U1', channelId: 'C1', via: 'run' as const };
const INPUTS = [
  { name: 'service', type: 'STRING', defaultValue: 'payments-api' },
  { name: 'revisions', type: 'NUMBER', defaultValue: 1 },
];

function runAgain(enabled = true) {
  const datadog = new FakeSource();
  const actors = new ActorPolicy({ enabled, userIds: ['U1'], usergroupIds: [], workflowIds: [] }, new AccessPolicy());
  datadog.workflows.set(REF.workflowId, { workflowId: REF.workflowId, name: 'Roll back', inputs: INPUTS });
  datadog.runs.set(`${REF.workflowId}/${REF.instanceId}`, {
    ...sampleRun(REF, 'SUCCEEDED'),
    inputs: { service: 'ledger-api' },
  });
  return { datadog, runAgain: new RunAgain({ acts: new ActGate({ actors, actions: datadog }), source: datadog }) };
}

test("the form holds the workflow's inputs, starting from the run's own, else the defaults", async () => {
  const { runAgain: use } = runAgain();
  expect(await use.form(REF, ACTOR)).toEqual({
    kind: 'form',
    ref: REF,
    workflow: expect.objectContaining({ inputs: INPUTS }),
    values: { service: 'ledger-api', revisions: 1 },
  });
});

test('a run Datadog cannot read still gets a form, from the defaults; a workflow it cannot read gets the failure', async () => {
  const { datadog, runAgain: use } = runAgain();
  datadog.runs.clear();
  expect(await use.form(REF, ACTOR)).toMatchObject({ kind: 'form', values: { service: 'payments-api', revisions: 1 } });
  datadog.workflows.clear();
  expect(await use.form(REF, ACTOR)).toEqual({ kind: 'failed', failure: { kind: 'not_found', what: 'workflow' } });
});

test('refused before anything is read when the requester may not act', async () => {
  const { datadog, runAgain: use } = runAgain(false);
  expect(await use.form(REF, ACTOR)).toEqual({ kind: 'refused', reason: 'actions_off' });
  expect(datadog.calls).toEqual([]);
  const on = runAgain();
  expect(await on.runAgain.form(REF, { ...ACTOR, userId: 'U2' })).toEqual({ kind: 'refused', reason: 'not_actor' });
  expect(on.datadog.calls).toEqual([]);
});

test('one form submitted twice at once starts one run, with exactly its payload', async () => {
  const { datadog, runAgain: use } = runAgain();
  const [first, second] = await Promise.all([
    use.start(REF, ACTOR, { service: 'x' }, 'V1'),
    use.start(REF, ACTOR, { service: 'x' }, 'V1'),
  ]);
  // The second shares the first's call, and says so.
  expect(second).toEqual({ ...first, joined: true });
  expect(first.ok).toBe(true);
  expect(datadog.calls.filter((call) => call.startsWith('execute'))).toEqual([
    `execute ${REF.workflowId} {"service":"x"}`,
  ]);
});

test("a form's claim in the fleet outlasts Slack's 5-minute signature window; a cancel keeps the gate's short claim", async () => {
  const datadog = new FakeSource();
  datadog.runs.set(`${REF.workflowId}/${REF.instanceId}`, sampleRun(REF, 'IN_PROGRESS'));
  const claimed: Array<[string, number]> = [];
  const claims = {
    claim: async (key: string, ttlMs: number) => {
      claimed.push([key, ttlMs]);
      return true;
    },
  };
  const actors = new ActorPolicy(
    { enabled: true, userIds: ['U1'], usergroupIds: [], workflowIds: [] },
    new AccessPolicy(),
  );
  const acts = new ActGate({ actors, actions: datadog, claims, claimTtlMs: 10_000 });
  await new RunAgain({ acts, source: datadog }).start(REF, ACTOR, {}, 'V123');
  await acts.attempt(
    { act: 'cancel', requester: ACTOR, workflowId: REF.workflowId },
    (api) => api.cancelInstance(REF),
    {
      onceKey: 'cancel:x',
    },
  );
  expect(claimed).toEqual([
    ['act:run:V123', FORM_CLAIM_TTL_MS],
    ['act:cancel:x', 10_000],
  ]);
  expect(FORM_CLAIM_TTL_MS).toBeGreaterThan(5 * 60_000);
});
