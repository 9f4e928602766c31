import type { RespondFn } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Reply } from '../render/reply';
import { withSampleNotice } from '../render/sampleNotice';
import { renderBusy, renderProblem, renderUsage } from '../render/usageReply';
import type { BotServices } from './services';

const RESTARTING = renderProblem('dd-instance is restarting, try again in a few seconds.');

const BUSY = renderBusy();

const INTERNAL_ERROR = renderUsage(
  'Something went wrong inside dd-instance while answering. Try again; if it keeps happening, tell whoever runs the bot.',
);

/** Where a request's reply goes: its response_url, posted by the bot's own poster when it has one. */
export interface ReplyTarget {
  respond: RespondFn;
  responseUrl: string | undefined;
}

function deliver(services: BotServices, target: RespondFn | ReplyTarget, reply: Reply): Promise<unknown> {
  const message = services.mask ? services.mask(reply) : reply;
  if (typeof target === 'function') return target(message);
  const { poster } = services;
  return poster && target.responseUrl ? poster.post(target.responseUrl, message) : target.respond(message);
}

/**
 * Runs the work behind an acked request and sends its one reply to the request's response_url.
 * Whatever happens the user hears back, and shutdown waits for it: an answer not in by the shutdown's cut-off is
 * replaced by a "restarting" reply, and the late answer is dropped. Work that answered by other means returns undefined.
 */
export function replyWith(
  services: BotServices,
  target: RespondFn | ReplyTarget,
  work: () => Promise<Reply | undefined>,
  extra: Partial<Reply> = { response_type: 'ephemeral' },
): Promise<void> {
  return services.inflight.run(async () => {
    const answered = work().catch((err: unknown) => {
      services.log.error('answer failed', { error: errorMessage(err) });
      return INTERNAL_ERROR;
    });
    let reply = await services.inflight.beforeCutOff(answered, RESTARTING);
    if (!reply) return;
    if (services.sampleData) reply = withSampleNotice(reply);
    try {
      await deliver(services, target, { ...reply, ...extra });
    } catch (err) {
      services.log.error('reply not delivered', { error: errorMessage(err) });
      services.replies?.replyFailed('response_url');
    }
  });
}

/** The backlog is at REPLY_MAX_PENDING: the "busy" reply to give at once instead of queueing; undefined when not full. */
export function busyReply(services: BotServices): Reply | undefined {
  if (!services.inflight.full) return undefined;
  return services.sampleData ? withSampleNotice(BUSY) : BUSY;
}

/**
 * For a request whose ack cannot carry a message (a shortcut, a click): past the cap, "busy" goes to its
 * response_url now, ahead of the backlog. True when it did, and the request must not be worked on.
 */
export async function repliedBusy(
  services: BotServices,
  target: ReplyTarget,
  extra?: Partial<Reply>,
): Promise<boolean> {
  if (!services.inflight.full) return false;
  await replyWith(services, target, async () => BUSY, extra);
  return true;
}
