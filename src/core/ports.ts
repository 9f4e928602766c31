import type { DatadogResult } from './failures';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from './run';

/** Where runs come from: Datadog's API, the sample Datadog, or a cache in front of either. */
export interface RunSource {
  getInstance(ref: RunRef): Promise<DatadogResult<WorkflowRun>>;
  listInstances(workflowId: string, pageSize: number): Promise<DatadogResult<RunList>>;
  getWorkflow(workflowId: string): Promise<DatadogResult<WorkflowInfo>>;
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
