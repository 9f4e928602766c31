import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { presentCommand } from '../../../render/slackReplies';
import { replyOptionsFor } from '../../replyOptions';
import { busyReply, replyWith } from '../../replyWith';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

/** `/dd-instance …`: ack at once, look up, then one ephemeral reply; past REPLY_MAX_PENDING the ack says "busy". */
export function ddInstanceCommand(services: BotServices) {
  return async ({ command, ack, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const busy = busyReply(services);
    if (busy) {
      await ack({ ...busy, response_type: 'ephemeral' });
      return;
    }
    await ack();
    const { lookup } = services;
    const requester = { ...requesterOf(context, command.user_id, command.channel_id), via: 'command' as const };
    await replyWith(services, { respond, responseUrl: command.response_url }, async () => {
      const outcome = await lookup.lookUpCommand(command.text ?? '', requester);
      const runs = outcome.kind === 'run' ? [outcome.run] : [];
      return presentCommand(outcome, lookup.site, await replyOptionsFor(services, requester, runs));
    });
  };
}
