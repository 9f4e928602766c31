import { AccessPolicy } from '../../src/core/access';
import { ActorPolicy, type ActorRules } from '../../src/core/actors';
import { CountingGroups } from '../support/usergroups';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const OTHER_WF = '0233a3b7-b7ba-425e-a8cc-375ca2020b5b';
const HERE = { teamId: 'T1', userId: 'U1', channelId: 'C1', via: 'cancel' as const };
const ON: ActorRules = { enabled: true, userIds: ['U1'], usergroupIds: [], workflowIds: [] };

const policy = (rules: Partial<ActorRules>, access = new AccessPolicy(), groups?: CountingGroups) =>
  new ActorPolicy({ ...ON, ...rules }, access, groups);

test('off, nobody may act, not even a listed user, and no user group is asked', async () => {
  const groups = new CountingGroups({ S1: ['U1'] });
  expect(await policy({ enabled: false, usergroupIds: ['S1'] }, undefined, groups).check(HERE, WF)).toBe('actions_off');
  expect(groups.asked).toBe(0);
});

test('on with both actor lists empty, nobody may act', async () => {
  expect(await policy({ userIds: [] }).check(HERE, WF)).toBe('not_actor');
});

test('a user in ALLOWED_ACTOR_USER_IDS may act; another may not', async () => {
  expect(await policy({}).check(HERE, WF)).toBeUndefined();
  expect(await policy({}).check({ ...HERE, userId: 'U2' }, WF)).toBe('not_actor');
  expect(await policy({}).check({ ...HERE, userId: undefined }, WF)).toBe('not_actor');
});

test('a member of a group in ALLOWED_ACTOR_USERGROUP_IDS may act; when Slack cannot say, nobody is let through', async () => {
  const groups = new CountingGroups({ S1: ['U7'], S2: ['U8'] });
  const byGroup = policy({ userIds: [], usergroupIds: ['S1', 'S2'] }, undefined, groups);
  expect(await byGroup.check({ ...HERE, userId: 'U8' }, WF)).toBeUndefined();
  expect(await byGroup.check({ ...HERE, userId: 'U9' }, WF)).toBe('not_actor');
  expect(
    await policy({ userIds: [], usergroupIds: ['S1'] }, undefined, new CountingGroups('down')).check(HERE, WF),
  ).toBe('actor_unknown');
  // Either list lets a user through: a listed user needs no group.
  expect(await policy({ usergroupIds: ['S1'] }, undefined, groups).check(HERE, WF)).toBeUndefined();
});

test('ACTIONS_WORKFLOW_IDS, when set, names the only workflows that may be acted on, in any case', async () => {
  const some = policy({ workflowIds: [WF.toUpperCase()] });
  expect(await some.check(HERE, WF)).toBeUndefined();
  expect(await some.check(HERE, OTHER_WF)).toBe('workflow_not_actable');
});

test('every read rule still applies to an actor: team, channel, user, user group and workflow', async () => {
  const cases: Array<[Partial<ConstructorParameters<typeof AccessPolicy>[0]>, string]> = [
    [{ teamIds: ['T9'] }, 'team'],
    [{ channelIds: ['C9'] }, 'channel'],
    [{ userIds: ['U9'] }, 'user'],
    [{ workflowIds: [OTHER_WF] }, 'workflow'],
  ];
  for (const [rules, refusal] of cases) expect(await policy({}, new AccessPolicy(rules)).check(HERE, WF)).toBe(refusal);
  const readGroups = new AccessPolicy({ usergroupIds: ['S5'] }, new CountingGroups({ S5: ['U5'] }));
  expect(await policy({}, readGroups).check(HERE, WF)).toBe('usergroup');
});

test('the CLI (the operator holding the keys) needs only ACTIONS_ENABLED and, when set, the workflow on ACTIONS_WORKFLOW_IDS', async () => {
  const cli = { via: 'cli' as const };
  expect(await policy({ userIds: [] }).check(cli, WF)).toBeUndefined();
  expect(await policy({ enabled: false }).check(cli, WF)).toBe('actions_off');
  expect(await policy({ workflowIds: [OTHER_WF] }).check(cli, WF)).toBe('workflow_not_actable');
});
