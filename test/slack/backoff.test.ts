import { nextDelay, RetryWarnings, SLACK_BACKOFF } from '../../src/slack/backoff';
import { RecordingLog } from '../support/recordingLog';

test('each wait doubles the last, from the first, and stays at the cap', () => {
  const backoff = { firstMs: 100, maxMs: 500 };
  const waits = [backoff.firstMs];
  for (let i = 0; i < 4; i++) waits.push(nextDelay(waits[waits.length - 1] as number, backoff));
  expect(waits).toEqual([100, 200, 400, 500, 500]);
});

test("Slack's back-off reaches its cap and stays there", () => {
  let delay = SLACK_BACKOFF.firstMs;
  for (let i = 0; i < 20; i++) delay = nextDelay(delay, SLACK_BACKOFF);
  expect(delay).toBe(SLACK_BACKOFF.maxMs);
  expect(nextDelay(delay, SLACK_BACKOFF)).toBe(SLACK_BACKOFF.maxMs);
});

test('retry warnings: the first three failures warn, then one a minute, the rest at debug; a success starts over', () => {
  const log = new RecordingLog();
  let now = 0;
  const warnings = new RetryWarnings(log, () => now);
  // A failure every 10 s for two minutes.
  for (let i = 0; i < 13; i++, now += 10_000) warnings.failed('slack auth.test failed, retrying', { attempt: i + 1 });
  const warned = log.events.filter((event) => event.level === 'warn').map((event) => event.fields?.attempt);
  expect(warned).toEqual([1, 2, 3, 9]);
  expect(log.events.filter((event) => event.level === 'debug')).toHaveLength(9);
  warnings.succeeded();
  warnings.failed('slack auth.test failed, retrying', { attempt: 1 });
  expect(log.events.at(-1)?.level).toBe('warn');
});
