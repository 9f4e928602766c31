import type { NetworkCause } from './networkFailure';
import type { RefusalReason } from './requester';
import type { DatadogSite } from './sites';

/** Every way a Datadog call can fail, as a value the caller must handle. */
export type DatadogFailure =
  | { kind: 'not_found'; what: 'workflow' | 'instance' | 'unknown' }
  /** `status` when Datadog refused the request (`detail` then holds its own words, if its body had any); absent when the bot refused the IDs before asking. */
  | { kind: 'bad_request'; status?: number; detail?: string }
  | { kind: 'forbidden'; status: number }
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  | { kind: 'unavailable'; status: number }
  | { kind: 'timeout'; afterMs: number }
  /** `cutOff` when Datadog began to answer and the connection broke before the whole body came; `cause` when known. */
  | { kind: 'unreachable'; code?: string; cause?: NetworkCause; cutOff?: boolean }
  | { kind: 'invalid_response'; reason: string }
  /** Not sent: the run's link is for another Datadog site than the one the bot reads, where it cannot exist. */
  | { kind: 'other_site'; linkSite: DatadogSite; botSite: DatadogSite }
  /** Not sent: the bot's access rules or its per-user rate limit refused the request. */
  | { kind: 'refused'; reason: RefusalReason }
  /** Not sent: the bot already waits on as many Datadog requests as it may, with a full queue behind them. */
  | { kind: 'busy' };

export type DatadogResult<T> = { ok: true; value: T } | { ok: false; failure: DatadogFailure };

export function failed<T>(failure: DatadogFailure): DatadogResult<T> {
  return { ok: false, failure };
}

/** A short machine-readable word for logs. */
export function failureTag(failure: DatadogFailure): string {
  return failure.kind === 'not_found' ? `${failure.what}_not_found` : failure.kind;
}

/** Failures that asking again will not change (a missing run, a refusal by Datadog): a watch ends on one, an unfurl shows one. */
export function isLasting(failure: DatadogFailure): boolean {
  return failure.kind === 'not_found' || failure.kind === 'forbidden' || failure.kind === 'bad_request';
}
