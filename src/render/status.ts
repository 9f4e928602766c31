/** Emoji and wording for run and step states, including kinds Datadog has not told us about. */

const RUN_EMOJI: Record<string, string> = {
  SUCCEEDED: ':white_check_mark:',
  IN_PROGRESS: ':hourglass_flowing_sand:',
  STEP_ERROR: ':x:',
  INSTANCE_ERROR: ':rotating_light:',
  CANCELED: ':no_entry_sign:',
};

export function runEmoji(kind: string): string {
  return RUN_EMOJI[kind] ?? ':grey_question:';
}

export type StepOutcome = 'failed' | 'running' | 'pending' | 'succeeded' | 'canceled' | 'skipped' | 'other';

const STEP_PATTERNS: Array<[StepOutcome, RegExp]> = [
  ['failed', /ERROR|FAIL|TIMED_?OUT/],
  ['running', /PROGRESS|RUNNING|WAIT/],
  ['pending', /PENDING|QUEUED|SCHEDULED|NOT_STARTED/],
  ['canceled', /CANCEL/],
  ['skipped', /SKIP/],
  ['succeeded', /SUCCE|COMPLETE|DONE|^OK$/],
];

export function stepOutcome(state: string): StepOutcome {
  const upper = state.toUpperCase();
  return STEP_PATTERNS.find(([, pattern]) => pattern.test(upper))?.[0] ?? 'other';
}

export const STEP_EMOJI: Record<StepOutcome, string> = {
  failed: ':x:',
  running: ':hourglass_flowing_sand:',
  pending: ':white_circle:',
  succeeded: ':white_check_mark:',
  canceled: ':no_entry_sign:',
  skipped: ':fast_forward:',
  other: ':grey_question:',
};

/** Failed and running steps matter most at 3 a.m., so they come first. */
export const STEP_ORDER: StepOutcome[] = ['failed', 'running', 'pending', 'canceled', 'other', 'skipped', 'succeeded'];
