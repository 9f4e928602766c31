import type { Config } from './config/settings';
import type { AccessPolicy } from './core/access';
import { FollowRuns } from './core/followRuns';
import type { Notifier } from './core/follows';
import type { Log } from './core/log';
import type { ActionObserver, RunSource, SharedRunCache } from './core/ports';
import { RunWatcher } from './core/runWatcher';
import type { HealingStore, StoreHealth } from './store/healingStore';
import { openStore } from './store/openStore';

/** Follows and live messages: the store the config names, the use cases on it, and (once Slack is up) the watcher. */
export interface WiredFollows {
  follows: FollowRuns;
  /** Opened in the background and again after a loss: calls fail at once while it is down. */
  store: HealingStore;
  /** Ended runs shared by the fleet, with Redis. */
  sharedRuns?: SharedRunCache;
  /** Starts the run watcher: resumes every watched run no live replica holds. */
  startWatching(source: RunSource, notifier: Notifier): Promise<void>;
  /** Stops polling and hands this replica's leases back. */
  stopWatching(): Promise<void>;
  close(): Promise<void>;
}

export interface FollowWiringOptions {
  access?: AccessPolicy;
  observer?: ActionObserver;
  /** Told each time the store goes down or comes back (readiness, the gauge). */
  onStoreChange?: (health: StoreHealth) => void;
}

export async function wireFollows(
  config: Config['follow'],
  log: Log,
  { access, observer, onStoreChange }: FollowWiringOptions = {},
): Promise<WiredFollows> {
  let watcher: RunWatcher | undefined;
  const redis = config.redisUrl
    ? { url: config.redisUrl, prefix: config.redisPrefix, tlsVerify: config.redisTlsVerify }
    : undefined;
  const store = await openStore({ dataDir: config.dataDir, redis }, log, (health) => {
    onStoreChange?.(health);
    // Back: take up the runs watched meanwhile now, not at the next heartbeat.
    if (health.up) watcher?.wake();
  });
  const follows = new FollowRuns({
    store,
    caps: { perUser: config.maxPerUser, total: config.maxTotal },
    log,
    watcher: { wake: () => watcher?.wake() },
    access,
    observer,
  });
  return {
    follows,
    store,
    sharedRuns: redis ? store.sharedRuns : undefined,
    startWatching: async (source, notifier) => {
      watcher = new RunWatcher({
        store,
        storeUp: () => store.up,
        source,
        notifier,
        log,
        settings: {
          pollMinMs: config.pollMinMs,
          pollMaxMs: config.pollMaxMs,
          leaseMs: config.leaseMs,
          maxAgeMs: config.maxAgeMs,
        },
      });
      await watcher.start();
    },
    stopWatching: async () => {
      await watcher?.stop();
    },
    close: async () => {
      await watcher?.stop();
      await store.close();
    },
  };
}
