import type { RecentRunsOutcome } from '../core/outcomes';
import type { RunRef } from '../core/run';
import type { DatadogSite } from '../core/sites';
import { failureText } from './failureReply';
import { escapedLine, inlineCode } from './mrkdwn';
import { statusLabel } from './runReply';

/** `dd-instance --demo` alone: the sample runs to try, with their IDs and the state each shows, as mrkdwn for the terminal. */

/** A run the sample Datadog does not know, and why it is there. */
export type MissingSampleRun = RunRef & { why: string };

function workflowLines({ workflowId, result }: RecentRunsOutcome, missing: MissingSampleRun[], site: DatadogSite) {
  if (!result.ok)
    return [`Workflow ${inlineCode(workflowId)}`, failureText(result.failure, { site, workflowId, forOperator: true })];
  const name = result.value.workflowName ? `*${escapedLine(result.value.workflowName, 80)}* · ` : '';
  return [
    `${name}workflow ${inlineCode(workflowId)}`,
    ...result.value.runs.map((run) => `  ${statusLabel(run)}: run ${inlineCode(run.instanceId)}`),
    ...missing
      .filter((run) => run.workflowId === workflowId)
      .map((run) => `  :mag: Not found: run ${inlineCode(run.instanceId)}, ${escapedLine(run.why, 200)}`),
  ];
}

export function sampleRunsText(lists: RecentRunsOutcome[], missing: MissingSampleRun[], site: DatadogSite): string {
  return [
    '*Sample runs* in the embedded sample Datadog (sample data, not a real Datadog account).',
    'Look one up with `dd-instance --demo <workflow_id> <instance_id>`, or list a workflow’s runs with `dd-instance --demo <workflow_id>`.',
    ...lists.flatMap((list) => ['', ...workflowLines(list, missing, site)]),
  ].join('\n');
}
