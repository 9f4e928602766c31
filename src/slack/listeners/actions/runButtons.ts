import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { EntryPoint, Requester } from '../../../core/requester';
import type { FoundRun } from '../../../core/runRefs';
import type { Reply } from '../../../render/reply';
import { parseRunButtonValue } from '../../../render/runButtonValue';
import { presentButtonRefusal } from '../../../render/slackReplies';
import { repliedBusy, replyWith } from '../../replyWith';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

export type RunButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** How a click's answer lands: in place of the clicked reply, or as a new private message. */
export const REPLACE_CLICKED: Partial<Reply> = { response_type: 'ephemeral', replace_original: true };
export const NEW_PRIVATE: Partial<Reply> = { response_type: 'ephemeral', replace_original: false };

export function clickRequester(
  { body, context }: Pick<RunButtonArgs, 'body' | 'context'>,
  via?: EntryPoint,
): Requester {
  return { ...requesterOf(context, body.user.id, body.channel?.id), via };
}

/**
 * Acks, reads the run from the button, then hands it to `work`; a damaged value gets a clear private reply instead.
 * Damaged values are answered here so each button's own work only ever sees a sound run reference. Past
 * REPLY_MAX_PENDING a click is answered "busy" in a new private message, and the clicked reply stays.
 */
export function onRunButton(services: BotServices, work: (run: FoundRun, args: RunButtonArgs) => Promise<void>) {
  return async (args: RunButtonArgs): Promise<void> => {
    await args.ack();
    const target = { respond: args.respond, responseUrl: args.body.response_url };
    if (await repliedBusy(services, target, NEW_PRIVATE)) return;
    const button = services.lookup.readButton(parseRunButtonValue(args.action.value));
    if (!button.ok) {
      services.log.warn('button value rejected', { action: args.action.action_id, user: args.body.user.id });
      await replyWith(services, target, async () => presentButtonRefusal(button), NEW_PRIVATE);
      return;
    }
    await work(button.run, args);
  };
}

/** A button answered with one reply through the click's response_url. */
export function replyingButton(
  services: BotServices,
  answer: (run: FoundRun, args: RunButtonArgs) => Promise<Reply>,
  delivery: Partial<Reply>,
) {
  return onRunButton(services, (run, args) =>
    replyWith(
      services,
      { respond: args.respond, responseUrl: args.body.response_url },
      () => answer(run, args),
      delivery,
    ),
  );
}
