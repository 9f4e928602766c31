import type { Log } from '../core/log';

/** Waits between tries: `firstMs`, doubling each time, never above `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const SLACK_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };

export function nextDelay(delayMs: number, backoff: Backoff): number {
  return Math.min(delayMs * 2, backoff.maxMs);
}

/** Waits `ms`, or less when `signal` aborts (the bot is stopping). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Failures in a row that each get a warn line; after them, one a minute. */
const LOUD_TRIES = 3;
const QUIET_WARN_MS = 60_000;

/**
 * The log of a retry loop that may run for hours while Slack or Datadog is out of reach: the first few failures in a row
 * warn, then one warn a minute, the rest at debug.
 */
export class RetryWarnings {
  private failures = 0;
  private lastWarnAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {}

  failed(message: string, fields: Record<string, unknown>): void {
    this.failures++;
    const at = this.now();
    if (this.failures > LOUD_TRIES && at - this.lastWarnAt < QUIET_WARN_MS) {
      this.log.debug(message, fields);
      return;
    }
    this.lastWarnAt = at;
    this.log.warn(message, fields);
  }

  succeeded(): void {
    this.failures = 0;
    this.lastWarnAt = Number.NEGATIVE_INFINITY;
  }
}
