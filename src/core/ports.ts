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
