import { errorMessage } from '../core/errorMessage';
import { type FollowStore, StoreDownError } from '../core/follows';
import type { Log } from '../core/log';
import type { SharedRun, SharedRunCache } from '../core/ports';
import type { RunRef } from '../core/run';
import { storeRetryDelayMs } from './retryDelay';

/**
 * The follow store as the bot sees it: opened in the background and opened again after it is lost, so follows,
 * live messages and event claims come back on their own. While it is down every call fails at once, clearly.
 */

/** What an opened store can tell later: Redis reconnects by itself and says when it drops and when it is back. */
export interface StoreSignals {
  down(reason: string): void;
  up(): void;
}

/** A store as opened, with what goes with it. */
export interface StoreLink {
  store: FollowStore;
  /** With Redis: ended runs shared by the fleet. */
  sharedRuns?: SharedRunCache;
  /** True for a failure that means the store itself is gone (SQLite's file), so it must be opened again. */
  lost?(err: unknown): boolean;
}

/** Opens the store, or throws why not (naming no secret). */
export type StoreOpener = (signals: StoreSignals) => Promise<StoreLink>;

export interface StoreHealth {
  up: boolean;
  /** "ok", or why the store is down. */
  reason: string;
}

export interface HealingStoreOptions {
  /** Which store, in log lines: "redis" or "sqlite". */
  kind: string;
  log: Log;
  /** Told each time the store goes down or comes back. */
  onChange?: (health: StoreHealth) => void;
  /** In [0, 1): the retry jitter's dice. */
  random?: () => number;
}

/** While the store stays down, "still down" is logged at most this often, not once per retry. */
const STILL_DOWN_EVERY_MS = 5 * 60_000;

export class HealingStore implements FollowStore {
  private link?: StoreLink;
  private health: StoreHealth = { up: false, reason: 'not opened yet' };
  private retries = 0;
  private retryTimer?: NodeJS.Timeout;
  private downSince?: number;
  private lastDownLog = 0;
  private closed = false;

  constructor(
    private readonly open: StoreOpener,
    private readonly options: HealingStoreOptions,
  ) {}

  /** The first try, awaited so start-up logs say how it went; later tries happen in the background. Never throws. */
  start(): Promise<void> {
    return this.tryOpen();
  }

  get up(): boolean {
    return this.health.up;
  }

  get status(): StoreHealth {
    return { ...this.health };
  }

  /** The fleet's shared ended runs through whichever link is up: a miss, never a failure, while the store is down. */
  readonly sharedRuns: SharedRunCache = {
    get: async (ref: RunRef) => (this.health.up ? this.link?.sharedRuns?.get(ref) : undefined),
    put: async (shared: SharedRun, ttlMs: number) => {
      if (this.health.up) await this.link?.sharedRuns?.put(shared, ttlMs);
    },
  };

  readonly addFollow: FollowStore['addFollow'] = (follow, caps) => this.use((store) => store.addFollow(follow, caps));
  readonly listFollows: FollowStore['listFollows'] = (userId) => this.use((store) => store.listFollows(userId));
  readonly followersOf: FollowStore['followersOf'] = (run) => this.use((store) => store.followersOf(run));
  readonly takeFollow: FollowStore['takeFollow'] = (userId, run) => this.use((store) => store.takeFollow(userId, run));
  readonly addLiveMessage: FollowStore['addLiveMessage'] = (message, caps) =>
    this.use((store) => store.addLiveMessage(message, caps));
  readonly liveMessagesOf: FollowStore['liveMessagesOf'] = (run) => this.use((store) => store.liveMessagesOf(run));
  readonly takeLiveMessage: FollowStore['takeLiveMessage'] = (run, channelId, ts) =>
    this.use((store) => store.takeLiveMessage(run, channelId, ts));
  readonly watchedRuns: FollowStore['watchedRuns'] = () => this.use((store) => store.watchedRuns());
  readonly dropRunIfIdle: FollowStore['dropRunIfIdle'] = (run) => this.use((store) => store.dropRunIfIdle(run));
  readonly takeLease: FollowStore['takeLease'] = (run, owner, ttlMs) =>
    this.use((store) => store.takeLease(run, owner, ttlMs));
  readonly renewLease: FollowStore['renewLease'] = (run, owner, ttlMs) =>
    this.use((store) => store.renewLease(run, owner, ttlMs));
  readonly releaseLease: FollowStore['releaseLease'] = (run, owner) =>
    this.use((store) => store.releaseLease(run, owner));
  readonly claimEvent: FollowStore['claimEvent'] = (eventId, ttlMs) =>
    this.use((store) => store.claimEvent(eventId, ttlMs));

  /** Stops retrying and closes the store, if open. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const link = this.link;
    this.link = undefined;
    await link?.store.close();
  }

  private async use<T>(call: (store: FollowStore) => Promise<T>): Promise<T> {
    const link = this.link;
    if (!link || !this.health.up) throw new StoreDownError(`the follow store is down: ${this.health.reason}`);
    try {
      return await call(link.store);
    } catch (err) {
      if (link === this.link && link.lost?.(err)) this.lose(link, errorMessage(err));
      throw err;
    }
  }

  private async tryOpen(): Promise<void> {
    this.retryTimer = undefined;
    let link: StoreLink;
    try {
      link = await this.open({
        down: (reason) => {
          if (this.link === link) this.markDown(reason);
        },
        up: () => {
          if (this.link === link) this.markUp();
        },
      });
    } catch (err) {
      this.markDown(errorMessage(err));
      this.retryLater();
      return;
    }
    if (this.closed) {
      await link.store.close().catch(() => undefined);
      return;
    }
    this.link = link;
    this.retries = 0;
    this.markUp();
  }

  /** The store failed in a way only opening it again can mend: close it and open it again in the background. */
  private lose(link: StoreLink, reason: string): void {
    this.link = undefined;
    this.markDown(reason);
    link.store.close().catch(() => undefined);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => void this.tryOpen(), storeRetryDelayMs(this.retries++, this.options.random));
    this.retryTimer.unref();
  }

  private markDown(reason: string): void {
    const { log, kind } = this.options;
    const now = Date.now();
    const wasUp = this.health.up || this.downSince === undefined;
    this.health = { up: false, reason };
    if (wasUp) {
      this.downSince = now;
      this.lastDownLog = now;
      log.warn('follow store unavailable: follows, live messages and event claims wait for it; retrying', {
        store: kind,
        error: reason,
      });
      this.options.onChange?.(this.status);
    } else if (now - this.lastDownLog >= STILL_DOWN_EVERY_MS) {
      this.lastDownLog = now;
      log.warn('follow store still unavailable; retrying', {
        store: kind,
        error: reason,
        down_ms: now - (this.downSince ?? now),
      });
    }
  }

  private markUp(): void {
    if (this.health.up) return;
    const { log, kind } = this.options;
    const downMs = this.downSince === undefined ? undefined : Date.now() - this.downSince;
    this.health = { up: true, reason: 'ok' };
    this.downSince = undefined;
    if (downMs === undefined) log.info('follow store opened', { store: kind });
    else log.info('follow store back', { store: kind, down_ms: downMs });
    this.options.onChange?.(this.status);
  }
}
