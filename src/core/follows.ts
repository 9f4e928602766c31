import type { RunOutcome } from './outcomes';
import type { RunRef, SiteRun } from './run';

/** Follows, live messages and the run watcher's shared state: the model and the store port core owns. */

/** Someone asked to hear when a run ends. */
export interface Follow {
  userId: string;
  run: SiteRun;
  /** Where the follow was made; named in the DM. Undefined when Slack gave no channel. */
  channelId?: string;
  /** Epoch ms. */
  createdAt: number;
}

/** A message the bot posted in a channel that it keeps true with chat.update while the run goes on. */
export interface LiveMessage {
  run: SiteRun;
  channelId: string;
  /** Slack's ts of the posted message: its identity for chat.update. */
  ts: string;
  sharedBy: string;
  createdAt: number;
}

/** A run someone follows or a live message shows: watched from `since` (epoch ms) until it ends or ages out. */
export interface WatchedRun {
  run: SiteRun;
  since: number;
}

export interface FollowCaps {
  /** Runs one user may follow at once. */
  perUser: number;
  /** Runs watched at once across the whole bot (follows and live messages). */
  total: number;
}

export type AddFollowResult = 'added' | 'already_following' | 'user_cap' | 'total_cap';
export type AddLiveResult = 'added' | 'total_cap';

/** A store call refused because the store is known to be down: the store already warned once, so callers log a warn. */
export class StoreDownError extends Error {
  override readonly name = 'StoreDownError';
}

/**
 * The bot's durable state: one interface, embedded (SQLite) or shared by a fleet (Redis).
 * Every method that decides "who does this" is atomic, so two replicas never both do it.
 */
export interface FollowStore {
  /** Adds a follow (and starts watching its run) unless a cap says no; atomic with the cap checks. */
  addFollow(follow: Follow, caps: FollowCaps): Promise<AddFollowResult>;
  /** The user's follows, oldest first. */
  listFollows(userId: string): Promise<Follow[]>;
  /** The run's followers, oldest first. */
  followersOf(run: RunRef): Promise<Follow[]>;
  /** Removes one follow and returns it to exactly one caller: a stop, or the claim before a DM. */
  takeFollow(userId: string, run: RunRef): Promise<Follow | undefined>;

  /** Records a live message (and starts watching its run) unless the total cap says no. */
  addLiveMessage(message: LiveMessage, caps: FollowCaps): Promise<AddLiveResult>;
  liveMessagesOf(run: RunRef): Promise<LiveMessage[]>;
  /** Removes one live message and returns it to exactly one caller: the claim before its last update. */
  takeLiveMessage(run: RunRef, channelId: string, ts: string): Promise<LiveMessage | undefined>;

  /** Every run being watched: what a replica resumes at start-up and takes over when a lease lapses. */
  watchedRuns(): Promise<WatchedRun[]>;
  /** Stops watching a run when nothing hangs on it any more; false when a follow or live message arrived meanwhile. */
  dropRunIfIdle(run: RunRef): Promise<boolean>;

  /** Takes the run's watch lease for `ttlMs` if no one holds it (or `owner` already does). */
  takeLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease only while `owner` still holds it. */
  renewLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(run: RunRef, owner: string): Promise<void>;

  /** True for the first claim of a Slack event ID within `ttlMs`, across the fleet: Slack's retries are answered once. */
  claimEvent(eventId: string, ttlMs: number): Promise<boolean>;

  close(): Promise<void>;
}

/** The one key a run is stored under: IDs are UUIDs, compared in lower case. */
export function runKey(run: RunRef): string {
  return `${run.workflowId.toLowerCase()}/${run.instanceId.toLowerCase()}`;
}

/** What a live message shows: the run while it goes on, its final state, or that it is no longer updated. */
export type LiveState = 'running' | 'final' | 'stopped';

/**
 * How the watcher tells people: a DM to each follower, chat.update on each live message.
 * Each returns false when Slack refused; the watcher logs it and goes on.
 */
export interface Notifier {
  /** The run's final reply (or the lookup failure that ended the watch), as a DM naming where the follow was made. */
  runEnded(follow: Follow, outcome: RunOutcome): Promise<boolean>;
  /** Watching stopped at the maximum age: the follower hears so, with the run as last seen when there is one. */
  watchExpired(follow: Follow, maxAgeMs: number, last: RunOutcome | undefined): Promise<boolean>;
  updateLive(message: LiveMessage, state: LiveState, outcome: RunOutcome | undefined): Promise<boolean>;
}
