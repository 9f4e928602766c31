import type { ModalView } from '@slack/types';
import { errorMessage } from '../../../core/errorMessage';
import { renderLoadingModal, renderModalNotShown, renderNoticeModal } from '../../../render/runModal';
import { withSampleNoticeModal } from '../../../render/sampleNotice';
import { presentRunModal } from '../../../render/slackReplies';
import { renderProblem } from '../../../render/usageReply';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';
import { clickRequester, NEW_PRIVATE, onRunButton } from './runButtons';

const NOT_OPENED = renderProblem('Slack did not open the window in time. Press *Show full error* again.');
const RESTARTING = renderNoticeModal(':hourglass: dd-instance is restarting, try again in a few seconds.');
const INTERNAL_ERROR = renderNoticeModal(
  ':warning: Something went wrong inside dd-instance while fetching the run. Try again; if it keeps happening, tell whoever runs the bot.',
);

/**
 * "Show full error": the trigger_id lasts 3 s and Datadog may be slower, so a loading modal opens at once
 * and is updated with the run (or the failure) when Datadog answers.
 */
export function fullErrorButton(services: BotServices) {
  return onRunButton(services, (run, { body, client, respond, context }) =>
    services.inflight.run(async () => {
      // Fetching starts now, beside views.open; its handler is attached at once so no rejection goes unhandled.
      const { lookup } = services;
      const fetching = lookup
        .lookUpRun(run, clickRequester({ body, context }, 'modal'))
        .then((outcome) => presentRunModal(outcome, lookup.site));
      const modal: Promise<ModalView> = services.inflight.beforeCutOff(
        fetching.catch((err: unknown) => {
          services.log.error('full error failed', { error: errorMessage(err) });
          return INTERNAL_ERROR;
        }),
        RESTARTING,
      );
      let viewId: string | undefined;
      try {
        const opened = await client.views.open({ trigger_id: body.trigger_id, view: renderLoadingModal() });
        viewId = opened.view?.id;
      } catch (err) {
        services.log.warn('views.open failed', { error: errorMessage(err) });
        services.replies?.replyFailed('views');
      }
      if (!viewId) {
        await modal;
        await replyWith(services, { respond, responseUrl: body.response_url }, async () => NOT_OPENED, NEW_PRIVATE);
        return;
      }
      try {
        const view = await modal;
        await client.views.update({ view_id: viewId, view: services.sampleData ? withSampleNoticeModal(view) : view });
      } catch (err) {
        services.log.error('views.update failed', { error: errorMessage(err) });
        services.replies?.replyFailed('views');
        // The loading modal must not spin forever: a small view Slack will take says what happened.
        try {
          await client.views.update({ view_id: viewId, view: renderModalNotShown(run, lookup.site) });
        } catch (second) {
          services.log.warn('views.update of the error view failed too', { error: errorMessage(second) });
        }
      }
    }),
  );
}
