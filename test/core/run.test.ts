import { hasEnded, isUuid } from '../../src/core/run';

test('an ID is a UUID in any case, whole, and nothing else', () => {
  expect(isUuid('ccf73164-1998-4785-a7a3-8d06c7e5f558')).toBe(true);
  expect(isUuid('CCF73164-1998-4785-A7A3-8D06C7E5F558')).toBe(true);
  expect(isUuid(' ccf73164-1998-4785-a7a3-8d06c7e5f558')).toBe(false);
  expect(isUuid('ccf73164-1998-4785-a7a3-8d06c7e5f55')).toBe(false);
  expect(isUuid('ccf73164199847859a7a38d06c7e5f558')).toBe(false);
  expect(isUuid('gcf73164-1998-4785-a7a3-8d06c7e5f558')).toBe(false);
});

test('a run has ended in an end state or once it has an end time; an unknown state without one is still running', () => {
  for (const statusKind of ['SUCCEEDED', 'STEP_ERROR', 'INSTANCE_ERROR', 'CANCELED']) {
    expect(hasEnded({ statusKind })).toBe(true);
  }
  expect(hasEnded({ statusKind: 'IN_PROGRESS' })).toBe(false);
  expect(hasEnded({ statusKind: 'PAUSED_FOR_APPROVAL' })).toBe(false);
  expect(hasEnded({ statusKind: 'PAUSED_FOR_APPROVAL', endedAt: new Date(0) })).toBe(true);
});
