import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';

/** The manifest declares this callback_id for the "Look up Datadog run" message shortcut. */
export const LOOKUP_RUN_SHORTCUT = 'lookup_datadog_run';

/** Message shortcut: find runs in the message (text, blocks, attachments) and answer ephemerally. */
export function lookupRunShortcut(services: BotServices) {
  return async ({ shortcut, ack, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await replyWith(services, respond, () =>
      services.lookup.answerMessage(shortcut.message, { userId: shortcut.user.id, channelId: shortcut.channel.id }),
    );
  };
}
