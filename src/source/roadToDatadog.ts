import type { Log } from '../core/log';
import type { Clock, DatadogApi, RunActions, RunSource, SharedRunCache } from '../core/ports';
import { CachedRunSource, type RunCacheOptions } from './cachedRunSource';
import { ConcurrencyLimitedSource, type ConcurrencyLimits } from './concurrencyLimit';
import { InitiatorNamesSource } from './initiatorNames';
import { type DatadogCallMeter, MeteredActions, MeteredSource } from './meteredSource';
import { SharedEndedRuns } from './sharedEndedRuns';

export interface RoadOptions {
  limits: ConcurrencyLimits;
  cache: Omit<RunCacheOptions, 'clock'>;
  /** A fleet on Redis: ended runs are shared between the process cache and Datadog. */
  sharedRuns?: SharedRunCache;
  /** Each call that leaves the process cache is timed and counted here. */
  meter?: DatadogCallMeter;
  /** Off: runs name who started them without an email. */
  showInitiatorEmail?: boolean;
  log: Log;
  clock?: Clock;
}

export interface Road {
  /** What the lookups ask: every wrapper below, top to bottom. */
  lookups: RunSource;
  /** Datadog with no cache in front, under the concurrency limit like every lookup: what the run watcher polls. */
  uncached: RunSource;
  /** Cancel and run: under the same limit, metered, never cached (a write is not an answer to keep). */
  actions: RunActions;
}

type Wrapper = (below: RunSource) => RunSource;

/** Everything between a lookup and Datadog, in the order a call goes through it. */
export function buildRunSource(datadog: DatadogApi, options: RoadOptions): Road {
  const { limits, cache, sharedRuns, meter, showInitiatorEmail, log, clock } = options;
  const ttlMs = cache.finishedTtlMs;
  const road: Wrapper[] = [
    (below) => (showInitiatorEmail === false ? new InitiatorNamesSource(below) : below),
    (below) => (meter ? new MeteredSource(below, meter) : below),
    (below) => new CachedRunSource(below, { ...cache, clock }),
    (below) => (sharedRuns && ttlMs > 0 ? new SharedEndedRuns(below, sharedRuns, { ttlMs, log, clock }) : below),
  ];
  // Only calls that reach Datadog wait for a turn: cache hits and ended runs shared by the fleet take none.
  const limited = new ConcurrencyLimitedSource(datadog, limits);
  return {
    lookups: road.reduceRight<RunSource>((below, wrap) => wrap(below), limited),
    uncached: limited,
    actions: meter ? new MeteredActions(limited, meter) : limited,
  };
}
