import type { DatadogResult } from '../core/failures';
import { failed } from '../core/failures';
import type { DatadogApi, Freshness, ListUse, RunActions, RunSource, SourceResult } from '../core/ports';
import type { RunList, RunRef, WorkflowInfo, WorkflowRun } from '../core/run';

export interface ConcurrencyLimits {
  /** Datadog requests under way at once. */
  maxConcurrent: number;
  /** Requests that may wait for a turn; one more is answered `busy` at once. */
  maxQueued: number;
}

/** Datadog behind a limit: at most `maxConcurrent` calls, reads and writes alike, with a bounded queue for the rest. */
export class ConcurrencyLimitedSource implements RunSource, RunActions {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly source: DatadogApi,
    private readonly limits: ConcurrencyLimits,
  ) {}

  /** Calls under way and waiting, for tests and metrics. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }

  getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>> {
    return this.inTurn(() => this.source.getInstance(ref, freshness));
  }

  /** A workflow's history is extra: it takes a turn only when one is free and nobody waits, and never queues. */
  listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>> {
    const spareOnly = use === 'history';
    return this.inTurn(() => this.source.listInstances(workflowId, pageSize, use), spareOnly);
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return this.inTurn(() => this.source.getWorkflow(workflowId));
  }

  cancelInstance(ref: RunRef): Promise<DatadogResult<undefined>> {
    return this.inTurn(() => this.source.cancelInstance(ref));
  }

  executeWorkflow(workflowId: string, payload: Record<string, unknown>): Promise<DatadogResult<RunRef>> {
    return this.inTurn(() => this.source.executeWorkflow(workflowId, payload));
  }

  private async inTurn<T>(call: () => Promise<SourceResult<T>>, spareOnly = false): Promise<SourceResult<T>> {
    if (this.active < this.limits.maxConcurrent) this.active++;
    else if (spareOnly || this.waiting.length >= this.limits.maxQueued) return failed({ kind: 'busy' });
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await call();
    } finally {
      // A finished call hands its turn straight to the first waiting one.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
