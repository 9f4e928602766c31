import type { ActGate, ActResult } from './actGate';
import type { ActRefusal } from './actors';
import type { DatadogFailure } from './failures';
import type { RunSource } from './ports';
import type { RefusalReason, Requester } from './requester';
import type { RunRef, WorkflowInfo } from './run';
import { startingValues } from './runInputs';

/** Past Slack's 5-minute signature window no copy of a submission is accepted, so a longer claim covers every replay. */
export const FORM_CLAIM_TTL_MS = 10 * 60_000;

/** Run again: the form for a new run of an ended run's workflow, and the new run started from what was submitted. */

export type RunAgainForm =
  | { kind: 'form'; ref: RunRef; workflow: WorkflowInfo; values: Record<string, unknown> }
  | { kind: 'refused'; reason: ActRefusal | RefusalReason }
  | { kind: 'failed'; failure: DatadogFailure };

export interface RunAgainDeps {
  acts: ActGate;
  /** Reads the workflow's declared inputs and the repeated run's own. */
  source: RunSource;
}

export class RunAgain {
  constructor(private readonly deps: RunAgainDeps) {}

  /** The form's inputs and their starting values; refused before any read when the requester may not act. */
  async form(ref: RunRef, requester: Requester): Promise<RunAgainForm> {
    const refused = await this.deps.acts.actors.check(requester, ref.workflowId);
    if (refused) return { kind: 'refused', reason: refused };
    const [workflow, run] = await Promise.all([
      this.deps.source.getWorkflow(ref.workflowId),
      this.deps.source.getInstance(ref),
    ]);
    if (!workflow.ok) return { kind: 'failed', failure: workflow.failure };
    // The run's own inputs are a convenience: without them the declared defaults still make a form.
    const values = startingValues(workflow.value.inputs ?? [], run.ok ? run.value.inputs : undefined);
    return { kind: 'form', ref, workflow: workflow.value, values };
  }

  /** Starts the new run once per submitted form (`formId`), however often it is submitted or on how many replicas. */
  start(
    repeated: RunRef,
    requester: Requester,
    payload: Record<string, unknown>,
    formId: string,
  ): Promise<ActResult<RunRef>> {
    const { workflowId, instanceId } = repeated;
    return this.deps.acts.attempt(
      { act: 'run', requester, workflowId, instanceId, inputNames: Object.keys(payload) },
      (actions) => actions.executeWorkflow(workflowId, payload),
      { onceKey: `run:${formId}`, newInstanceId: (started) => started.instanceId, claimTtlMs: FORM_CLAIM_TTL_MS },
    );
  }
}
