import { orderedSteps, stepLine } from '../../src/render/runReply';
import { runEmoji, stepOutcome } from '../../src/render/status';
import { formatDuration, slackDate } from '../../src/render/time';

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
  expect(orderedSteps(steps).map((step) => stepLine(step).split(' ')[0])).toEqual([
    ':x:',
    ':hourglass_flowing_sand:',
    ':white_circle:',
    ':no_entry_sign:',
    ':grey_question:',
    ':fast_forward:',
    ':white_check_mark:',
  ]);
});

test('a Slack date: the Unix second, the format, and a UTC fallback without milliseconds', () => {
  expect(slackDate(new Date('2026-11-28T03:10:00.999Z'))).toBe(
    '<!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>',
  );
});

test.each([
  [-5, '0 ms'],
  [0, '0 ms'],
  [849.6, '850 ms'],
  [999, '999 ms'],
  [1000, '1s'],
  [59_999, '59s'],
  [60_000, '1m'],
  [96_000, '1m 36s'],
  [3_600_000, '1h'],
  [3_723_000, '1h 2m'],
  [3_605_000, '1h'],
  [86_400_000, '1d'],
  [90_061_000, '1d 1h'],
  [86_460_000, '1d'],
])('%d ms reads as %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});
