import type { FollowRuns } from '../core/followRuns';
import type { InFlight } from '../core/inflight';
import type { Log } from '../core/log';
import type { RunLookup } from '../core/runLookup';

/** What the listeners need from the rest of the bot. */
export interface BotServices {
  lookup: RunLookup;
  inflight: InFlight;
  log: Log;
  /** Follows and live messages; absent where the bot runs without them (listener unit tests). */
  follows?: FollowRuns;
}
