import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';

/** `/dd-instance …`: ack at once, look up, then one ephemeral reply. */
export function ddInstanceCommand(services: BotServices) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await replyWith(services, respond, () => services.lookup.answerCommand(command.text ?? '', { userId: command.user_id, channelId: command.channel_id }));
  };
}
