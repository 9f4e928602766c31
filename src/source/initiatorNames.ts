import type { Freshness, ListUse, RunSource, SourceResult } from '../core/ports';
import type { RunList, RunRef, RunSummary, WorkflowInfo, WorkflowRun } from '../core/run';

/** An email address becomes its name part (`jane.doe@example.com` → `jane.doe`); other words stay. */
export function withoutEmail(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      const at = word.indexOf('@');
      return at < 0 ? word : word.slice(0, at) || 'someone';
    })
    .join('');
}

function named<T extends Pick<RunSummary, 'startedBy'>>(run: T): T {
  return run.startedBy === undefined ? run : { ...run, startedBy: withoutEmail(run.startedBy) };
}

/** A RunSource whose runs name who started them without an email (SHOW_INITIATOR_EMAIL off). */
export class InitiatorNamesSource implements RunSource {
  constructor(private readonly source: RunSource) {}

  async getInstance(ref: RunRef, freshness?: Freshness): Promise<SourceResult<WorkflowRun>> {
    const answer = await this.source.getInstance(ref, freshness);
    return answer.ok ? { ...answer, value: named(answer.value) } : answer;
  }

  async listInstances(workflowId: string, pageSize: number, use?: ListUse): Promise<SourceResult<RunList>> {
    const answer = await this.source.listInstances(workflowId, pageSize, use);
    return answer.ok ? { ...answer, value: { ...answer.value, runs: answer.value.runs.map(named) } } : answer;
  }

  getWorkflow(workflowId: string): Promise<SourceResult<WorkflowInfo>> {
    return this.source.getWorkflow(workflowId);
  }
}
