import { AccessPolicy } from './access';
import { errorMessage } from './errorMessage';
import { type Follow, type FollowCaps, type FollowStore, type LiveMessage, StoreDownError } from './follows';
import type { Log } from './log';
import type { Refused } from './outcomes';
import { type ActionObserver, type Clock, systemClock } from './ports';
import type { NamedRequester, RefusalReason } from './requester';
import type { SiteRun } from './run';

/** The follow use cases: follow a run, stop following it, list one's follows. No Slack here. */

export type FollowOutcome =
  | { kind: 'following'; follow: Follow }
  | { kind: 'already_following'; run: SiteRun }
  | { kind: 'user_cap'; cap: number }
  | { kind: 'total_cap'; cap: number }
  /** The store is down or failed now: nothing was recorded. */
  | { kind: 'unavailable' }
  /** The access rules refused the follower (or the run's workflow): nothing was recorded. */
  | Refused;

export type StopFollowingOutcome =
  | { kind: 'stopped'; follow: Follow }
  | { kind: 'not_following'; run: SiteRun }
  | { kind: 'unavailable' };

/** Whether a shared message will be kept up to date. */
export type LiveOutcome = 'live' | 'total_cap' | 'unavailable';

export type FollowListOutcome = { ok: true; follows: Follow[] } | { ok: false; problem: 'unavailable' };

/** What the watcher offers the use cases: look for runs to watch now rather than at its next scan. */
export interface WatchStarter {
  wake(): void;
}

export interface FollowRunsDeps {
  store: FollowStore;
  caps: FollowCaps;
  log: Log;
  watcher?: WatchStarter;
  clock?: Clock;
  /** Who may follow which runs: a follow brings the run's data by DM later, so it is checked like a lookup. */
  access?: AccessPolicy;
  /** Told of every follow and stop, refusals included (the audit trail). */
  observer?: ActionObserver;
}

export class FollowRuns {
  private readonly clock: Clock;

  constructor(private readonly deps: FollowRunsDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async follow(run: SiteRun, follower: NamedRequester): Promise<FollowOutcome> {
    const started = performance.now();
    const outcome = await this.addFollow(run, follower);
    const refusal = outcome.kind === 'refused' ? outcome.reason : undefined;
    this.report('follow', follower, run, outcome.kind, started, refusal);
    return outcome;
  }

  private async addFollow(run: SiteRun, follower: NamedRequester): Promise<FollowOutcome> {
    const { store, caps } = this.deps;
    const access = this.deps.access ?? new AccessPolicy();
    const refusal = await access.check({ ...follower, via: 'follow' }, run.workflowId);
    if (refusal) {
      this.deps.log.info('follow', { user: follower.userId, instance: run.instanceId, outcome: 'refused', refusal });
      return { kind: 'refused', reason: refusal };
    }
    const follow: Follow = { userId: follower.userId, channelId: follower.channelId, run, createdAt: this.now() };
    try {
      const added = await store.addFollow(follow, caps);
      this.deps.log.info('follow', { user: follower.userId, instance: run.instanceId, outcome: added });
      switch (added) {
        case 'added':
          this.deps.watcher?.wake();
          return { kind: 'following', follow };
        case 'already_following':
          return { kind: 'already_following', run };
        case 'user_cap':
          return { kind: 'user_cap', cap: caps.perUser };
        case 'total_cap':
          return { kind: 'total_cap', cap: caps.total };
      }
    } catch (err) {
      this.storeFailed('follow', err);
      return { kind: 'unavailable' };
    }
  }

  /** From the confirmation's Stop following button or from App Home. */
  async stopFollowing(userId: string, run: SiteRun): Promise<StopFollowingOutcome> {
    const started = performance.now();
    const outcome = await this.takeFollow(userId, run);
    this.report('unfollow', { userId }, run, outcome.kind, started);
    return outcome;
  }

  private async takeFollow(userId: string, run: SiteRun): Promise<StopFollowingOutcome> {
    try {
      const follow = await this.deps.store.takeFollow(userId, run);
      this.deps.log.info('unfollow', { user: userId, instance: run.instanceId, outcome: follow ? 'stopped' : 'none' });
      return follow ? { kind: 'stopped', follow } : { kind: 'not_following', run };
    } catch (err) {
      this.storeFailed('unfollow', err);
      return { kind: 'unavailable' };
    }
  }

  private report(
    kind: 'follow' | 'unfollow',
    requester: NamedRequester,
    run: SiteRun,
    outcome: string,
    started: number,
    refusal?: RefusalReason,
  ): void {
    this.deps.observer?.({
      kind,
      entryPoint: 'follow',
      outcome,
      refusal,
      latencyMs: Math.round(performance.now() - started),
      requester,
      workflowId: run.workflowId,
      instanceId: run.instanceId,
    });
  }

  async listFollows(userId: string): Promise<FollowListOutcome> {
    try {
      return { ok: true, follows: await this.deps.store.listFollows(userId) };
    } catch (err) {
      this.storeFailed('list follows', err);
      return { ok: false, problem: 'unavailable' };
    }
  }

  /** A message just posted in a channel: watched with the follows, and rewritten until its run ends. */
  async keepLive(message: Omit<LiveMessage, 'createdAt'>): Promise<LiveOutcome> {
    const { store, caps } = this.deps;
    try {
      const added = await store.addLiveMessage({ ...message, createdAt: this.now() }, caps);
      this.deps.log.info('live message', {
        channel: message.channelId,
        instance: message.run.instanceId,
        outcome: added,
      });
      if (added === 'added') this.deps.watcher?.wake();
      return added === 'added' ? 'live' : added;
    } catch (err) {
      this.storeFailed('live message', err);
      return 'unavailable';
    }
  }

  private storeFailed(what: string, err: unknown): void {
    const level = err instanceof StoreDownError ? 'warn' : 'error';
    this.deps.log[level](`${what}: store failed`, { error: errorMessage(err) });
  }

  private now(): number {
    return this.clock().getTime();
  }
}
