import type { Config } from './config/settings';
import type { AccessPolicy } from './core/access';
import { errorMessage } from './core/errorMessage';
import { FollowRuns } from './core/followRuns';
import type { FollowStore, Notifier } from './core/follows';
import type { Log } from './core/log';
import type { RunOutcome } from './core/outcomes';
import type { ActionObserver, RunSource, SharedRunCache } from './core/ports';
import type { SiteRun } from './core/run';
import type { HistoryReader } from './core/runHistory';
import { RunWatcher } from './core/runWatcher';
import type { EventClaims, FollowsView } from './core/surfacePorts';
import { FleetEventClaims, InProcessEventClaims } from './store/eventClaims';
import type { HealingStore, StoreHealth } from './store/healingStore';
import { openStore } from './store/openStore';

/** The follow store the config names, opened first: Slack's event and signature claims stand on it too. */
export interface OpenedFollowStore {
  /** Opened in the background and again after a loss: calls fail at once while it is down. */
  store: HealingStore;
  /** Ended runs shared by the fleet, with Redis. */
  sharedRuns?: SharedRunCache;
  /** Slack events and request signatures, claimed in the store (once across replicas), or in this process while it is down. */
  claims: EventClaims;
  /** The store as App Home reads it: a user's followed runs. */
  followsView: FollowsView;
  /** Listeners told each time the store comes back. */
  whenBack: Set<() => void>;
}

/** How long a Slack event ID is remembered: Slack retries within minutes. */
const EVENT_CLAIM_TTL_MS = 60 * 60_000;

/** The follow store as App Home reads it: a user's followed runs. */
function followsView(store: FollowStore): FollowsView {
  return {
    listFollows: async (userId) =>
      (await store.listFollows(userId)).map(({ run, channelId, createdAt }) => ({
        ref: { workflowId: run.workflowId, instanceId: run.instanceId },
        channelId,
        since: new Date(createdAt),
      })),
  };
}

function fleetClaims(store: FollowStore, log: Log): EventClaims {
  return new FleetEventClaims(
    { claim: (eventId, ttlMs = EVENT_CLAIM_TTL_MS) => store.claimEvent(eventId, ttlMs) },
    new InProcessEventClaims({ ttlMs: EVENT_CLAIM_TTL_MS }),
    (err) => log.debug('event claimed in this process only: the follow store failed', { error: errorMessage(err) }),
  );
}

export async function openFollowStore(
  config: Config['follow'],
  log: Log,
  onStoreChange: (health: StoreHealth) => void,
): Promise<OpenedFollowStore> {
  const whenBack = new Set<() => void>();
  const redis = config.redisUrl
    ? { url: config.redisUrl, prefix: config.redisPrefix, tlsVerify: config.redisTlsVerify }
    : undefined;
  const store = await openStore({ dataDir: config.dataDir, redis }, log, (health) => {
    onStoreChange(health);
    if (health.up) for (const listener of whenBack) listener();
  });
  return {
    store,
    sharedRuns: redis ? store.sharedRuns : undefined,
    claims: fleetClaims(store, log),
    followsView: followsView(store),
    whenBack,
  };
}

/** Follows and live messages on the opened store: the use cases, and the watcher Slack's notifier drives. */
export interface WiredFollows {
  follows: FollowRuns;
  /** Starts the run watcher: resumes every watched run no live replica holds. */
  startWatching(): Promise<void>;
  /** Stops polling and hands this replica's leases back. */
  stopWatching(): Promise<void>;
  /** Tells a run's followers and live messages at once that this replica's cancel ended it; never throws. */
  announceEnd(run: SiteRun, outcome: RunOutcome): Promise<void>;
}

export interface FollowWiringParts {
  /** Datadog with no cache in front: a run still going must never be answered from a cache. */
  source: RunSource;
  notifier: Notifier;
  /** The workflow's history, through the lookups' cache, for the DMs and live messages. */
  history?: HistoryReader;
  access?: AccessPolicy;
  observer?: ActionObserver;
}

export function wireFollows(
  { store, whenBack }: OpenedFollowStore,
  config: Config['follow'],
  log: Log,
  { source, notifier, history, access, observer }: FollowWiringParts,
): WiredFollows {
  const watcher = new RunWatcher({
    store,
    storeUp: () => store.up,
    source,
    notifier,
    history,
    log,
    settings: {
      pollMinMs: config.pollMinMs,
      pollMaxMs: config.pollMaxMs,
      leaseMs: config.leaseMs,
      maxAgeMs: config.maxAgeMs,
    },
  });
  // Back: take up the runs watched meanwhile now, not at the next heartbeat.
  whenBack.add(() => watcher.wake());
  const follows = new FollowRuns({
    store,
    caps: { perUser: config.maxPerUser, total: config.maxTotal },
    log,
    watcher,
    access,
    observer,
  });
  return {
    follows,
    startWatching: () => watcher.start(),
    stopWatching: () => watcher.stop(),
    announceEnd: (run, outcome) =>
      // The watch still tells everyone at its next poll, only without naming who cancelled.
      watcher
        .announceEnd(run, outcome)
        .catch((err: unknown) =>
          log.warn('cancel: followers not told at once', { instance: run.instanceId, error: errorMessage(err) }),
        ),
  };
}
