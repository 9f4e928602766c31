import type { ModalView } from '@slack/types';
import { errorMessage } from '../../../core/errorMessage';
import { renderLoadingModal, renderModalNotShown, renderNoticeModal } from '../../../render/runModal';
import { withSampleNoticeModal } from '../../../render/sampleNotice';
import { presentRunModal } from '../../../render/slackReplies';
import { renderProblem } from '../../../render/usageReply';
import { openLoadingModal, replaceLoadingModal } from '../../loadingModal';
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
      const opened = await openLoadingModal(services, client, body.trigger_id, renderLoadingModal());
      if (!opened) {
        await modal;
        await replyWith(services, { respond, responseUrl: body.response_url }, async () => NOT_OPENED, NEW_PRIVATE);
        return;
      }
      const view = await modal;
      await replaceLoadingModal(
        services,
        client,
        opened,
        services.sampleData ? withSampleNoticeModal(view) : view,
        renderModalNotShown(run, lookup.site),
      );
    }),
  );
}
