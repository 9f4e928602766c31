import type { App, ViewSubmitAction } from '@slack/bolt';
import { RUN_AGAIN_VIEW } from '../../../render/slackIds';
import type { BotServices } from '../../services';
import { runAgainSubmission } from './runAgain';

export function register(app: App, services: BotServices): void {
  app.view<ViewSubmitAction>(RUN_AGAIN_VIEW, runAgainSubmission(services));
}
