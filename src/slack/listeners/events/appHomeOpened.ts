import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../../core/errorMessage';
import { presentHome } from '../../../render/homeView';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

/** The Home tab opened: check Datadog, gather the user's follows and lookups, and publish the view for them. */
export function appHomeOpenedListener(services: BotServices, home: NonNullable<BotServices['home']>) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await services.inflight.run(async () => {
      try {
        const view = presentHome(
          await home.tab.open({ ...requesterOf(context, event.user, undefined), userId: event.user }),
          home.hooks,
        );
        await client.views.publish({ user_id: event.user, view });
        services.log.info('home published', { user: event.user });
      } catch (err) {
        services.log.warn('home not published', { user: event.user, error: errorMessage(err) });
      }
    });
  };
}
