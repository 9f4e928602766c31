import { randomUUID } from 'node:crypto';
import { errorMessage } from './errorMessage';
import { failureTag, isLasting } from './failures';
import type { WatchStarter } from './followRuns';
import { type Follow, type FollowStore, type LiveState, type Notifier, runKey, type WatchedRun } from './follows';
import type { Log } from './log';
import type { RunOutcome } from './outcomes';
import { type Clock, type RunSource, systemClock } from './ports';
import { hasEnded, type SiteRun, type WorkflowRun } from './run';
import { type HistoryReader, historyWithin } from './runHistory';

/** One watcher per run across the fleet: it holds the run's lease, polls with back-off, and tells people at the end. */

export interface WatchSettings {
  /** First poll interval; doubles each poll up to `pollMaxMs`, each with ±20% jitter. */
  pollMinMs: number;
  pollMaxMs: number;
  /** How long a lease lasts unrenewed: a dead replica's runs are taken over after this. */
  leaseMs: number;
  /** A run watched longer than this is given up on, and its followers told. */
  maxAgeMs: number;
}

export interface RunWatcherDeps {
  store: FollowStore;
  source: RunSource;
  notifier: Notifier;
  log: Log;
  settings: WatchSettings;
  clock?: Clock;
  /** In [0, 1): the jitter's dice; fixed in tests that count polls. */
  random?: () => number;
  /** The workflow's history beside each poll (through the cache): shown in DMs and live messages. */
  history?: HistoryReader;
  /** False while the store is down: the watcher waits quietly rather than failing on every turn. */
  storeUp?: () => boolean;
}

interface LocalWatch {
  watched: WatchedRun;
  polls: number;
  timer?: NodeJS.Timeout;
  /** The last run seen: shown when the watch expires, and compared so a live message is only rewritten on change. */
  last?: RunOutcome;
  lastDigest?: string;
}

/** How a watch ends: what each follower is sent, how live messages are left, and the line logged. */
interface Ending {
  /** What the DM is called in the sent / not delivered lines. */
  dm: string;
  notify: (follow: Follow) => Promise<boolean>;
  live: LiveState;
  outcome: RunOutcome | undefined;
  logged: [message: string, fields: Record<string, unknown>];
}

/** What a live message shows that can change while a run goes on. */
function digest(run: WorkflowRun): string {
  return JSON.stringify([run.statusKind, run.endedAt, run.steps.map((step) => [step.name, step.state])]);
}

export class RunWatcher implements WatchStarter {
  /** This replica's name on the leases it holds. */
  readonly owner = randomUUID();
  private readonly local = new Map<string, LocalWatch>();
  private readonly ticking = new Set<Promise<void>>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private heartbeat?: NodeJS.Timeout;
  private scanning?: Promise<void>;
  private rescan = false;
  private stopped = false;

  constructor(private readonly deps: RunWatcherDeps) {
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
  }

  /** Resumes every watched run no live replica holds, then keeps leases fresh and looks for lapsed ones. */
  async start(): Promise<void> {
    if (this.storeUp()) await this.scan();
    // stop() may have come while the first scan ran: no heartbeat after it.
    if (this.stopped) return;
    this.heartbeat = setInterval(() => this.wake(), Math.max(50, Math.floor(this.deps.settings.leaseMs / 3)));
    this.heartbeat.unref();
  }

  /** Scans at once (coalesced): a new follow starts its watch now rather than at the next heartbeat. */
  wake(): void {
    // While the store is down a scan can only fail; the store's return wakes the watcher.
    if (this.stopped || !this.storeUp()) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    void this.scan();
  }

