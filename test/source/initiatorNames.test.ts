import type { RunRef, WorkflowRun } from '../../src/core/run';
import { InitiatorNamesSource, withoutEmail } from '../../src/source/initiatorNames';
import { FakeSource, sampleRun } from '../support/fakeSource';

const ref: RunRef = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
};

test('an email becomes its name part; names and sources stay', () => {
  expect(withoutEmail('jane.doe@example.com (manual)')).toBe('jane.doe (manual)');
  expect(withoutEmail('Jane Doe (manual)')).toBe('Jane Doe (manual)');
  expect(withoutEmail('@example.com')).toBe('someone');
});

test('runs and lists name their starter without an email', async () => {
  const source = new FakeSource();
  const run: WorkflowRun = { ...sampleRun(ref), startedBy: 'jane.doe@example.com (api)' };
  source.runs.set(`${ref.workflowId}/${ref.instanceId}`, run);
  source.lists.set(ref.workflowId, {
    workflowId: ref.workflowId,
    runs: [{ ...run }, { ...ref, statusKind: 'X', statusName: 'X' }],
  });
  const named = new InitiatorNamesSource(source);
  const found = await named.getInstance(ref);
  expect(found.ok && found.value.startedBy).toBe('jane.doe (api)');
  const list = await named.listInstances(ref.workflowId, 5);
  expect(list.ok && list.value.runs.map((listed) => listed.startedBy)).toEqual(['jane.doe (api)', undefined]);
  expect(JSON.stringify(list)).not.toContain('@');
});
