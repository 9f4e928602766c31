import { storeRetryDelayMs } from '../../src/store/retryDelay';

test('the retry wait: 0.5 s, doubling, never above 10 s, and the jitter only ever shortens it', () => {
  const waits = (random: () => number) =>
    [0, 1, 2, 3, 4, 5, 6, 60].map((retries) => storeRetryDelayMs(retries, random));
  expect(waits(() => 0)).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  expect(waits(() => 0.999_999)).toEqual([400, 800, 1600, 3200, 6400, 8000, 8000, 8000]);
});
