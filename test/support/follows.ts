import type { SampleDatadog, ScriptedReply } from '../../src/sample/sampleDatadog';
import { instancePath } from './fixtures';

/** A sample run that is still going, and the states a test can move it through. */
export const RUNNING_REF = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
};
export const RUNNING_PATH = instancePath(RUNNING_REF);

const STEPS = (approval: string, rollback: string) => [
  { stepName: 'Get_current_deployment', stepState: 'SUCCEEDED' },
  { stepName: 'Notify_incident_channel', stepState: 'SUCCEEDED' },
  { stepName: 'Wait_for_approval', stepState: approval },
  { stepName: 'Rollback_deployment', stepState: rollback },
];

export const runStates = (datadog: SampleDatadog) => ({
  running: (): ScriptedReply => datadog.runReply(RUNNING_REF.workflowId, RUNNING_REF.instanceId, {}),
  /** Still running, one step further on: a live message has something new to show. */
  furtherOn: (): ScriptedReply =>
    datadog.runReply(RUNNING_REF.workflowId, RUNNING_REF.instanceId, {
      stepStateAssociations: STEPS('SUCCEEDED', 'IN_PROGRESS'),
    }),
  stepError: (): ScriptedReply =>
    datadog.runReply(RUNNING_REF.workflowId, RUNNING_REF.instanceId, {
      instanceStatus: { detailsKind: 'STEP_ERROR', displayName: 'Failed' },
      endTimestamp: '2026-11-28T03:10:05.000000Z',
      stepStateAssociations: [
        ...STEPS('SUCCEEDED', 'ERROR').slice(0, 3),
        { stepName: 'Rollback_deployment', stepState: 'ERROR', errorDetail: 'kubectl rollout undo: timed out' },
      ],
    }),
});

/** Waits until `check` holds, looking again on each turn; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How many requests the sample Datadog has had for this path, and when each came. */
export function requestTimes(datadog: SampleDatadog, path: string): number[] {
  return datadog.requests.filter((request) => request.path === path).map((request) => request.at);
}
