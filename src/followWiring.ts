import type { FollowConfig } from './config';
import type { AccessPolicy } from './core/access';
import { FollowRuns } from './core/followRuns';
import type { FollowStore, Notifier } from './core/follows';
import type { Log } from './core/log';
import type { LookupObserver, RunSource, SharedRunCache } from './core/ports';
import { RunWatcher } from './core/runWatcher';
import { openStore } from './store/openStore';

/** Follows and live messages: the store the config names, the use cases on it, and (once Slack is up) the watcher. */
export interface WiredFollows {
  follows: FollowRuns;
  store: FollowStore | undefined;
  /** Ended runs shared by the fleet, with Redis. */
  sharedRuns?: SharedRunCache;
  /** Starts the run watcher: resumes every watched run no live replica holds. */
  startWatching(source: RunSource, notifier: Notifier): Promise<void>;
  /** Stops polling and hands this replica's leases back. */
  stopWatching(): Promise<void>;
  close(): Promise<void>;
}

export async function wireFollows(
  config: FollowConfig,
  log: Log,
  access?: AccessPolicy,
  observer?: LookupObserver,
): Promise<WiredFollows> {
  const opened = await openStore({ dataDir: config.dataDir, redis: config.redis }, (error) =>
    log.warn('redis: connection trouble', { error }),
  );
  if (opened.ok) log.info('follow store opened', { store: opened.kind });
  else
    log.error('follow store unavailable: follows and live messages are refused until it is fixed', {
      store: opened.kind,
      error: opened.reason,
    });
  const store = opened.ok ? opened.store : undefined;
  let watcher: RunWatcher | undefined;
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
    sharedRuns: opened.ok ? opened.sharedRuns : undefined,
    startWatching: async (source, notifier) => {
      if (!store) return;
      watcher = new RunWatcher({
        store,
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
      await store?.close();
    },
  };
}
