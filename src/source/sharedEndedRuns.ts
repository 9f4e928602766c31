import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';
import {
  type Clock,
  type Freshness,
  type ListUse,
  type RunSource,
  type SharedRunCache,
  type SourceResult,
  systemClock,
} from '../core/ports';
import { hasEnded, type RunList, type RunRef, type WorkflowInfo, type WorkflowRun } from '../core/run';

/**
 * A RunSource that looks in the fleet's shared cache before asking Datadog, and leaves ended runs there for
 * `ttlMs`. Runs still going are never shared (each replica's own cache keeps them seconds). The shared cache is a
 * help, never a need: when it fails, Datadog is asked as if it were not there.
 */
export class SharedEndedRuns implements RunSource {
  private readonly clock: Clock;

  constructor(
    private readonly source: RunSource,
    private readonly shared: SharedRunCache,
    private readonly options: { ttlMs: number; log: Log; clock?: Clock },
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async getInstance(ref: RunRef, freshness: Freshness = {}): Promise<SourceResult<WorkflowRun>> {
    const kept = await this.shared.get(ref).catch((err: unknown) => this.failed('read', err));
    const asked = this.clock();
    const { maxAgeMs } = freshness;
    if (kept && (maxAgeMs === undefined || asked.getTime() - kept.fetchedAt.getTime() <= maxAgeMs))
      return { ok: true, value: kept.run, fetchedAt: kept.fetchedAt };
    const fetched = await this.source.getInstance(ref, freshness);
    // Dated when asked, as the process cache dates its own: every replica then shows the same "fetched" time.
    const result = { ...fetched, fetchedAt: fetched.fetchedAt ?? asked };
    if (result.ok && hasEnded(result.value))
      await this.shared
        .put({ run: result.value, fetchedAt: result.fetchedAt }, this.options.ttlMs)
        .catch((err: unknown) => this.failed('write', err));
    return result;
  }

  listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>> {
    return this.source.listInstances(workflowId, pageSize, use);
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return this.source.getWorkflow(workflowId);
  }

  private failed(what: 'read' | 'write', err: unknown): undefined {
    this.options.log.warn(`shared run cache: ${what} failed`, { error: errorMessage(err) });
    return undefined;
  }
}
