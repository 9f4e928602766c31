import type { CancelOutcome } from '../../../core/cancelRun';
import { presentCancel } from '../../../render/actReplies';
import { replyOptionsFor } from '../../replyOptions';
import type { BotServices } from '../../services';
import { clickRequester, REPLACE_CLICKED, replyingButton } from './runButtons';

const OFF: CancelOutcome = { kind: 'refused', reason: 'actions_off' };

/** Cancel run: the actor rules are checked again on the click, then one cancel, then the run's new state in place. */
export function cancelRunButton(services: BotServices) {
  const { lookup, cancels } = services;
  return replyingButton(
    services,
    async (found, args) => {
      const run = { workflowId: found.workflowId, instanceId: found.instanceId, site: lookup.site };
      const requester = clickRequester(args, 'cancel');
      const outcome = cancels ? await cancels.cancel(run, requester) : OFF;
      // An ended run gets the act buttons a lookup would show this reader (Run again); one still running gets no second Cancel.
      const ended = outcome.kind === 'already_ended' || (outcome.kind === 'canceled' && outcome.ended);
      const shown = ended ? [outcome.run] : [];
      return presentCancel(outcome, run, await replyOptionsFor(services, requester, shown));
    },
    REPLACE_CLICKED,
  );
}
