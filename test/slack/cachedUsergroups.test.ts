import { CachedUsergroups } from '../../src/slack/cachedUsergroups';
import { CountingGroups } from '../support/usergroups';

test('user group members are kept, asked once for concurrent checks, and a failure is never kept', async () => {
  const groups = new CountingGroups({ S1: ['U1'] });
  const cached = new CachedUsergroups(groups);
  await Promise.all([cached.members('S1'), cached.members('S1'), cached.members('S1')]);
  await cached.members('S1');
  expect(groups.asked).toBe(1);
  const down = new CountingGroups('down');
  const failing = new CachedUsergroups(down);
  await expect(failing.members('S1')).rejects.toThrow('missing_scope');
  await expect(failing.members('S1')).rejects.toThrow('missing_scope');
  expect(down.asked).toBe(2);
});
