import type { InFlight } from '../core/inflight';
import type { Log } from '../core/log';
import type { RunLookup } from '../core/runLookup';

/** What the listeners need from the rest of the bot. */
export interface BotServices {
  lookup: RunLookup;
  inflight: InFlight;
  log: Log;
  /** DD_DEMO: every reply says it shows sample data. */
  sampleData?: boolean;
  /** Told when Slack does not take a reply (metrics). */
  replies?: { replyFailed(how: 'response_url' | 'views'): void };
}
