import { orderedSteps, stepLine } from '../../src/render/runReply';
import { runEmoji, stepOutcome } from '../../src/render/status';

test('each run kind has its emoji; a kind Datadog has not told us about gets a question mark', () => {
  expect(
    ['SUCCEEDED', 'IN_PROGRESS', 'STEP_ERROR', 'INSTANCE_ERROR', 'CANCELED', 'PAUSED', 'succeeded'].map(runEmoji),
  ).toEqual([
    ':white_check_mark:',
    ':hourglass_flowing_sand:',
    ':x:',
    ':rotating_light:',
    ':no_entry_sign:',
    ':grey_question:',
    ':grey_question:',
  ]);
});

test.each([
  ['ERROR', 'failed'],
  ['step_failed', 'failed'],
  ['TIMED_OUT', 'failed'],
  ['TIMEDOUT', 'failed'],
  ['IN_PROGRESS', 'running'],
  ['running', 'running'],
  ['WAITING', 'running'],
  ['PENDING', 'pending'],
  ['QUEUED', 'pending'],
  ['SCHEDULED', 'pending'],
  ['NOT_STARTED', 'pending'],
  ['CANCELED', 'canceled'],
  ['CANCELLED', 'canceled'],
  ['SKIPPED', 'skipped'],
  ['SUCCEEDED', 'succeeded'],
  ['SUCCESS', 'succeeded'],
  ['COMPLETED', 'succeeded'],
  ['DONE', 'succeeded'],
  ['ok', 'succeeded'],
  ['OKAY', 'other'],
  ['', 'other'],
  ['ERROR_AFTER_RETRY_PENDING', 'failed'],
])('step state %j is %s', (state, outcome) => {
  expect(stepOutcome(state)).toBe(outcome);
});

test("each step line starts with its outcome's emoji, and failed and running steps are listed first", () => {
  const steps = ['SUCCEEDED', 'SKIPPED', 'OKAY', 'CANCELED', 'PENDING', 'IN_PROGRESS', 'ERROR'].map((state) => ({
    name: state.toLowerCase(),
    state,
  }));
  expect(orderedSteps({ steps }).map((listed) => stepLine(listed, steps.length).split(' ')[0])).toEqual([
    ':x:',
    ':hourglass_flowing_sand:',
    ':white_circle:',
    ':no_entry_sign:',
    ':grey_question:',
    ':fast_forward:',
    ':white_check_mark:',
  ]);
});
