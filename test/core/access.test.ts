import { AccessPolicy } from '../../src/core/access';
import { createLog } from '../../src/core/log';
import { PerUserRateLimit } from '../../src/core/rateLimit';
import { RunLookup } from '../../src/core/runLookup';
import { LruRecentLookups } from '../../src/store/recentLookups';
import { FakeSource, FIXED_NOW, sampleRun } from '../support/fakeSource';
import { CountingGroups } from '../support/usergroups';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const HERE = { teamId: 'T1', userId: 'U1', channelId: 'C1' };

test('empty lists allow everyone, everywhere, for every workflow', async () => {
  expect(await new AccessPolicy().check({ via: 'share' }, WF)).toBeUndefined();
});

test('each list refuses what it does not name, and says which list', async () => {
  const policy = new AccessPolicy({ teamIds: ['T1'], channelIds: ['C1'], userIds: ['U1'], workflowIds: [WF] });
  expect(await policy.check(HERE, WF)).toBeUndefined();
  expect(await policy.check({ ...HERE, teamId: 'T2' })).toBe('team');
  expect(await policy.check({ ...HERE, teamId: undefined })).toBe('team');
  expect(await policy.check({ ...HERE, channelId: 'C2' })).toBe('channel');
  expect(await policy.check({ ...HERE, channelId: undefined })).toBe('channel');
  expect(await policy.check({ ...HERE, userId: 'U2' })).toBe('user');
  expect(await policy.check(HERE, RUN)).toBe('workflow');
  // Workflow IDs are compared as the lowercase UUIDs the parsers give.
  expect(await policy.check(HERE, WF.toUpperCase())).toBeUndefined();
});

test('a team list matches the Enterprise Grid org too', async () => {
  const policy = new AccessPolicy({ teamIds: ['E1'] });
  expect(await policy.check({ teamId: 'T9', enterpriseId: 'E1' })).toBeUndefined();
  expect(await policy.check({ teamId: 'T9', enterpriseId: 'E2' })).toBe('team');
});

test('App Home is not checked against the channel list; everything else is', async () => {
  const policy = new AccessPolicy({ channelIds: ['C1'], userIds: ['U1'] });
  expect(await policy.check({ userId: 'U1', via: 'home' })).toBeUndefined();
  expect(await policy.check({ userId: 'U2', via: 'home' })).toBe('user');
  expect(await policy.check({ userId: 'U1', via: 'command' })).toBe('channel');
});

test('with Share off, Share is refused and nothing else', async () => {
  const policy = new AccessPolicy({ shareEnabled: false });
  expect(policy.shareEnabled).toBe(false);
  expect(await policy.check({ ...HERE, via: 'share' })).toBe('share_off');
  expect(await policy.check({ ...HERE, via: 'view' })).toBeUndefined();
});

test('user groups: a member of any is allowed; a failed lookup refuses with its own reason', async () => {
  const groups = new CountingGroups({ S1: ['U9'], S2: ['U1'] });
  const policy = new AccessPolicy({ usergroupIds: ['S1', 'S2'] }, groups);
  expect(await policy.check(HERE)).toBeUndefined();
  expect(await policy.check({ ...HERE, userId: 'U2' })).toBe('usergroup');
  expect(await policy.check({ ...HERE, userId: undefined })).toBe('usergroup_unknown');
  expect(await new AccessPolicy({ usergroupIds: ['S1'] }, new CountingGroups('down')).check(HERE)).toBe(
    'usergroup_unknown',
  );
  expect(await new AccessPolicy({ usergroupIds: ['S1'] }).check(HERE)).toBe('usergroup_unknown');
});

function guarded(policy: AccessPolicy, rateLimit?: PerUserRateLimit) {
  const source = new FakeSource();
  source.runs.set(`${WF}/${RUN}`, sampleRun({ workflowId: WF, instanceId: RUN }));
  const lookup = new RunLookup({
    source,
    site: 'datadoghq.com',
    log: createLog('error'),
    clock: () => FIXED_NOW,
    access: policy,
    rateLimit,
  });
  return { source, lookup };
}

test('every use case asks the policy before the source, and a refusal never reaches it', async () => {
  const { source, lookup } = guarded(new AccessPolicy({ userIds: ['U1'] }));
  const stranger = { ...HERE, userId: 'U2' };
  const run = await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, stranger);
  expect(run.result).toEqual({ ok: false, failure: { kind: 'refused', reason: 'user' } });
  expect(await lookup.lookUpCommand(`${WF} ${RUN}`, stranger)).toMatchObject({
    kind: 'run',
    run: { result: { ok: false, failure: { kind: 'refused', reason: 'user' } } },
  });
  expect(await lookup.lookUpCommand('help', stranger)).toEqual({ kind: 'refused', reason: 'user' });
  expect(await lookup.lookUpCommand('nonsense', stranger)).toEqual({ kind: 'refused', reason: 'user' });
  expect(await lookup.lookUpMessage({ text: `${WF} ${RUN}` }, stranger)).toEqual({ kind: 'refused', reason: 'user' });
  const recent = await lookup.listRecentRuns(WF, 5, stranger);
  expect(recent.result).toEqual({ ok: false, failure: { kind: 'refused', reason: 'user' } });
  expect(source.calls).toEqual([]);
  expect((await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, HERE)).result.ok).toBe(true);
});

test('two bare IDs are not tried in the other order when that order names a workflow not allowed', async () => {
  const { source, lookup } = guarded(new AccessPolicy({ workflowIds: [RUN] }));
  const outcome = await lookup.lookUpRun({ workflowId: RUN, instanceId: WF, certain: false }, HERE);
  expect(outcome.result.ok).toBe(false);
  expect(source.calls).toEqual([`instance ${RUN}/${WF}`]);
});

test('the rate limit refuses the lookup past it, before the source', async () => {
  const { source, lookup } = guarded(new AccessPolicy(), new PerUserRateLimit(1));
  await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, HERE);
  const second = await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, HERE);
  expect(second.result).toEqual({ ok: false, failure: { kind: 'refused', reason: 'rate_limited' } });
  expect(source.calls).toHaveLength(1);
});

test('a refused lookup is not remembered for App Home', async () => {
  const recentLookups = new LruRecentLookups();
  const lookup = new RunLookup({
    source: new FakeSource(),
    site: 'datadoghq.com',
    log: createLog('error'),
    recentLookups,
    access: new AccessPolicy({ workflowIds: [RUN] }),
  });
  await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, HERE);
  expect(await recentLookups.list('U1')).toEqual([]);
});
