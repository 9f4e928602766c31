import type { AllMiddlewareArgs, RespondFn, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ActResult } from '../../../core/actGate';
import type { RunRef } from '../../../core/run';
import { parseSubmittedInputs } from '../../../core/runInputs';
import type { Reply } from '../../../render/reply';
import { readRunAgainSubmission } from '../../../render/runAgainModal';
import { presentRunAgainResult } from '../../../render/runAgainReply';
import { renderNoticeModal } from '../../../render/runModal';
import { replyWith } from '../../replyWith';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const DAMAGED = renderNoticeModal(
  ':warning: This form’s data is damaged, so no run was started. Close it, look the run up again, and press *Run again*.',
);

const ACTIONS_OFF: ActResult<RunRef> = { ok: false, refused: 'actions_off' };

/**
 * The Run again form submitted: a field that does not hold its type is sent back with its error; otherwise the form
 * closes and the new run (one per form, however often submitted) is answered where Run again was clicked, beside
 * the run it repeats, as a private message; a DM when that reply's response_url is not known.
 */
export function runAgainSubmission(services: BotServices) {
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const submission = readRunAgainSubmission(view);
    if (!submission) {
      services.log.warn('run again form rejected', { user: body.user.id });
      await ack({ response_action: 'update', view: DAMAGED });
      return;
    }
    const parsed = parseSubmittedInputs(submission.inputs);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const { ref, site, responseUrl, channelId } = submission.context;
    const requester = { ...requesterOf(context, body.user.id, channelId), via: 'run' as const };
    // replyWith hands its own Reply here, masked; nothing reads what a respond function returns.
    const dm = (async ({ text, blocks }: Reply) => {
      await client.chat.postMessage({ channel: body.user.id, text, blocks });
    }) as unknown as RespondFn;
    await replyWith(
      services,
      responseUrl ? { respond: dm, responseUrl } : dm,
      async () => {
        const result = services.runAgain
          ? await services.runAgain.start(ref, requester, parsed.payload, submission.viewId)
          : ACTIONS_OFF;
        return presentRunAgainResult(result, ref.workflowId, site);
      },
      { response_type: 'ephemeral', replace_original: false },
    );
  };
}
