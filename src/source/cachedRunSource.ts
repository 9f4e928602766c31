import { LRUCache } from 'lru-cache';
import type { DatadogResult } from '../core/failures';
import {
  type Clock,
  type Freshness,
  type ListUse,
  type RunSource,
  type SourceResult,
  systemClock,
} from '../core/ports';
import { hasEnded, type RunList, type RunRef, type WorkflowInfo, type WorkflowRun } from '../core/run';
import { HISTORY_MAX_AGE_MS } from '../core/runHistory';

/** How long answers are kept (0: not kept, though concurrent asks still share one request), and how much at most. */
export interface RunCacheOptions {
  /** A run that has ended (any end state): what Datadog says about it will not change. */
  finishedTtlMs: number;
  /** A run still going, and a workflow's recent-runs list, which a new run changes. */
  runningTtlMs: number;
  /** "Not found": kept briefly, so a pasted typo is not asked again by everyone at once. */
  notFoundTtlMs: number;
  maxEntries: number;
  /** Bound on the JSON size of everything kept. */
  maxBytes: number;
  clock?: Clock;
}

interface Entry {
  result: DatadogResult<unknown>;
  fetchedAt: number;
}

/** How long a found value is kept, from the value. */
type Lifetime<T> = (value: T) => number;

interface Flight {
  answer: Promise<SourceResult<unknown>>;
  startedAt: number;
}

/**
 * A RunSource in front of another: concurrent asks for the same thing share one request (single flight),
 * and answers are kept for a while, bounded by entries and bytes. Per process: each replica asks on its own.
 */
export class CachedRunSource implements RunSource {
  private readonly entries: LRUCache<string, Entry>;
  private readonly flights = new Map<string, Flight>();
  private readonly now: () => number;

  constructor(
    private readonly source: RunSource,
    private readonly options: RunCacheOptions,
  ) {
    const clock = options.clock ?? systemClock;
    this.now = () => clock().getTime();
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.result).length),
      // Expiry reads the same clock as the rest of the bot; no per-call timer (ttlResolution 0).
      perf: { now: this.now },
      ttlResolution: 0,
    });
  }

  getInstance(ref: RunRef, freshness: Freshness = {}): Promise<SourceResult<WorkflowRun>> {
    const { finishedTtlMs, runningTtlMs } = this.options;
    return this.answer(
      `instance ${ref.workflowId}/${ref.instanceId}`,
      freshness,
      () => this.source.getInstance(ref, freshness),
      (run) => (hasEnded(run) ? finishedTtlMs : runningTtlMs),
    );
  }

  /** A Recent runs list is kept as briefly as a running run; a workflow's history a minute, whoever asks. */
  listInstances(workflowId: string, pageSize: number, use: ListUse = 'recent'): Promise<SourceResult<RunList>> {
    return this.answer(
      `list ${workflowId} ${pageSize} ${use}`,
      {},
      () => this.source.listInstances(workflowId, pageSize, use),
      () => (use === 'history' ? HISTORY_MAX_AGE_MS : this.options.runningTtlMs),
    );
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return this.answer(
      `workflow ${workflowId}`,
      {},
      () => this.source.getWorkflow(workflowId),
      () => this.options.finishedTtlMs,
    );
  }

  private answer<T>(
    key: string,
    { maxAgeMs }: Freshness,
    fetch: () => Promise<SourceResult<T>>,
    lifetime: Lifetime<T>,
  ): Promise<SourceResult<T>> {
    const now = this.now();
    const fresh = (since: number) => maxAgeMs === undefined || now - since <= maxAgeMs;
    const kept = this.entries.get(key);
    if (kept && fresh(kept.fetchedAt))
      return Promise.resolve({ ...(kept.result as DatadogResult<T>), fetchedAt: new Date(kept.fetchedAt) });
    const flight = this.flights.get(key);
    if (flight && fresh(flight.startedAt)) return flight.answer as Promise<SourceResult<T>>;
    return this.fly(key, now, fetch, lifetime);
  }

  private fly<T>(
    key: string,
    startedAt: number,
    fetch: () => Promise<SourceResult<T>>,
    lifetime: Lifetime<T>,
  ): Promise<SourceResult<T>> {
    // Dated when asked: Datadog's data is at least that new, so an age measured from then is never understated.
    // A source with its own store (the fleet's shared cache) says when its answer was fetched.
    const answer = fetch().then((result) => {
      const fetchedAt = result.fetchedAt?.getTime() ?? startedAt;
      this.keep(key, result, fetchedAt, lifetime);
      return { ...result, fetchedAt: new Date(fetchedAt) };
    });
    const flight: Flight = { answer, startedAt };
    this.flights.set(key, flight);
    // A newer flight (a Refresh that would not wait for this one) owns the key from then on.
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    answer.then(land, land);
    return answer;
  }

  /** Keeps a found answer for its lifetime and "not found" briefly; other failures are not kept. */
  private keep<T>(key: string, result: SourceResult<T>, fetchedAt: number, lifetime: Lifetime<T>): void {
    const notFound = !result.ok && result.failure.kind === 'not_found';
    if (!result.ok && !notFound) return;
    const newer = this.entries.peek(key);
    if (newer && newer.fetchedAt > fetchedAt) return;
    const plain: DatadogResult<unknown> = result.ok
      ? { ok: true, value: result.value }
      : { ok: false, failure: result.failure };
    const ttl = result.ok ? lifetime(result.value) : this.options.notFoundTtlMs;
    // lru-cache reads a ttl of 0 as "forever", so a lifetime of 0 is not handed to it.
    if (ttl <= 0) return;
    this.entries.set(key, { result: plain, fetchedAt }, { ttl, start: fetchedAt });
  }
}
