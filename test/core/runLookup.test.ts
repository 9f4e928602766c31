import { AccessPolicy } from '../../src/core/access';
import { createLog } from '../../src/core/log';
import { commandVerdict } from '../../src/core/outcomes';
import type { ActionEvent, Freshness, SourceResult } from '../../src/core/ports';
import { PerUserRateLimit } from '../../src/core/rateLimit';
import type { RunRef, WorkflowRun } from '../../src/core/run';
import { MAX_RUNS_FETCHED, RunLookup, type RunLookupDeps } from '../../src/core/runLookup';
import type { RecentLookup } from '../../src/core/surfacePorts';
import { FakeSource, FIXED_NOW, fakeLookup, sampleRun } from '../support/fakeSource';

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
      problem: expect.stringMatching(/“please” and “help” are not workflow or instance IDs/),
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

describe('RunLookup decisions, exactly', () => {
  const WF2 = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
  const older = new Date('2026-11-28T03:00:00Z');

  /** A source that says when it fetched, and what freshness each call asked for. */
  class TimedSource extends FakeSource {
    readonly asked: (Freshness | undefined)[] = [];
    fetchedAt?: Date;
    override async getInstance(runRef: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>> {
      this.asked.push(freshness);
      const answer = await super.getInstance(runRef);
      return this.fetchedAt ? { ...answer, fetchedAt: this.fetchedAt } : answer;
    }
  }

  function setUp(deps: Partial<RunLookupDeps> = {}) {
    const source = new TimedSource();
    const logLines: string[] = [];
    const events: ActionEvent[] = [];
    const lookup = new RunLookup({
      source,
      site: 'datadoghq.com',
      log: createLog('debug', (line) => logLines.push(line)),
      clock: () => FIXED_NOW,
      observer: (event) => events.push(event),
      ...deps,
    });
    return { lookup, source, logLines, events };
  }

  test('a link to a run on another site is not asked of this one', async () => {
    const { lookup, source, events } = setUp();
    const outcome = await lookup.lookUpRun({ ...ref, certain: true, site: 'datadoghq.eu' }, { via: 'command' });
    expect(outcome).toEqual({
      ref,
      result: { ok: false, failure: { kind: 'other_site', linkSite: 'datadoghq.eu', botSite: 'datadoghq.com' } },
      at: FIXED_NOW,
    });
    expect(source.calls).toEqual([]);
    expect(events.map((event) => event.outcome)).toEqual(['other_site']);
  });

  test('a link to a run on this site is asked as usual', async () => {
    const { lookup, source } = setUp();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const outcome = await lookup.lookUpRun({ ...ref, certain: true, site: 'datadoghq.com' }, {});
    expect(outcome.result.ok).toBe(true);
  });

  test('bare IDs are swapped only when the workflow was not found, not the run', async () => {
    const { lookup, source } = setUp();
    source.runs.set(`${RUN}/${WF2}`, sampleRun({ workflowId: RUN, instanceId: WF2 }));
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const outcome = await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: false }, {});
    expect(outcome.result).toEqual({ ok: false, failure: { kind: 'not_found', what: 'instance' } });
    expect(source.calls).toEqual([`instance ${RUN}/${WF}`]);
  });

  test('bare IDs are not swapped when the run failed otherwise', async () => {
    const { lookup, source } = setUp();
    source.failures.set(`${RUN}/${WF}`, { kind: 'forbidden', status: 403 });
    await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: false }, {});
    expect(source.calls).toHaveLength(1);
  });

  test('Refresh asks for data at most a second old; a plain lookup asks nothing', async () => {
    const { lookup, source } = setUp();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    await lookup.refreshRun({ ...ref, certain: true }, {});
    await lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(source.asked).toEqual([{ maxAgeMs: 1000 }, undefined]);
  });

  test("a cached answer keeps the time Datadog gave it, not now's", async () => {
    const { lookup, source } = setUp();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    source.fetchedAt = older;
    const outcome = await lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(outcome).toEqual({ ref, result: { ok: true, value: sampleRun(ref) }, at: older });
  });

  test("a message's runs are dated by the oldest fetch among them", async () => {
    const { lookup, source } = setUp();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    source.fetchedAt = older;
    const outcome = await lookup.lookUpMessage({ text: `workflow ${WF} run ${RUN}` }, {});
    expect(outcome).toEqual({
      kind: 'runs',
      runs: [{ ref, result: { ok: true, value: sampleRun(ref) }, at: older }],
      notFetched: 0,
      at: older,
    });
  });

  test('each lookup is remembered for App Home: the run as shown, or the failure; never a refusal or without a user', async () => {
    const recorded: [string, RecentLookup][] = [];
    const recentLookups = {
      record: async (userId: string, lookup: RecentLookup) => void recorded.push([userId, lookup]),
      list: async () => [],
    };
    const { lookup, source } = setUp({
      recentLookups,
      access: new AccessPolicy({ workflowIds: [WF] }),
    });
    source.runs.set(`${WF}/${RUN}`, {
      ...sampleRun(ref),
      steps: [{ name: 'a', state: 'ERROR' }],
      statusKind: 'STEP_ERROR',
    });
    await lookup.lookUpRun({ ...ref, certain: true }, { userId: 'U1' });
    await lookup.lookUpRun({ workflowId: WF, instanceId: WF2, certain: true }, { userId: 'U1' });
    await lookup.lookUpRun({ workflowId: WF2, instanceId: RUN, certain: true }, { userId: 'U1' });
    await lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(recorded).toEqual([
      [
        'U1',
        {
          ref,
          at: FIXED_NOW,
          result: { ok: true, run: { statusKind: 'STEP_ERROR', statusName: 'SUCCEEDED', workflowName: 'Roll back' } },
        },
      ],
      [
        'U1',
        {
          ref: { workflowId: WF, instanceId: WF2 },
          at: FIXED_NOW,
          result: { ok: false, failure: { kind: 'not_found', what: 'instance' } },
        },
      ],
    ]);
  });

  test('a memory that fails is logged as a warning and costs the lookup nothing', async () => {
    const recentLookups = {
      record: async () => {
        throw new Error('disk gone');
      },
      list: async () => [],
    };
    const { lookup, source, logLines } = setUp({ recentLookups });
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const outcome = await lookup.lookUpRun({ ...ref, certain: true }, { userId: 'U1' });
    expect(outcome.result.ok).toBe(true);
    expect(logLines.filter((line) => line.includes('WARN'))).toEqual([
      expect.stringMatching(/WARN recent lookup not remembered error="?disk gone"?$/),
    ]);
  });

  test('the rate limit refuses past its share, per user, and a request with no user is not counted', async () => {
    const { lookup, source, events } = setUp({ rateLimit: new PerUserRateLimit(1, () => 0) });
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const found = { ...ref, certain: true };
    expect((await lookup.lookUpRun(found, { userId: 'U1' })).result.ok).toBe(true);
    expect((await lookup.lookUpRun(found, { userId: 'U1' })).result).toEqual({
      ok: false,
      failure: { kind: 'refused', reason: 'rate_limited' },
    });
    expect((await lookup.lookUpRun(found, { userId: 'U2' })).result.ok).toBe(true);
    expect((await lookup.lookUpRun(found, {})).result.ok).toBe(true);
    expect((await lookup.lookUpRun(found, {})).result.ok).toBe(true);
    expect(events.map((event) => [event.outcome, event.refusal])).toEqual([
      ['found', undefined],
      ['refused', 'rate_limited'],
      ['found', undefined],
      ['found', undefined],
      ['found', undefined],
    ]);
  });

  test('the observer gets who, where, which run, the entry point and a label-sized outcome; the log the same', async () => {
    const { lookup, source, events, logLines } = setUp();
    source.runs.set(`${WF}/${RUN}`, sampleRun(ref));
    const asker = { via: 'shortcut' as const, teamId: 'T1', enterpriseId: 'E1', userId: 'U1', channelId: 'C1' };
    await lookup.lookUpRun({ ...ref, certain: true }, asker);
    expect(events).toEqual([
      {
        kind: 'lookup',
        entryPoint: 'shortcut',
        outcome: 'found',
        refusal: undefined,
        latencyMs: expect.any(Number),
        requester: { teamId: 'T1', enterpriseId: 'E1', userId: 'U1', channelId: 'C1' },
        workflowId: WF,
        instanceId: RUN,
      },
    ]);
    expect(logLines).toEqual([
      expect.stringMatching(
        new RegExp(
          `INFO lookup via=shortcut user=U1 channel=C1 workflow=${WF} instance=${RUN} outcome=found:SUCCEEDED latency_ms=\\d+$`,
        ),
      ),
    ]);
    await lookup.lookUpRun({ workflowId: WF2, instanceId: RUN, certain: true }, {});
    expect(events[1]).toMatchObject({ entryPoint: 'unknown', outcome: 'workflow_not_found' });
  });

  test('recent runs: refused before any call; listed with the count; a failed list logged by its tag', async () => {
    const { lookup, source, events } = setUp({ access: new AccessPolicy({ workflowIds: [WF] }) });
    const refused = await lookup.listRecentRuns(WF2, 5, { userId: 'U1' });
    expect(refused).toEqual({
      workflowId: WF2,
      result: { ok: false, failure: { kind: 'refused', reason: 'workflow' } },
      at: FIXED_NOW,
    });
    expect(source.calls).toEqual([]);
    source.lists.set(WF, { workflowId: WF, workflowName: 'From list', runs: [] });
    const listed = await lookup.listRecentRuns(WF, 5, {});
    expect(listed.result).toEqual({ ok: true, value: { workflowId: WF, workflowName: 'From list', runs: [] } });
    source.failures.set(WF, { kind: 'unavailable', status: 503 });
    source.lists.delete(WF);
    await lookup.listRecentRuns(WF, 5, {});
    expect(events.map((event) => [event.kind, event.outcome, event.workflowId, event.instanceId])).toEqual([
      ['recent', 'refused', WF2, undefined],
      ['recent', 'listed', WF, undefined],
      ['recent', 'unavailable', WF, undefined],
    ]);
  });

  test('a refused help or message is logged and told as refused, with no call', async () => {
    const { lookup, source, events } = setUp({ access: new AccessPolicy({ userIds: ['U0OK'] }) });
    expect(await lookup.lookUpCommand('help', { userId: 'U1' })).toEqual({ kind: 'refused', reason: 'user' });
    expect(await lookup.lookUpCommand('nonsense', { userId: 'U1' })).toEqual({ kind: 'refused', reason: 'user' });
    expect(await lookup.lookUpMessage({ text: 'x' }, { userId: 'U1' })).toEqual({ kind: 'refused', reason: 'user' });
    expect(await lookup.lookUpCommand('help', { userId: 'U0OK' })).toEqual({ kind: 'usage' });
    expect(source.calls).toEqual([]);
    expect(events.map((event) => [event.kind, event.outcome, event.refusal])).toEqual([
      ['lookup', 'refused', 'user'],
      ['lookup', 'refused', 'user'],
      ['lookup', 'refused', 'user'],
    ]);
  });

  test("Datadog's words in a bad request are logged at debug, cut to 200 characters; other failures log none", async () => {
    const { lookup, source, logLines } = setUp();
    source.failures.set(`${WF}/${RUN}`, { kind: 'bad_request', status: 400, detail: 'w'.repeat(300) });
    await lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(logLines.filter((line) => line.includes('DEBUG'))).toEqual([
      expect.stringMatching(new RegExp(`DEBUG datadog said detail="?${'w'.repeat(200)}"?$`)),
    ]);
    source.failures.set(`${WF}/${RUN}`, { kind: 'bad_request', status: 400 });
    await lookup.lookUpRun({ ...ref, certain: true }, {});
    expect(logLines.filter((line) => line.includes('DEBUG'))).toHaveLength(1);
  });
});
