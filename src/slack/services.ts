import type { ActGate } from '../core/actGate';
import type { CancelRun } from '../core/cancelRun';
import type { FollowRuns } from '../core/followRuns';
import type { HomeTab } from '../core/homeTab';
import type { InFlight } from '../core/inflight';
import type { LinkUnfurls } from '../core/linkUnfurls';
import type { Log } from '../core/log';
import type { RunAgain } from '../core/runAgain';
import type { RunLookup } from '../core/runLookup';
import type { EventClaims } from '../core/surfacePorts';
import type { SecretMask } from '../render/secretMask';
import type { ResponseUrlPoster } from './responseUrl';

/** What the listeners need from the rest of the bot. */
export interface BotServices {
  lookup: RunLookup;
  inflight: InFlight;
  log: Log;
  /** Link unfurls; absent while UNFURL_ENABLED is off. */
  unfurls?: LinkUnfurls;
  /** Slack event IDs already handled: a retried event is answered once. */
  eventClaims?: EventClaims;
  /** The App Home tab. */
  home?: HomeTab;
  /** DD_DEMO: every reply says it shows sample data. */
  sampleData?: boolean;
  /** Told when Slack does not take a reply (metrics). */
  replies?: { replyFailed(how: 'response_url' | 'views'): void };
  /** Posts replies to response_url through the bot's own pool; without it, replies go through Bolt's respond(). */
  poster?: ResponseUrlPoster;
  /** Blanks the configured secrets in everything sent to Slack: replies, views, DMs and unfurl cards. */
  mask?: SecretMask;
  /** Follows and live messages; absent where the bot runs without them (listener unit tests). */
  follows?: FollowRuns;
  /** Cancel and run, each checked against the actor rules and audited; absent where the bot runs without them. */
  acts?: ActGate;
  /** Cancel run; a click without it is answered as with actions off. */
  cancels?: CancelRun;
  /** Run again: the form and the new run, through `acts`; absent where the bot runs without acting. */
  runAgain?: RunAgain;
}
