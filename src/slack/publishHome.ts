import type { AllMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { NamedRequester } from '../core/requester';
import { presentHome } from '../render/homeView';
import type { BotServices } from './services';

/** Publishes the user's Home view afresh: when the tab opens, and after a click in it changed what it shows. */
export async function publishHome(
  services: BotServices,
  home: NonNullable<BotServices['home']>,
  client: AllMiddlewareArgs['client'],
  requester: NamedRequester,
): Promise<void> {
  const { userId } = requester;
  try {
    const view = presentHome(await home.open(requester));
    await client.views.publish({ user_id: userId, view });
    services.log.info('home published', { user: userId });
  } catch (err) {
    services.log.warn('home not published', { user: userId, error: errorMessage(err) });
  }
}
