import { type DatadogFailure, type DatadogResult, failed } from '../../src/core/failures';
import { createLog, type Log } from '../../src/core/log';
import type { DatadogApi, ListUse } from '../../src/core/ports';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from '../../src/core/run';
import { RunLookup } from '../../src/core/runLookup';

/** An in-memory Datadog: no HTTP, every call counted, anything unknown answered "not found"; a cancel ends a running run. */
export class FakeSource implements DatadogApi {
  readonly calls: string[] = [];
  /** The lists read for a workflow's history, beside each run lookup: counted apart from the lookups' own calls. */
  readonly historyCalls: string[] = [];
  readonly runs = new Map<string, WorkflowRun>();
  readonly lists = new Map<string, RunList>();
  readonly workflows = new Map<string, WorkflowInfo>();
  readonly failures = new Map<string, DatadogFailure>();

  async getInstance(ref: RunRef): Promise<DatadogResult<WorkflowRun>> {
    const key = `${ref.workflowId}/${ref.instanceId}`;
    this.calls.push(`instance ${key}`);
    const run = this.runs.get(key);
    if (run) return { ok: true, value: run };
    const known = [...this.runs.keys()].some((k) => k.startsWith(`${ref.workflowId}/`));
    return failed(this.failures.get(key) ?? { kind: 'not_found', what: known ? 'instance' : 'workflow' });
  }

  async listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<DatadogResult<RunList>> {
    (use === 'history' ? this.historyCalls : this.calls).push(`list ${workflowId} ${pageSize}`);
    const list = this.lists.get(workflowId);
    return list
      ? { ok: true, value: list }
      : failed(this.failures.get(workflowId) ?? { kind: 'not_found', what: 'workflow' });
  }

  async getWorkflow(workflowId: string): Promise<DatadogResult<WorkflowInfo>> {
    this.calls.push(`workflow ${workflowId}`);
    const workflow = this.workflows.get(workflowId);
    return workflow ? { ok: true, value: workflow } : failed({ kind: 'not_found', what: 'workflow' });
  }

  async cancelInstance(ref: RunRef): Promise<DatadogResult<undefined>> {
    const key = `${ref.workflowId}/${ref.instanceId}`;
    this.calls.push(`cancel ${key}`);
    const run = this.runs.get(key);
    const failure = this.failures.get(`cancel ${key}`);
    if (failure) return failed(failure);
    if (run?.statusKind !== 'IN_PROGRESS') return failed({ kind: 'not_found', what: 'instance' });
    this.runs.set(key, { ...run, statusKind: 'CANCELED', statusName: 'Canceled' });
    return { ok: true, value: undefined };
  }

  async executeWorkflow(workflowId: string, payload: Record<string, unknown>): Promise<DatadogResult<RunRef>> {
    this.calls.push(`execute ${workflowId} ${JSON.stringify(payload)}`);
    const failure = this.failures.get(`execute ${workflowId}`);
    if (failure) return failed(failure);
    const ref = { workflowId, instanceId: `00000000-0000-4000-8000-${String(this.calls.length).padStart(12, '0')}` };
    this.runs.set(`${workflowId}/${ref.instanceId}`, { ...sampleRun(ref, 'IN_PROGRESS'), statusName: 'Running' });
    return { ok: true, value: ref };
  }
}

export const FIXED_NOW = new Date('2026-11-28T03:10:00Z');

/** The use cases on a fake source, a fixed clock and a log kept in memory. */
export function fakeLookup(source = new FakeSource()): {
  lookup: RunLookup;
  source: FakeSource;
  logLines: string[];
  log: Log;
} {
  const logLines: string[] = [];
  const log = createLog('debug', (line) => logLines.push(line));
  return {
    lookup: new RunLookup({ source, site: 'datadoghq.com', log, clock: () => FIXED_NOW }),
    source,
    logLines,
    log,
  };
}

export function sampleRun(ref: RunRef, statusKind = 'SUCCEEDED'): WorkflowRun {
  return { ...ref, statusKind, statusName: statusKind, steps: [], workflowName: 'Roll back' };
}
