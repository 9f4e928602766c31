import type { ActResult } from '../core/actGate';
import type { RunRef } from '../core/run';
import type { RunAgainForm } from '../core/runAgain';
import { type DatadogSite, runUrl } from '../core/sites';
import { actFailureWords, actRefusalWords, renderActWords } from './actReplies';
import { section } from './blocks';
import { renderFailure } from './failureReply';
import { inlineCode } from './mrkdwn';
import type { Reply } from './reply';
import { runButton } from './runButtons';
import { openInDatadogButton } from './runReply';
import { RUN_ACTIONS } from './slackIds';

/** The answers to Run again: the new run with its link and Notify me at once, or why no run was started. */

/** The new run, linked, with "Notify me when it finishes" so nobody has to look it up first. */
export function renderRunStarted(started: RunRef, site: DatadogSite): Reply {
  const link = runUrl(site, started.workflowId, started.instanceId);
  return {
    text: `Started a new run ${started.instanceId} of workflow ${started.workflowId}: ${link}`,
    blocks: [
      section(
        `:arrow_forward: *Started a new run*\nRun ${inlineCode(started.instanceId)} of workflow ${inlineCode(started.workflowId)}. Datadog may take a few seconds to show it.`,
      ),
      {
        type: 'actions',
        elements: [
          runButton(RUN_ACTIONS.follow, 'Notify me when it finishes', started, site),
          openInDatadogButton(site, started),
        ],
      },
    ],
  };
}

const SUBMITTED_ELSEWHERE = renderActWords({
  title: ':repeat: This form was already submitted',
  detail: 'Its run was started once, from the first submission; this one started nothing. Look for the first answer.',
});

/** What a submitted form did: the new run, or why none was started, in words for every case. */
export function presentRunAgainResult(result: ActResult<RunRef>, workflowId: string, site: DatadogSite): Reply {
  if (result.ok) return renderRunStarted(result.value, site);
  if ('refused' in result) return renderActWords(actRefusalWords(result.refused));
  if ('failure' in result) return renderActWords(actFailureWords('run', result.failure, { site, workflowId }));
  return SUBMITTED_ELSEWHERE;
}

/** Why the form did not open after a click on Run again. */
export function presentRunAgainFormProblem(
  form: Exclude<RunAgainForm, { kind: 'form' }>,
  ref: RunRef,
  site: DatadogSite,
): Reply {
  return form.kind === 'refused'
    ? renderActWords(actRefusalWords(form.reason))
    : renderFailure(form.failure, { site, workflowId: ref.workflowId });
}
