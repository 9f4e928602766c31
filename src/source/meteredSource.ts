import type { DatadogFailure, DatadogResult } from '../core/failures';
import type { Freshness, ListUse, RunSource, SourceResult } from '../core/ports';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from '../core/run';

/** Where each Datadog call is counted (the bot's metrics). */
export interface DatadogCallMeter {
  datadogRequest(method: string, status: string, seconds: number): void;
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

/** A RunSource that times each call into Datadog and counts it by status; the calls themselves are unchanged. */
export class MeteredSource implements RunSource {
  constructor(
    private readonly source: RunSource,
    private readonly meter: DatadogCallMeter,
  ) {}

  getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>> {
    return this.timed('get_instance', () => this.source.getInstance(ref, freshness));
  }

  listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>> {
    return this.timed('list_instances', () => this.source.listInstances(workflowId, pageSize, use));
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return this.timed('get_workflow', () => this.source.getWorkflow(workflowId));
  }

  private async timed<T>(method: string, call: () => Promise<SourceResult<T>>): Promise<SourceResult<T>> {
    const started = performance.now();
    const result = await call();
    this.meter.datadogRequest(method, statusLabel(result), (performance.now() - started) / 1000);
    return result;
  }
}
