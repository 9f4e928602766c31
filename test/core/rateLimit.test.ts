import { PerUserRateLimit } from '../../src/core/rateLimit';

test('the rate limit counts each user apart and starts afresh each minute', () => {
  let now = 60_000 * 1000;
  const limit = new PerUserRateLimit(2, () => now);
  expect([limit.take('U1'), limit.take('U1'), limit.take('U1')]).toEqual([true, true, false]);
  expect(limit.take('U2')).toBe(true);
  now += 60_000;
  expect(limit.take('U1')).toBe(true);
});
