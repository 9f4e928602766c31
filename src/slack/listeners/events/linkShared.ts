import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../../core/errorMessage';
import { presentUnfurls } from '../../../render/unfurlCard';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';

type LinkSharedArgs = SlackEventMiddlewareArgs<'link_shared'> & AllMiddlewareArgs;

const SOURCES = ['composer', 'conversations_history'] as const;
const isSource = (source: string | undefined): source is (typeof SOURCES)[number] =>
  SOURCES.some((known) => known === source);

/** Where the cards go: a link still in the composer is named by its unfurl ID, a posted one by channel and ts. */
function unfurlTarget({ unfurl_id, source, channel, message_ts }: LinkSharedArgs['event']) {
  return unfurl_id && isSource(source) ? { unfurl_id, source } : { channel, ts: message_ts };
}

/**
 * Run links posted where the app is: one chat.unfurl with a card for each run, once per event however often Slack
 * retries it. Bolt has acked the event already; the lookups happen after.
 */
export function linkSharedListener(services: BotServices) {
  return async ({ event, body, context, client }: LinkSharedArgs): Promise<void> => {
    const { unfurls, eventClaims, log } = services;
    if (!unfurls) {
      log.debug('link_shared ignored: unfurls are off (UNFURL_ENABLED)', { event_id: body.event_id });
      return;
    }
    if (eventClaims && !(await eventClaims.claim(body.event_id))) {
      log.info('link_shared already handled', { event_id: body.event_id, retry: context.retryNum });
      return;
    }
    await services.inflight.run(async () => {
      try {
        const outcome = await unfurls.lookUpLinks(
          event.links.map((link) => link.url),
          requesterOf(context, event.user, event.channel),
        );
        const cards = presentUnfurls(outcome, services.lookup.site);
        log.info('unfurl', {
          event_id: body.event_id,
          channel: event.channel,
          links: event.links.length,
          cards: Object.keys(cards).length,
          other_site: outcome.otherSite.length,
          skipped: outcome.skipped,
        });
        if (Object.keys(cards).length === 0) return;
        await client.chat.unfurl({ ...unfurlTarget(event), unfurls: cards });
      } catch (err) {
        log.warn('unfurl failed', { event_id: body.event_id, error: errorMessage(err) });
      }
    });
  };
}
