import { nextDelay, SLACK_BACKOFF } from '../../src/slack/backoff';

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
