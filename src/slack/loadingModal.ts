import type { AllMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { errorMessage } from '../core/errorMessage';
import type { BotServices } from './services';

/**
 * A modal opened at once on a click, while its trigger_id lasts (3 s), and replaced when what it shows is ready,
 * however long Datadog takes.
 */

type Client = AllMiddlewareArgs['client'];

/** The opened view: its ID, and its hash, so an update made on a copy Slack no longer shows is refused. */
export interface OpenedModal {
  id: string;
  hash?: string;
}

/** Opens `loading` with the click's trigger_id; undefined (logged and counted) when Slack did not open it. */
export async function openLoadingModal(
  services: BotServices,
  client: Client,
  triggerId: string,
  loading: ModalView,
): Promise<OpenedModal | undefined> {
  try {
    const { view } = await client.views.open({ trigger_id: triggerId, view: loading });
    if (view?.id) return { id: view.id, ...(view.hash ? { hash: view.hash } : {}) };
  } catch (err) {
    services.log.warn('views.open failed', { error: errorMessage(err) });
    services.replies?.replyFailed('views');
  }
  return undefined;
}

/** Replaces the opened modal with `view`; when Slack refuses it, with `notShown`, a small view, so nothing spins. */
export async function replaceLoadingModal(
  services: BotServices,
  client: Client,
  opened: OpenedModal,
  view: ModalView,
  notShown: ModalView,
): Promise<void> {
  const update = (next: ModalView) =>
    client.views.update({ view_id: opened.id, ...(opened.hash ? { hash: opened.hash } : {}), view: next });
  try {
    await update(view);
  } catch (err) {
    services.log.error('views.update failed', { error: errorMessage(err) });
    services.replies?.replyFailed('views');
    try {
      await update(notShown);
    } catch (second) {
      services.log.warn('views.update of the error view failed too', { error: errorMessage(second) });
    }
  }
}
