import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../publishHome';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

/**
 * The Home tab opened: check Datadog, gather the user's follows and lookups, and publish the view for them, once per
 * event however often Slack retries it.
 */
export function appHomeOpenedListener(services: BotServices, home: NonNullable<BotServices['home']>) {
  return async ({
    event,
    body,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const { eventClaims, log } = services;
    if (eventClaims && !(await eventClaims.claim(body.event_id))) {
      log.info('app_home_opened already handled', { event_id: body.event_id, retry: context.retryNum });
      return;
    }
    await services.inflight.run(() =>
      publishHome(services, home, client, { ...requesterOf(context, event.user, undefined), userId: event.user }),
    );
  };
}
