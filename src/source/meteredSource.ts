import type { DatadogFailure, DatadogResult } from '../core/failures';
import type { DatadogApi, Freshness, ListUse, SourceResult } from '../core/ports';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from '../core/run';

/** Where each Datadog call is counted (the bot's metrics). */
export interface DatadogCallMeter {
  datadogRequest(method: string, status: string, seconds: number): void;
  /** Each call's result, so /readyz can say whether Datadog answers. */
  datadogAnswered?(result: DatadogResult<unknown>): void;
}

/** The HTTP status a result stands for, or how it failed without one. */
export function statusLabel(result: DatadogResult<unknown>): string {
  if (result.ok) return '200';
  const failure: DatadogFailure = result.failure;
  switch (failure.kind) {
    case 'not_found':
      return '404';
    case 'bad_request':
      return '400';
    case 'rate_limited':
      return '429';
    case 'forbidden':
    case 'unavailable':
      return String(failure.status);
    default:
      return failure.kind;
  }
}

/** Datadog's reads and writes, each call timed and counted by status; the calls themselves are unchanged. */
export class MeteredSource implements DatadogApi {
  constructor(
    private readonly datadog: DatadogApi,
    private readonly meter: DatadogCallMeter,
  ) {}

  getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>> {
    return timed(this.meter, 'get_instance', () => this.datadog.getInstance(ref, freshness));
  }

  listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>> {
    return timed(this.meter, 'list_instances', () => this.datadog.listInstances(workflowId, pageSize, use));
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return timed(this.meter, 'get_workflow', () => this.datadog.getWorkflow(workflowId));
  }

  cancelInstance(ref: RunRef): Promise<DatadogResult<undefined>> {
    return timed(this.meter, 'cancel_instance', () => this.datadog.cancelInstance(ref));
  }

  executeWorkflow(workflowId: string, payload: Record<string, unknown>): Promise<DatadogResult<RunRef>> {
    return timed(this.meter, 'execute_workflow', () => this.datadog.executeWorkflow(workflowId, payload));
  }
}

async function timed<T>(
  meter: DatadogCallMeter,
  method: string,
  call: () => Promise<SourceResult<T>>,
): Promise<SourceResult<T>> {
  const started = performance.now();
  const result = await call();
  meter.datadogRequest(method, statusLabel(result), (performance.now() - started) / 1000);
  meter.datadogAnswered?.(result);
  return result;
}
