import type { RespondFn } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Reply } from '../render/reply';
import { renderUsage } from '../render/usageReply';
import type { BotServices } from './services';

const INTERNAL_ERROR = renderUsage(
  'Something went wrong inside dd-instance while answering. Try again; if it keeps happening, tell whoever runs the bot.',
);

/**
 * Runs the work behind an acked request and sends its one reply through `respond`.
 * Whatever happens the user hears back, and shutdown waits for it. Work that answered by other means returns undefined.
 */
export function replyWith(
  services: BotServices,
  respond: RespondFn,
  work: () => Promise<Reply | undefined>,
  extra: Partial<Reply> = { response_type: 'ephemeral' },
): Promise<void> {
  return services.inflight.run(async () => {
    let reply: Reply | undefined;
    try {
      reply = await work();
    } catch (err) {
      services.log.error('answer failed', { error: errorMessage(err) });
      reply = INTERNAL_ERROR;
    }
    if (!reply) return;
    try {
      await respond({ ...reply, ...extra });
    } catch (err) {
      services.log.error('reply not delivered', { error: errorMessage(err) });
    }
  });
}
