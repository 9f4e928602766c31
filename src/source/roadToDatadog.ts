import type { Log } from '../core/log';
import type { Clock, DatadogApi, RunActions, RunSource, SharedRunCache } from '../core/ports';
import { CachedRunSource, type RunCacheOptions } from './cachedRunSource';
import { ConcurrencyLimitedSource, type ConcurrencyLimits } from './concurrencyLimit';
import { InitiatorNamesSource } from './initiatorNames';
import { type DatadogCallMeter, MeteredSource } from './meteredSource';
import { SharedEndedRuns } from './sharedEndedRuns';

export interface RoadOptions {
  limits: ConcurrencyLimits;
  cache: Omit<RunCacheOptions, 'clock'>;
  /** A fleet on Redis: ended runs are shared between the process cache and Datadog. */
  sharedRuns?: SharedRunCache;
  /** Each call made to Datadog is timed and counted here (the watcher's polls too; cache hits never). */
  meter?: DatadogCallMeter;
  /** Off: runs name who started them without an email. */
  showInitiatorEmail?: boolean;
  log: Log;
  clock?: Clock;
}

export interface Road {
  /** What the lookups ask: every wrapper below, top to bottom. */
  lookups: RunSource;
  /**
   * Datadog with no cache in front, under the concurrency limit like every lookup, metered and named the same: what
   * the run watcher polls.
   */
  uncached: RunSource;
  /** Cancel and run: under the same limit, metered, never cached (a write is not an answer to keep). */
  actions: RunActions;
}

type Wrapper = (below: RunSource) => RunSource;

const wrapped = (wrappers: Wrapper[], bottom: RunSource) =>
  wrappers.reduceRight<RunSource>((below, wrap) => wrap(below), bottom);

/** Everything between a lookup and Datadog, in the order a call goes through it. */
export function buildRunSource(datadog: DatadogApi, options: RoadOptions): Road {
  const { limits, cache, sharedRuns, meter, showInitiatorEmail, log, clock } = options;
  const ttlMs = cache.finishedTtlMs;
  // Below both caches: a cache hit costs no renaming, no turn and no metering; the meter counts only real Datadog calls.
  const metered: DatadogApi = meter ? new MeteredSource(datadog, meter) : datadog;
  // Only calls that reach Datadog wait for a turn, writes included: cache hits and ended runs shared by the fleet take none.
  const limited = new ConcurrencyLimitedSource(metered, limits);
  const uncached = showInitiatorEmail === false ? new InitiatorNamesSource(limited) : limited;
  const caches: Wrapper[] = [
    (below) => new CachedRunSource(below, { ...cache, clock }),
    (below) => (sharedRuns && ttlMs > 0 ? new SharedEndedRuns(below, sharedRuns, { ttlMs, log, clock }) : below),
  ];
  return { lookups: wrapped(caches, uncached), uncached, actions: limited };
}
