/** Waits between tries to reach the store: 0.5 s, doubling, never above 10 s, each up to 20% shorter at random. */

export const STORE_RETRY = { firstMs: 500, maxMs: 10_000 };

/** The wait before retry number `retries` (0 for the first retry); the jitter keeps a fleet from retrying in step. */
export function storeRetryDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(STORE_RETRY.maxMs, STORE_RETRY.firstMs * 2 ** Math.min(retries, 20));
  return Math.round(base * (1 - 0.2 * random()));
}
