import type { App, ViewSubmitAction } from '@slack/bolt';
import { RUN_AGAIN_VIEW } from '../../../render/slackIds';
import type { BotServices } from '../../services';
import { runAgainSubmission } from './runAgain';

/** Registers each form's submission listener; returns their callback IDs, for the unknown-request middleware. */
export function register(app: App, services: BotServices): ReadonlySet<string> {
  app.view<ViewSubmitAction>(RUN_AGAIN_VIEW, runAgainSubmission(services));
  return new Set([RUN_AGAIN_VIEW]);
}
