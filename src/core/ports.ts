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
