import type { DatadogFailure, DatadogResult } from '../core/failures';
import type { RunSource } from '../core/ports';
import type { BotMetrics } from './metrics';

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
export function meteredSource(source: RunSource, metrics: Pick<BotMetrics, 'datadogRequest'>): RunSource {
  const timed = async <T>(method: string, call: () => Promise<DatadogResult<T>>): Promise<DatadogResult<T>> => {
    const started = performance.now();
    const result = await call();
    metrics.datadogRequest(method, statusLabel(result), (performance.now() - started) / 1000);
    return result;
  };
  return {
    getInstance: (ref) => timed('get_instance', () => source.getInstance(ref)),
    listInstances: (workflowId, pageSize) => timed('list_instances', () => source.listInstances(workflowId, pageSize)),
    getWorkflow: (workflowId) => timed('get_workflow', () => source.getWorkflow(workflowId)),
  };
}
