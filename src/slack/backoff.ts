/** Waits between tries: `firstMs`, doubling each time, never above `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const SLACK_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };

export function nextDelay(delayMs: number, backoff: Backoff): number {
  return Math.min(delayMs * 2, backoff.maxMs);
}
