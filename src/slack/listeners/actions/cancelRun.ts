import type { CancelOutcome } from '../../../core/cancelRun';
import { presentCancel } from '../../../render/actReplies';
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
      const outcome = cancels ? await cancels.cancel(run, clickRequester(args, 'cancel')) : OFF;
      return presentCancel(outcome, run, { shareEnabled: lookup.access.shareEnabled });
    },
    REPLACE_CLICKED,
  );
}
