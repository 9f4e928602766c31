import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../publishHome';
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
    await services.inflight.run(() =>
      publishHome(services, home, client, { ...requesterOf(context, event.user, undefined), userId: event.user }),
    );
  };
}
