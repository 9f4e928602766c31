import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseRunButtonValue } from '../../../render/runButtonValue';
import { publishHome } from '../../publishHome';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

type HomeButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Stop" beside a followed run in App Home: stops the follow, then publishes Home again, which is the answer
 * (a Home click has no response_url). A damaged value stops nothing; the fresh view still shows the truth.
 */
export function homeStopFollowingButton(services: BotServices, home: NonNullable<BotServices['home']>) {
  return async ({ ack, action, body, client, context }: HomeButtonArgs): Promise<void> => {
    await ack();
    await services.inflight.run(async () => {
      const button = services.lookup.readButton(parseRunButtonValue(action.value));
      if (!button.ok) services.log.warn('button value rejected', { action: action.action_id, user: body.user.id });
      else if (services.follows) {
        const { workflowId, instanceId } = button.run;
        await services.follows.stopFollowing(body.user.id, { workflowId, instanceId, site: services.lookup.site });
      }
      await publishHome(services, home, client, {
        ...requesterOf(context, body.user.id, undefined),
        userId: body.user.id,
      });
    });
  };
}
