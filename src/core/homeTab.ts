import { AccessPolicy } from './access';
import type { ActorRules } from './actors';
import { CachedHealthCheck } from './cachedHealthCheck';
import { errorMessage } from './errorMessage';
import type { HealthOutcome } from './healthCheck';
import type { Log } from './log';
import type { Refused } from './outcomes';
import type { ActionObserver, Clock } from './ports';
import type { PerUserRateLimit } from './rateLimit';
import type { NamedRequester, RefusalReason } from './requester';
import type { DatadogSite } from './sites';
import type { DatadogProbe, FollowedRun, FollowsView, RecentLookup, RecentLookups } from './surfacePorts';

/** What a user's App Home shows: the bot's Datadog site and health, their followed runs and their last lookups. */

export type FollowsOutcome =
  /** This bot keeps no follows (no FollowsView wired). */
  { kind: 'unavailable' } | { kind: 'failed' } | { kind: 'listed'; runs: FollowedRun[] };

export interface HomeOutcome {
  site: DatadogSite;
  health: HealthOutcome;
  /** Whether acting is on and who may act; absent where the bot has no acting (listener tests). */
  acting?: ActorRules;
  follows: FollowsOutcome;
  recent: RecentLookup[];
}

export interface HomeTabDeps {
  /** The Datadog client itself, never a run cache in front of it: the check must reach Datadog (every 30 s at most). */
  probe: DatadogProbe;
  site: DatadogSite;
  log: Log;
  recentLookups?: RecentLookups;
  follows?: FollowsView;
  clock?: Clock;
  /** Who may see the tab; a refused user sees no data at all. Everyone when absent. */
  access?: AccessPolicy;
  /** Told of each opening, shown or refused (audit). */
  observer?: ActionObserver;
  /** Each opening counts as one lookup of the user's; unlimited when absent. */
  rateLimit?: PerUserRateLimit;
  /** The actor rules, shown beside the health check. */
  acting?: ActorRules;
}

export class HomeTab {
  private readonly access: AccessPolicy;
  private readonly health: CachedHealthCheck;

  constructor(private readonly deps: HomeTabDeps) {
    this.access = deps.access ?? new AccessPolicy();
    this.health = new CachedHealthCheck(deps.probe, deps.site, deps.clock);
  }

  /** Everything at once; a part that fails is shown as such and never hides the others. */
  async open(requester: NamedRequester): Promise<HomeOutcome | Refused> {
    const started = performance.now();
    const refusal = await this.admit(requester);
    this.deps.observer?.({
      kind: 'home',
      entryPoint: 'home',
      outcome: refusal ? 'refused' : 'shown',
      refusal,
      latencyMs: Math.round(performance.now() - started),
      requester,
    });
    if (refusal) return { kind: 'refused', reason: refusal };
    const { userId } = requester;
    const { site, recentLookups } = this.deps;
    const [health, follows, recent] = await Promise.all([
      this.health.check(),
      this.listFollows(userId),
      recentLookups?.list(userId).catch((err: unknown) => {
        this.deps.log.warn('recent lookups not listed', { error: errorMessage(err) });
        return [];
      }) ?? [],
    ]);
    const { acting } = this.deps;
    return { site, health, follows, recent, ...(acting ? { acting } : {}) };
  }

  /** The access check, then one lookup off the user's rate limit: a refused opening asks Datadog nothing. */
  private async admit(requester: NamedRequester): Promise<RefusalReason | undefined> {
    const refusal = await this.access.check({ ...requester, via: 'home' });
    if (refusal) return refusal;
    return this.deps.rateLimit?.take(requester.userId) === false ? 'rate_limited' : undefined;
  }

  private async listFollows(userId: string): Promise<FollowsOutcome> {
    if (!this.deps.follows) return { kind: 'unavailable' };
    try {
      return { kind: 'listed', runs: await this.deps.follows.listFollows(userId) };
    } catch (err) {
      this.deps.log.warn('follows not listed', { error: errorMessage(err) });
      return { kind: 'failed' };
    }
  }
}