  /** Stops polling and hands the leases back, so another replica takes over at once rather than after expiry. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const watch of this.local.values()) clearTimeout(watch.timer);
    await Promise.allSettled([this.scanning, ...this.ticking]);
    const held = [...this.local.values()];
    this.local.clear();
    await Promise.allSettled(held.map(({ watched }) => this.deps.store.releaseLease(watched.run, this.owner)));
  }

  get watchedHere(): number {
    return this.local.size;
  }

  private scan(): Promise<void> {
    this.scanning = (async () => {
      do {
        this.rescan = false;
        await this.renewAndTakeOver().catch((err: unknown) =>
          this.deps.log.warn('watch: scan failed', { error: errorMessage(err) }),
        );
      } while (this.rescan && !this.stopped);
    })().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async renewAndTakeOver(): Promise<void> {
    const { store, settings } = this.deps;
    for (const [key, watch] of this.local) await this.keepLease(key, watch);
    for (const watched of await store.watchedRuns()) {
      const key = runKey(watched.run);
      if (this.stopped || this.local.has(key)) continue;
      if (!(await store.takeLease(watched.run, this.owner, settings.leaseMs))) continue;
      this.deps.log.info('watch: lease taken', { instance: watched.run.instanceId, owner: this.owner });
      const watch: LocalWatch = { watched, polls: 0 };
      this.local.set(key, watch);
      this.schedule(key, watch, this.delay(0));
    }
  }

  /** Seconds at first, about `pollMaxMs` later, each with jitter so many runs do not poll in step. */
  private delay(polls: number): number {
    const { pollMinMs, pollMaxMs } = this.deps.settings;
    const base = Math.min(pollMaxMs, pollMinMs * 2 ** Math.min(polls, 30));
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  private schedule(key: string, watch: LocalWatch, ms: number): void {
    if (this.stopped) return;
    watch.timer = setTimeout(() => {
      const tick = this.tick(key, watch).catch((err: unknown) => {
        this.deps.log.warn('watch: tick failed', { instance: watch.watched.run.instanceId, error: errorMessage(err) });
        this.schedule(key, watch, this.delay(watch.polls));
      });
      this.ticking.add(tick);
      void tick.finally(() => this.ticking.delete(tick));
    }, ms);
    watch.timer.unref();
  }

  /** Renews the run's lease; when another replica holds it now, the local watch is dropped. */
  private async keepLease(key: string, watch: LocalWatch): Promise<boolean> {
    const { run } = watch.watched;
    if (await this.deps.store.renewLease(run, this.owner, this.deps.settings.leaseMs)) return true;
    this.deps.log.warn('watch: lease lost', { instance: run.instanceId });
    this.forget(key);
    return false;
  }

  private forget(key: string): void {
    clearTimeout(this.local.get(key)?.timer);
    this.local.delete(key);
  }

  /** The watch tick: check the lease, poll once, then finish, give up, update live messages, or wait longer. */
  private async tick(key: string, watch: LocalWatch): Promise<void> {
    const { settings, log } = this.deps;
    const { run } = watch.watched;
    if (this.stopped || this.local.get(key) !== watch) return;
    if (!this.storeUp()) {
      this.schedule(key, watch, this.delay(watch.polls));
      return;
    }
    if (!(await this.keepLease(key, watch))) return;
    if (await this.dropIfIdle(key, watch)) return;
    if (this.now() - watch.watched.since > settings.maxAgeMs) {
      await this.expire(key, watch);
      return;
    }
    const history = this.deps.history?.(run.workflowId);
    const result = await this.deps.source.getInstance(run);
    watch.polls += 1;
    const outcome: RunOutcome = { ref: run, result, at: this.clock() };
    if (result.ok && history) outcome.history = await historyWithin(history);
    const ended = result.ok ? hasEnded(result.value) : isLasting(result.failure);
    const retryAfterMs =
      !result.ok && result.failure.kind === 'rate_limited' ? (result.failure.retryAfterSeconds ?? 0) * 1000 : 0;
    const nextMs = ended ? undefined : Math.max(retryAfterMs, this.delay(watch.polls));
    log.info('watch: poll', {
      instance: run.instanceId,
      poll: watch.polls,
      outcome: result.ok ? result.value.statusKind : failureTag(result.failure),
      next_ms: nextMs,
    });
    if (nextMs === undefined) {
      await this.finish(key, watch, outcome);
      return;
    }
    if (result.ok) {
      watch.last = outcome;
      const now = digest(result.value);
      if (now !== watch.lastDigest) {
        watch.lastDigest = now;
        await this.updateLiveMessages(watch, 'running', outcome);
      }
    }
    this.schedule(key, watch, nextMs);
  }

  /** The run ended (or failed lastingly): each follower gets its final reply, live messages their final state. */
  private finish(key: string, watch: LocalWatch, outcome: RunOutcome): Promise<void> {
    const { run } = watch.watched;
    return this.end(key, watch, {
      dm: 'dm',
      notify: (follow) => this.deps.notifier.runEnded(follow, outcome),
      live: 'final',
      outcome,
      logged: ['watch: finished', { instance: run.instanceId, polls: watch.polls }],
    });
  }

  /** Watched past the maximum age: each follower hears so, with the run as last seen. */
  private expire(key: string, watch: LocalWatch): Promise<void> {
    const { maxAgeMs } = this.deps.settings;
    return this.end(key, watch, {
      dm: 'expired dm',
      notify: (follow) => this.deps.notifier.watchExpired(follow, maxAgeMs, watch.last),
      live: 'stopped',
      outcome: watch.last,
      logged: ['watch: expired', { instance: watch.watched.run.instanceId, max_age_ms: maxAgeMs }],
    });
  }

  private async end(key: string, watch: LocalWatch, ending: Ending): Promise<void> {
    await this.tellEveryone(watch.watched.run, ending);
    if (!(await this.dropIfIdle(key, watch))) this.schedule(key, watch, 0);
  }

  /**
   * A run this replica saw end first, as its own cancel ended it: everyone is told now, with who cancelled it.
   * The run's watch, here or on another replica, finds nothing left at its next poll and stops.
   */
  announceEnd(run: SiteRun, outcome: RunOutcome): Promise<void> {
    return this.tellEveryone(run, {
      dm: 'dm',
      notify: (follow) => this.deps.notifier.runEnded(follow, outcome),
      live: 'final',
      outcome,
      logged: ['watch: finished by a cancel', { instance: run.instanceId }],
    });
  }

  /** Each follower and live message is claimed before it is told, so two replicas never both tell it. */
  private async tellEveryone(run: SiteRun, ending: Ending): Promise<void> {
    const { store } = this.deps;
    for (const follower of await store.followersOf(run)) {
      const follow = await store.takeFollow(follower.userId, run);
      if (follow) this.reportSent(ending.dm, follow.userId, await ending.notify(follow));
    }
    await this.closeLiveMessages(run, ending.live, ending.outcome);
    this.deps.log.info(...ending.logged);
  }

  private async updateLiveMessages(watch: LocalWatch, state: LiveState, outcome: RunOutcome): Promise<void> {
    for (const message of await this.deps.store.liveMessagesOf(watch.watched.run))
      this.reportSent('live update', message.channelId, await this.deps.notifier.updateLive(message, state, outcome));
  }

  /** Each live message is claimed before its last update, so it is written once. */
  private async closeLiveMessages(run: SiteRun, state: LiveState, outcome: RunOutcome | undefined): Promise<void> {
    const { store, notifier } = this.deps;
    for (const listed of await store.liveMessagesOf(run)) {
      const message = await store.takeLiveMessage(run, listed.channelId, listed.ts);
      if (message) this.reportSent('live final', message.channelId, await notifier.updateLive(message, state, outcome));
    }
  }

  /** Ends the local watch when nothing hangs on the run any more; false when something does. */
  private async dropIfIdle(key: string, watch: LocalWatch): Promise<boolean> {
    const { run } = watch.watched;
    if (!(await this.deps.store.dropRunIfIdle(run))) return false;
    this.forget(key);
    await this.deps.store.releaseLease(run, this.owner);
    return true;
  }

  private reportSent(what: string, to: string, sent: boolean): void {
    if (sent) this.deps.log.info(`watch: ${what} sent`, { to });
    else this.deps.log.warn(`watch: ${what} not delivered`, { to });
  }

  private now(): number {
    return this.clock().getTime();
  }

  private storeUp(): boolean {
    return this.deps.storeUp?.() ?? true;
  }
}
