import type { DatadogResult } from './failures';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from './run';

/** How fresh an answer must be; a source without a cache always fetches, so it can ignore this. */
export interface Freshness {
  /** Data fetched longer ago than this is fetched again. */
  maxAgeMs?: number;
}

/** A source's answer; `fetchedAt` says when Datadog gave it, when that was before now (a cache's answer). */
export type SourceResult<T> = DatadogResult<T> & { fetchedAt?: Date };

/** Where runs come from: Datadog's API, the sample Datadog, or a cache in front of either. */
export interface RunSource {
  getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>>;
  listInstances(workflowId: string, pageSize: number): Promise<SourceResult<RunList>>;
  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>>;
}

/** The time now; a port so tests and caches can say which moment "now" is. */
export type Clock = () => Date;

/** Where a lookup came from: the surface and the thing pressed or typed. */
export type EntryPoint = 'command' | 'shortcut' | 'refresh' | 'view' | 'share' | 'modal' | 'cli';

/** A finished lookup, as the use cases report it (to metrics); the log line is written apart. */
export interface LookupEvent {
  kind: 'lookup' | 'recent';
  entryPoint: EntryPoint | 'unknown';
  /** `found`, `listed`, or the failure's tag: a small fixed set, fit for a metric label. */
  outcome: string;
  latencyMs: number;
}

/** Told of every finished lookup. */
export type LookupObserver = (event: LookupEvent) => void;

/** An ended run as a fleet shares it: what Datadog said and when. */
export interface SharedRun {
  run: WorkflowRun;
  fetchedAt: Date;
}

/** Ended runs shared by every replica, behind each one's own cache: a finished run is asked of Datadog once a fleet. */
export interface SharedRunCache {
  get(ref: RunRef): Promise<SharedRun | undefined>;
  put(shared: SharedRun, ttlMs: number): Promise<void>;
}
