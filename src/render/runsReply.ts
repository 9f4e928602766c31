import type { KnownBlock } from '@slack/types';
import type { DatadogResult } from '../datadog/failures';
import type { RunRef, WorkflowRun } from '../datadog/model';
import { failureText, renderFailure } from './failureReply';
import { LIMITS } from './limits';
import { escapeMrkdwn, inlineCode, plainLine } from './mrkdwn';
import type { Reply } from './reply';
import { compactRunText, renderRun, type RunRenderContext } from './runReply';

export interface RunResult {
  ref: RunRef;
  result: DatadogResult<WorkflowRun>;
}

/** How many runs one message shows in full; the rest are counted. */
export const MAX_RUNS_SHOWN = 8;

/**
 * One run gets the full reply; several share one message, each in a compact form within the total budget.
 * `notFetched` counts runs found beyond MAX_RUNS_SHOWN, which are named but not looked up.
 */
export function renderRunResults(results: RunResult[], context: RunRenderContext, notFetched = 0): Reply {
  const [only] = results;
  if (results.length === 1 && only && notFetched === 0) {
    return only.result.ok ? renderRun(only.result.value, context) : renderFailure(only.result.failure, { site: context.site, ref: only.ref });
  }
  const shown = results.slice(0, MAX_RUNS_SHOWN);
  const total = results.length + notFetched;
  const perRun = Math.min(1500, Math.floor((LIMITS.messageTotalText - 1000) / Math.max(1, shown.length)));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${total} workflow runs in this message*` } },
  ];
  for (const { ref, result } of shown) {
    blocks.push({ type: 'divider' });
    const text = result.ok
      ? compactRunText(result.value, context, perRun)
      : `Run ${inlineCode(ref.instanceId)} of workflow ${inlineCode(ref.workflowId)}\n${failureText(result.failure, { site: context.site, ref })}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  if (total > shown.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${total - shown.length} more runs. Look them up one at a time with \`/dd-instance\`.` }] });
  }
  const summary = results.map(({ result }) => (result.ok ? escapeMrkdwn(plainLine(result.value.statusName, 40)) : 'not available')).join(', ');
  return { text: `${total} workflow runs: ${summary}`.slice(0, 3000), blocks };
}
