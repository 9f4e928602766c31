import { runKey } from '../../src/core/follows';

test('a run has one key whatever the case of its IDs: a follow made in upper case is found in lower case', () => {
  const lower = {
    workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
    instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
  };
  const upper = { workflowId: lower.workflowId.toUpperCase(), instanceId: lower.instanceId.toUpperCase() };
  expect(runKey(upper)).toBe('ccf73164-1998-4785-a7a3-8d06c7e5f558/305a472b-71ab-4ce8-8f8d-75db635627b5');
  expect(runKey(lower)).toBe(runKey(upper));
});
