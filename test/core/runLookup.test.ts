import { commandVerdict } from '../../src/core/outcomes';
import { MAX_RUNS_FETCHED } from '../../src/core/runLookup';
import { FIXED_NOW, fakeLookup, sampleRun } from '../support/fakeSource';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const ref = { workflowId: WF, instanceId: RUN };

function idOf(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

describe('RunLookup.lookUpRun', () => {
  test('a run Datadog has comes back with the ref asked for and the time it was fetched', async () => {
    const { lookup, source, logLines } = fakeLookup();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const outcome = await lookup.lookUpRun({ ...ref, certain: true }, { userId: 'U1', channelId: 'C1' });
    expect(outcome).toEqual({ ref, result: { ok: true, value: sampleRun(ref) }, at: FIXED_NOW });
    expect(source.calls).toEqual([`instance ${WF}/${RUN}`]);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(
      /INFO lookup user=U1 channel=C1 workflow=\S+ instance=\S+ outcome=found:SUCCEEDED latency_ms=\d+$/,
    );
  });

  test('bare IDs in the other order are tried swapped once, and the swapped ref is the one reported', async () => {
    const { lookup, source } = fakeLookup();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const outcome = await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: false }, {});
    expect(outcome.ref).toEqual(ref);
    expect(outcome.result.ok).toBe(true);
    expect(source.calls).toEqual([`instance ${RUN}/${WF}`, `instance ${WF}/${RUN}`]);
  });

  test('labelled IDs are never swapped, and the failure is the first answer', async () => {
    const { lookup, source } = fakeLookup();
    const outcome = await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: true }, {});
    expect(outcome.result).toEqual({ ok: false, failure: { kind: 'not_found', what: 'workflow' } });
    expect(source.calls).toHaveLength(1);
  });

  test('a swap that also fails keeps the first failure and the ref as typed', async () => {
    const { lookup } = fakeLookup();
    const outcome = await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: false }, {});
    expect(outcome.ref).toEqual({ workflowId: RUN, instanceId: WF });
    expect(outcome.result.ok).toBe(false);
  });
});

describe('RunLookup.lookUpCommand', () => {
  test('help and bad words are usage outcomes, and nothing is sent to Datadog', async () => {
    const { lookup, source } = fakeLookup();
    await expect(lookup.lookUpCommand('', {})).resolves.toEqual({ kind: 'usage' });
    const invalid = await lookup.lookUpCommand('please help', {});
    expect(invalid).toEqual({
      kind: 'usage',
      problem: expect.stringMatching(/“please” is not a workflow or instance ID/),
    });
    expect(commandVerdict(invalid)).toBe('usage');
    expect(source.calls).toEqual([]);
  });

  test('two IDs look up one run; the verdict says whether it was found', async () => {
    const { lookup, source } = fakeLookup();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const found = await lookup.lookUpCommand(`${WF} ${RUN}`, {});
    expect(found.kind === 'run' && found.run.ref).toEqual(ref);
    expect(commandVerdict(found)).toBe('found');
    expect(commandVerdict(await lookup.lookUpCommand(`${RUN} ${WF.replace('c', 'd')}`, {}))).toBe('failed');
  });

  test('a workflow alone lists its recent runs, cut to the limit, named from get-workflow', async () => {
    const { lookup, source } = fakeLookup();
    const runs = Array.from({ length: 12 }, (_, i) => ({
      workflowId: WF,
      instanceId: idOf(i),
      statusKind: 'SUCCEEDED',
      statusName: 'Succeeded',
    }));
    source.lists.set(WF, { workflowId: WF, workflowName: 'from the list', runs });
    source.workflows.set(WF, { workflowId: WF, name: 'Roll back payments' });
    const outcome = await lookup.lookUpCommand(`${WF} --last 3`, {});
    expect(outcome.kind).toBe('recent');
    const recent = outcome.kind === 'recent' ? outcome.recent : undefined;
    expect(recent?.result.ok && recent.result.value.runs).toHaveLength(3);
    expect(recent?.result.ok && recent.result.value.workflowName).toBe('Roll back payments');
    expect(source.calls).toEqual([`list ${WF} 3`, `workflow ${WF}`]);
  });

  test('the list stands without the workflow name, and a failed list is a failed outcome', async () => {
    const { lookup, source } = fakeLookup();
    source.lists.set(WF, { workflowId: WF, workflowName: 'from the list', runs: [] });
    const named = await lookup.listRecentRuns(WF, 10, {});
    expect(named.result.ok && named.result.value.workflowName).toBe('from the list');
    source.lists.clear();
    source.failures.set(WF, { kind: 'forbidden', status: 403 });
    const refused = await lookup.listRecentRuns(WF, 10, {});
    expect(refused).toEqual({
      workflowId: WF,
      result: { ok: false, failure: { kind: 'forbidden', status: 403 } },
      at: FIXED_NOW,
    });
  });
});

describe('RunLookup.lookUpMessage', () => {
  test('a message with no run is nothing found, without a call', async () => {
    const { lookup, source } = fakeLookup();
    await expect(lookup.lookUpMessage({ text: 'the deploy is broken' }, {})).resolves.toEqual({
      kind: 'nothing_found',
    });
    expect(source.calls).toEqual([]);
  });

  test('a workflow link alone lists its recent runs', async () => {
    const { lookup } = fakeLookup();
    const outcome = await lookup.lookUpMessage({ text: `https://app.datadoghq.com/workflow/${WF}` }, {});
    expect(outcome.kind).toBe('recent');
  });

  test(`only the first ${MAX_RUNS_FETCHED} runs are fetched; the rest are counted`, async () => {
    const { lookup, source } = fakeLookup();
    const text = Array.from({ length: MAX_RUNS_FETCHED + 3 }, (_, i) => `workflow ${WF} run ${idOf(i)}`).join('\n');
    const outcome = await lookup.lookUpMessage({ text }, {});
    expect(outcome).toMatchObject({ kind: 'runs', notFetched: 3, at: FIXED_NOW });
    expect(outcome.kind === 'runs' && outcome.runs).toHaveLength(MAX_RUNS_FETCHED);
    expect(source.calls).toHaveLength(MAX_RUNS_FETCHED);
  });
});

describe('RunLookup.readButton', () => {
  test('an intact value for this site names a certain run', () => {
    const { lookup } = fakeLookup();
    expect(lookup.readButton({ ...ref, site: 'datadoghq.com' })).toEqual({ ok: true, run: { ...ref, certain: true } });
  });

  test('a damaged value, or one made for another site, is refused with the reason', () => {
    const { lookup } = fakeLookup();
    expect(lookup.readButton(undefined)).toEqual({ ok: false, problem: 'damaged' });
    expect(lookup.readButton({ ...ref, site: 'datadoghq.eu' })).toEqual({
      ok: false,
      problem: 'other_site',
      buttonSite: 'datadoghq.eu',
      botSite: 'datadoghq.com',
    });
  });
});
