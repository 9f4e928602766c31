import type { ActRefusal } from './actors';
import type { DatadogResult } from './failures';
import type { EntryPoint, RefusalReason, Requester } from './requester';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from './run';

/** How fresh an answer must be; a source without a cache always fetches, so it can ignore this. */
export interface Freshness {
  /** Data fetched longer ago than this is fetched again. */
  maxAgeMs?: number;
}

/** A source's answer; `fetchedAt` says when Datadog gave it, when that was before now (a cache's answer). */
export type SourceResult<T> = DatadogResult<T> & { fetchedAt?: Date };

/** What a list is for: a Recent runs reply (kept briefly) or a workflow's history beside a run (kept a minute). */
export type ListUse = 'recent' | 'history';

/** Where runs come from: Datadog's API, the sample Datadog, or a cache in front of either. */
export interface RunSource {
  getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>>;
  listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>>;
  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>>;
}

/** Datadog's write calls (the application key needs workflows_run): never cached, and not retried once sent. */
export interface RunActions {
  cancelInstance(ref: RunRef): Promise<DatadogResult<undefined>>;
  /** Starts a run with these inputs (`meta.payload`); the new run's reference. */
  executeWorkflow(workflowId: string, payload: Record<string, unknown>): Promise<DatadogResult<RunRef>>;
}

/** Datadog itself, as the client and the sample speak it: reads and writes. */
export type DatadogApi = RunSource & RunActions;

/** The time now; a port so tests and caches can say which moment "now" is. */
export type Clock = () => Date;

/** The real time, for everyone not told of another clock. */
export const systemClock: Clock = () => new Date();

/** A finished action (a lookup, a recent-runs list, App Home, a follow or a stop) or a refused one, as the use cases report it (to metrics and the audit trail). */
export interface ActionEvent {
  kind: 'lookup' | 'recent' | 'home' | 'follow' | 'unfollow' | 'act';
  /** For `act`: what was attempted. */
  act?: 'cancel' | 'run';
  /** For a `run` act that started one: the new run's ID. */
  newInstanceId?: string;
  /** For a `run` act: the names of the inputs given, never their values. */
  inputNames?: string[];
  entryPoint: EntryPoint | 'unknown';
  /** `found`, `listed`, `shown`, or the failure's tag: a small fixed set, fit for a metric label. */
  outcome: string;
  /** Why it was refused, when `outcome` is `refused`. */
  refusal?: RefusalReason | ActRefusal;
  latencyMs: number;
  /** IDs only: who asked, where, and which run; never anything Datadog said. */
  requester: Requester;
  workflowId?: string;
  instanceId?: string;
}

/** Told of every finished action. */
export type ActionObserver = (event: ActionEvent) => void;

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
