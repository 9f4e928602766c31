import { AccessPolicy, type Requester } from './access';
import { errorMessage } from './errorMessage';
import { checkDatadogHealth, type HealthOutcome } from './healthCheck';
import type { Log } from './log';
import type { Refused } from './outcomes';
import type { Clock, LookupObserver } from './ports';
import type { DatadogSite } from './sites';
import type { DatadogProbe, FollowedRun, FollowsView, RecentLookup, RecentLookups } from './surfacePorts';

/** What a user's App Home shows: the bot's Datadog site and health, their followed runs and their last lookups. */

export type FollowsOutcome =
  /** This bot keeps no follows (no FollowsView wired). */
  { kind: 'unavailable' } | { kind: 'failed' } | { kind: 'listed'; runs: FollowedRun[] };

export interface HomeOutcome {
  site: DatadogSite;
  health: HealthOutcome;
  follows: FollowsOutcome;
  recent: RecentLookup[];
}

export interface HomeTabDeps {
  /** The Datadog client itself, never a cache in front of it: the check must reach Datadog. */
  probe: DatadogProbe;
  site: DatadogSite;
  log: Log;
  recentLookups?: RecentLookups;
  follows?: FollowsView;
  clock?: Clock;
  /** Who may see the tab; a refused user sees no data at all. Everyone when absent. */
  access?: AccessPolicy;
  /** Told of each opening, shown or refused (audit). */
  observer?: LookupObserver;
}

export class HomeTab {
  private readonly access: AccessPolicy;

  constructor(private readonly deps: HomeTabDeps) {
    this.access = deps.access ?? new AccessPolicy();
  }

  /** Everything at once; a part that fails is shown as such and never hides the others. */
  async open(requester: Requester & { userId: string }): Promise<HomeOutcome | Refused> {
    const started = performance.now();
    const refusal = await this.access.check(requester, { via: 'home' });
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
    const { probe, site, recentLookups, clock } = this.deps;
    const [health, follows, recent] = await Promise.all([
      checkDatadogHealth(probe, site, clock),
      this.listFollows(userId),
      recentLookups?.list(userId).catch((err: unknown) => {
        this.deps.log.warn('recent lookups not listed', { error: errorMessage(err) });
        return [];
      }) ?? [],
    ]);
    return { site, health, follows, recent };
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
