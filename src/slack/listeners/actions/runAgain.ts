import { errorMessage } from '../../../core/errorMessage';
import type { RunAgainForm } from '../../../core/runAgain';
import { renderRunAgainModal } from '../../../render/runAgainModal';
import { presentRunAgainFormProblem } from '../../../render/runAgainReply';
import { renderProblem } from '../../../render/usageReply';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';
import { clickRequester, NEW_PRIVATE, onRunButton } from './runButtons';

const NOT_OPENED = renderProblem(
  'Slack did not open the Run again form in time (Datadog was slow to say what the workflow takes). Press *Run again* once more.',
);

const ACTIONS_OFF: RunAgainForm = { kind: 'refused', reason: 'actions_off' };

/** "Run again" on an ended run: the actor rules checked again, then a form with the workflow's inputs. */
export function runAgainButton(services: BotServices) {
  return onRunButton(services, (run, { body, client, respond, context }) =>
    replyWith(
      services,
      { respond, responseUrl: body.response_url },
      async () => {
        const { site } = services.lookup;
        const requester = clickRequester({ body, context }, 'run');
        const form = services.runAgain ? await services.runAgain.form(run, requester) : ACTIONS_OFF;
        if (form.kind !== 'form') return presentRunAgainFormProblem(form, run, site);
        const formContext = { ref: form.ref, site, responseUrl: body.response_url, channelId: body.channel?.id };
        try {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderRunAgainModal(form.workflow, form.values, formContext),
          });
          return undefined;
        } catch (err) {
          services.log.warn('views.open failed', { error: errorMessage(err) });
          services.replies?.replyFailed('views');
          return NOT_OPENED;
        }
      },
      NEW_PRIVATE,
    ),
  );
}
