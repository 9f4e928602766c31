import type { App } from '@slack/bolt';
import { OPEN_IN_DATADOG_ACTION } from '../../../render/runReply';
import type { BotServices } from '../../services';

export function register(app: App, _services: BotServices): void {
  // Link buttons still send block_actions: ack them so Slack shows no error.
  app.action(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
}
