import type { DatadogSite } from './sites';

/** What the bot knows about runs, independent of Datadog's JSON shape. */
export interface RunRef {
  workflowId: string;
  instanceId: string;
}

/** A run on a Datadog site: what a button names, what the watcher polls, what follows and live messages hang on. */
export interface SiteRun extends RunRef {
  site: DatadogSite;
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

/** A JSON value as Datadog sent it, e.g. a step parameter's value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface StepParameter {
  name: string;
  value: JsonValue;
}

/** A step as the workflow defines it: what it does, with which inputs, and which steps follow it. */
export interface SpecStep {
  name: string;
  actionId?: string;
  parameters: StepParameter[];
  /** The steps its outbound edges lead to. */
  next: string[];
}

/** The workflow's definition at the run's version: its steps and where its triggers start. */
export interface WorkflowSpec {
  startStepNames: string[];
  steps: SpecStep[];
}

export interface WorkflowRun extends RunSummary {
  workflowName?: string;
  steps: RunStep[];
  spec?: WorkflowSpec;
  /** Steps Datadog listed past the ones read (a reply shows far fewer): counted, never looked at. */
  stepsNotRead?: number;
  error?: string;
  /** The inputs it was started with, by name, when Datadog says (Run again starts from them). */
  inputs?: Record<string, unknown>;
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
  /** The inputs a run takes (`spec.inputSchema.parameters`), when Datadog declared them. */
  inputs?: WorkflowInput[];
}

/** The input types Datadog declares; another type may appear, and is kept as it came. */
export const WORKFLOW_INPUT_TYPES = [
  'STRING',
  'NUMBER',
  'BOOLEAN',
  'OBJECT',
  'ARRAY_STRING',
  'ARRAY_NUMBER',
  'ARRAY_BOOLEAN',
  'ARRAY_OBJECT',
] as const;

/** One declared input of a workflow: a run is started with `{ [name]: value }`. */
export interface WorkflowInput {
  name: string;
  /** One of WORKFLOW_INPUT_TYPES, or a type Datadog added since. */
  type: string;
  label?: string;
  description?: string;
  defaultValue?: unknown;
}

/** The one definition of a workflow or instance ID: a UUID, in any case. */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID_EXACT = new RegExp(`^${UUID_PATTERN}$`);

export function isUuid(value: string): boolean {
  return UUID_EXACT.test(value);
}

/** The states a run ends in; an unknown state without an end time counts as still running. */
const END_STATES = new Set(['SUCCEEDED', 'STEP_ERROR', 'INSTANCE_ERROR', 'CANCELED']);

/** Whether a run has ended, so what Datadog says about it will not change. */
export function hasEnded(run: Pick<RunSummary, 'statusKind' | 'endedAt'>): boolean {
  return run.endedAt !== undefined || END_STATES.has(run.statusKind);
}
