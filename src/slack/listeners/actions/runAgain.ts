import { errorMessage } from '../../../core/errorMessage';
import type { RunAgainForm } from '../../../core/runAgain';
import {
  renderRunAgainLoading,
  renderRunAgainModal,
  renderRunAgainNotice,
  renderRunAgainProblem,
} from '../../../render/runAgainModal';
import { presentRunAgainFormProblem } from '../../../render/runAgainReply';
import { renderProblem } from '../../../render/usageReply';
import { openLoadingModal, replaceLoadingModal } from '../../loadingModal';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';
import { clickRequester, NEW_PRIVATE, onRunButton } from './runButtons';

const NOT_OPENED = renderProblem('Slack did not open the Run again form. Press *Run again* once more.');
const NOT_SHOWN = renderRunAgainNotice(
  ':warning: Slack did not take the Run again form, so it cannot be shown here. Close this window and press *Run again* once more, or start the run in Datadog.',
);
const RESTARTING = renderRunAgainNotice(':hourglass: dd-instance is restarting, try again in a few seconds.');
const INTERNAL_ERROR = renderRunAgainNotice(
  ':warning: Something went wrong inside dd-instance while reading the workflow. Try again; if it keeps happening, tell whoever runs the bot.',
);

const ACTIONS_OFF: RunAgainForm = { kind: 'refused', reason: 'actions_off' };

/**
 * "Run again" on an ended run: a loading modal opens at once, within the trigger_id's 3 s, while the actor rules are
 * checked again and the workflow's inputs read; it is then replaced by the form, or by why there is none.
 */
export function runAgainButton(services: BotServices) {
  return onRunButton(services, (run, { body, client, respond, context }) =>
    services.inflight.run(async () => {
      const { site } = services.lookup;
      const requester = clickRequester({ body, context }, 'run');
      const forming = services.runAgain ? services.runAgain.form(run, requester) : Promise.resolve(ACTIONS_OFF);
      // Handled at once, so a failure while views.open is awaited is no unhandled rejection; each path reads it below.
      forming.catch(() => undefined);
      const opened = await openLoadingModal(services, client, body.trigger_id, renderRunAgainLoading());
      if (!opened) {
        await replyWith(
          services,
          { respond, responseUrl: body.response_url },
          async () => {
            const form = await forming;
            return form.kind === 'form' ? NOT_OPENED : presentRunAgainFormProblem(form, run, site);
          },
          NEW_PRIVATE,
        );
        return;
      }
      const drawn = forming
        .then((form) =>
          form.kind === 'form'
            ? renderRunAgainModal(
                form.workflow,
                form.values,
                { ref: form.ref, site, responseUrl: body.response_url, channelId: body.channel?.id },
                services.mask,
              )
            : renderRunAgainProblem(form, run, site),
        )
        .catch((err: unknown) => {
          services.log.error('run again form failed', { error: errorMessage(err) });
          return INTERNAL_ERROR;
        });
      const view = await services.inflight.beforeCutOff(drawn, RESTARTING);
      await replaceLoadingModal(services, client, opened, view, NOT_SHOWN);
    }),
  );
}
