import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { presentMessage } from '../../../render/slackReplies';
import { replyOptionsFor } from '../../replyOptions';
import { repliedBusy, replyWith } from '../../replyWith';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

/** Message shortcut: find runs in the message (text, blocks, attachments) and answer ephemerally. */
export function lookupRunShortcut(services: BotServices) {
  return async ({
    shortcut,
    ack,
    respond,
    context,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const target = { respond, responseUrl: shortcut.response_url };
    // A shortcut's ack carries no message: past the cap, "busy" goes to its response_url at once.
    if (await repliedBusy(services, target)) return;
    const { lookup } = services;
    const requester = { ...requesterOf(context, shortcut.user.id, shortcut.channel.id), via: 'shortcut' as const };
    await replyWith(services, target, async () => {
      const outcome = await lookup.lookUpMessage(shortcut.message, requester);
      const runs = outcome.kind === 'runs' ? outcome.runs : [];
      return presentMessage(outcome, lookup.site, await replyOptionsFor(services, requester, runs));
    });
  };
}
