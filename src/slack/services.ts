import type { InFlight } from '../core/inflight';
import type { Log } from '../core/log';
import type { RunLookup } from '../core/runLookup';
import type { ResponseUrlPoster } from './responseUrl';

/** What the listeners need from the rest of the bot. */
export interface BotServices {
  lookup: RunLookup;
  inflight: InFlight;
  log: Log;
  /** Posts replies to response_url through the bot's own pool; without it, replies go through Bolt's respond(). */
  replies?: ResponseUrlPoster;
}
