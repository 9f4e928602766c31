import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { presentCommand } from '../../../render/slackReplies';
import { mayAct } from '../../mayAct';
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
    await replyWith(services, { respond, responseUrl: command.response_url }, async () => {
      const requester = { ...requesterOf(context, command.user_id, command.channel_id), via: 'command' as const };
      const outcome = await lookup.lookUpCommand(command.text ?? '', requester);
      const shown = outcome.kind === 'run' ? outcome.run.ref : undefined;
      return presentCommand(outcome, lookup.site, {
        shareEnabled: lookup.access.shareEnabled,
        mayAct: await mayAct(services, requester, shown),
      });
    });
  };
}
