import { errorMessage } from './errorMessage';
import { checkDatadogHealth, type HealthOutcome } from './healthCheck';
import type { Log } from './log';
import type { Clock } from './ports';
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
}

export class HomeTab {
  constructor(private readonly deps: HomeTabDeps) {}

  /** Everything at once; a part that fails is shown as such and never hides the others. */
  async open(userId: string): Promise<HomeOutcome> {
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
