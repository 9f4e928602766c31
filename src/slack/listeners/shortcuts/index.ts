import type { App, MessageShortcut } from '@slack/bolt';
import { LOOKUP_RUN_SHORTCUT } from '../../../render/slackIds';
import type { BotServices } from '../../services';
import { lookupRunShortcut } from './lookupRun';

export function register(app: App, services: BotServices): void {
  app.shortcut<MessageShortcut>(
    { callback_id: LOOKUP_RUN_SHORTCUT, type: 'message_action' },
    lookupRunShortcut(services),
  );
}
