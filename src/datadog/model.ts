/** What the bot knows about runs, independent of Datadog's JSON shape. */
export interface RunRef {
  workflowId: string;
  instanceId: string;
}

export interface RunSummary extends RunRef {
  /** Datadog's detailsKind, e.g. SUCCEEDED, STEP_ERROR; IN_PROGRESS when Datadog sends none. */
  statusKind: string;
  statusName: string;
  startedAt?: Date;
  endedAt?: Date;
  /** Who or what started it, e.g. "Max Gale (manual)". */
  startedBy?: string;
}

export interface RunStep {
  name: string;
  state: string;
  error?: string;
}

export interface WorkflowRun extends RunSummary {
  workflowName?: string;
  steps: RunStep[];
  /** Steps Datadog listed past the ones read (a reply shows far fewer): counted, never looked at. */
  stepsNotRead?: number;
  error?: string;
}

export interface RunList {
  workflowId: string;
  workflowName?: string;
  runs: RunSummary[];
  totalCount?: number;
  failedCount?: number;
  succeededCount?: number;
  canceledCount?: number;
}

export interface WorkflowInfo {
  workflowId: string;
  name?: string;
  published?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
