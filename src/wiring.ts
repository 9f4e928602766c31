import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { CachedRunSource } from './cache/cachedRunSource';
import { SharedEndedRuns } from './cache/sharedEndedRuns';
import { type DatadogConfig, secretValues } from './config/load';
import type { Config } from './config/settings';
import { AccessPolicy } from './core/access';
import { errorMessage } from './core/errorMessage';
import type { FollowStore } from './core/follows';
import { HomeTab } from './core/homeTab';
import { InFlight } from './core/inflight';
import { LinkUnfurls } from './core/linkUnfurls';
import type { Log } from './core/log';
import type { ActionObserver, Clock, RunSource, SharedRunCache } from './core/ports';
import { PerUserRateLimit } from './core/rateLimit';
import { RunLookup } from './core/runLookup';
import type { FollowsView, RecentLookups } from './core/surfacePorts';
import { DatadogClient } from './datadog/client';
import { wireFollows } from './followWiring';
import { ConcurrencyLimitedSource } from './guard/concurrencyLimit';
import { InitiatorNamesSource } from './guard/initiatorNames';
import { openAuditTrail } from './log/auditTrail';
import { CachedUsergroups } from './memory/cachedUsergroups';
import { FleetEventClaims, InProcessEventClaims } from './memory/eventClaims';
import { LruRecentLookups } from './memory/recentLookups';
import { meteredSource } from './metrics/meteredSource';
import { type BotMetrics, createMetrics } from './metrics/metrics';
import { followHomeHooks } from './render/followReplies';
import { secretMask } from './render/secretMask';
import { type SampleDatadog, startSampleDatadog } from './sample/sampleDatadog';
import { createSlackApp, createSocketReceiver } from './slack/app';
import { type Backoff, SLACK_BACKOFF } from './slack/backoff';
import { healthRoutes } from './slack/healthRoutes';
import { SlackNotifier } from './slack/notifier';
import { Readiness } from './slack/readiness';
import { ResponseUrlPoster } from './slack/responseUrl';
import type { BotServices } from './slack/services';
import { keepSocketConnected } from './slack/socketConnection';
import { type BotIdentity, checkBotToken, type TokenCheck, tokenRejectedMessage } from './slack/tokenCheck';
import { SlackUsergroups } from './slack/usergroups';

/** The one composition root: config → Datadog source (real or sample) → use cases → the bot, the CLI or the demo. */

/** Placeholder keys: the sample Datadog checks that keys are sent, and the real ones never leave for it. */
const SAMPLE_KEYS = { apiKey: 'sample-api-key', appKey: 'sample-app-key' };

export interface Wired {
  lookup: RunLookup;
  /** The Datadog client behind the lookups, for `dd-instance --check`. */
  client: DatadogClient;
  /** Datadog with no cache in front, under DD_MAX_CONCURRENT like every lookup: what the run watcher polls. */
  uncached: RunSource;
  /** The embedded sample Datadog, when the config asks for the demo. */
  sample?: SampleDatadog;
  /** Each user's last lookups, recorded by the use cases and listed in App Home. */
  recentLookups: RecentLookups;
  close(): Promise<void>;
}

/** What the bot adds around the use cases that the CLI and the demo go without. */
export interface BotLookupOptions {
  /** A fleet on Redis: ended runs are shared between the process cache and Datadog. */
  sharedRuns?: SharedRunCache;
  access?: AccessPolicy;
  rateLimit?: PerUserRateLimit;
  /** Off: runs name who started them without an email. */
  showInitiatorEmail?: boolean;
  /** Told of every lookup and refusal beside the metrics (the audit trail). */
  observer?: ActionObserver;
}

/** The Datadog the config asks for (the real one, or with DD_DEMO the embedded sample, its times moved to now), and the use cases on it. */
export async function wireLookup(
  config: DatadogConfig,
  log: Log,
  clock?: Clock,
  metrics?: Pick<BotMetrics, 'lookedUp' | 'datadogRequest'>,
  options: BotLookupOptions = {},
): Promise<Wired> {
  const { datadog } = config;
  const sample = datadog.demo
    ? await startSampleDatadog({ keys: SAMPLE_KEYS, timesRelativeTo: clock?.() ?? new Date() })
    : undefined;
  // Both keys are there unless DD_DEMO, where the sample's placeholders replace them (a config rule).
  const keys = sample ? SAMPLE_KEYS : { apiKey: datadog.apiKey ?? '', appKey: datadog.appKey ?? '' };
  const client = new DatadogClient({ ...datadog, ...keys, apiUrl: sample?.url ?? datadog.apiUrl });
  const recentLookups = new LruRecentLookups();
  // Only calls that reach Datadog wait for a turn: cache hits and ended runs shared by the fleet take none.
  const limited = new ConcurrencyLimitedSource(client, datadog);
  const ttlMs = config.cache.finishedTtlMs;
  const { sharedRuns } = options;
  const behind = sharedRuns && ttlMs > 0 ? new SharedEndedRuns(limited, sharedRuns, { ttlMs, log, clock }) : limited;
  const cached = new CachedRunSource(behind, { ...config.cache, clock });
  const metered = metrics ? meteredSource(cached, metrics) : cached;
  const observers = [metrics?.lookedUp, options.observer].filter((observer) => observer !== undefined);
  return {
    lookup: new RunLookup({
      source: options.showInitiatorEmail === false ? new InitiatorNamesSource(metered) : metered,
      site: datadog.site,
      log,
      clock,
      recentLookups,
      observer: (event) => {
        for (const observe of observers) observe(event);
      },
      access: options.access,
      rateLimit: options.rateLimit,
    }),
    client,
    uncached: limited,
    sample,
    recentLookups,
    close: async () => {
      await client.close();
      await sample?.close();
    },
  };
}

export interface RunningBot {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  mode: 'http' | 'socket';
  /** What /readyz reports. */
  readiness: Readiness;
  /** Settles when Slack has answered auth.test (accepted or rejected); undefined when stopped first. */
  tokenChecked: Promise<TokenCheck | undefined>;
  /** Stops taking work, waits up to `graceMs` for replies under way, then closes connections. */
  stop(graceMs?: number): Promise<void>;
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

/**
 * Link unfurls and App Home. Slack events are claimed in the follow store (once across replicas), or in this
 * process while the store is down; Home lists the user's followed runs.
 */
function surfaces(
  config: Config,
  wired: Wired,
  log: Log,
  store: FollowStore,
  observer: ActionObserver,
  rateLimit: PerUserRateLimit,
): Pick<BotServices, 'unfurls' | 'eventClaims' | 'home'> {
  const follows = followsView(store);
  const tab = new HomeTab({
    probe: wired.client,
    site: config.datadog.site,
    log,
    recentLookups: wired.recentLookups,
    follows,
    access: wired.lookup.access,
    observer,
    rateLimit,
  });
  return {
    unfurls: config.slack.unfurlEnabled ? new LinkUnfurls(wired.lookup) : undefined,
    eventClaims: new FleetEventClaims(
      { claim: (eventId, ttlMs = EVENT_CLAIM_TTL_MS) => store.claimEvent(eventId, ttlMs) },
      new InProcessEventClaims({ ttlMs: EVENT_CLAIM_TTL_MS }),
      (err) => log.debug('event claimed in this process only: the follow store failed', { error: errorMessage(err) }),
    ),
    home: { tab, hooks: followHomeHooks(config.datadog.site) },
  };
}

export interface StartOptions {
  /** Waits between tries to reach Slack (auth.test, Socket Mode connection). */
  backoff?: Backoff;
  /** Socket Mode's ping timeout. */
  socketPingTimeoutMs?: number;
  /** Slack rejected the bot token: nothing will work until a person fixes it. Logged when absent. */
  onTokenRejected?: (message: string) => void;
}

async function boundPort(server: Server | undefined, fallback: number): Promise<number> {
  if (!server) return fallback;
  if (!server.listening) await once(server, 'listening');
  const address = server.address() as AddressInfo | string | null;
  return typeof address === 'object' && address ? address.port : fallback;
}

export async function startBot(config: Config, log: Log, options: StartOptions = {}): Promise<RunningBot> {
  const inflight = new InFlight(config.operations.replyMaxPending);
  const metrics = createMetrics(() => inflight.size);
  const audit = openAuditTrail(config.operations.auditLogFile, (err) =>
    log.error('audit trail not written (AUDIT_LOG_FILE)', { error: err.message }),
  );
  // The app, built below, is the one client Slack's user groups are read with.
  let app: App | undefined;
  const usergroups = new CachedUsergroups(
    new SlackUsergroups(() => {
      if (!app) throw new Error('the Slack app is not built yet');
      return app.client;
    }),
  );
  const access = new AccessPolicy(config.access, usergroups);
  const mode = config.slack.appToken ? 'socket' : 'http';
  const readiness = new Readiness(
    {
      slack_token: 'Slack has not answered auth.test yet',
      ...(mode === 'socket' ? { socket_connection: 'Socket Mode has not connected yet' } : {}),
    },
    { store: 'not opened yet' },
  );
  const followsWired = await wireFollows(config.follow, log, {
    access,
    observer: audit.observe,
    onStoreChange: ({ up, reason }) => {
      metrics.storeUp(up);
      if (up) readiness.pass('store');
      else readiness.fail('store', reason);
    },
  });
  // Lookups and Home openings draw on one allowance per user.
  const rateLimit = new PerUserRateLimit(config.access.rateLimitPerMinute);
  const wired = await wireLookup(config, log, undefined, metrics, {
    sharedRuns: followsWired.sharedRuns,
    access,
    rateLimit,
    showInitiatorEmail: config.access.showInitiatorEmail,
    observer: audit.observe,
  });
  if (wired.sample)
    log.warn('DD_DEMO: answering from the embedded sample Datadog (sample data), not from real Datadog', {
      url: wired.sample.url,
    });
  const poster = new ResponseUrlPoster({ allowLoopbackHttp: config.slack.allowLoopbackResponseUrl });
  const backoff = options.backoff ?? SLACK_BACKOFF;
  const routes = [...healthRoutes(inflight, readiness), metrics.route];
  const appToken = config.slack.appToken;
  const socketReceiver = appToken
    ? createSocketReceiver({ ...config.slack, appToken }, routes, log, options.socketPingTimeoutMs)
    : undefined;
  let identity: BotIdentity = {};
  app = createSlackApp(
    config.slack,
    {
      lookup: wired.lookup,
      inflight,
      log,
      replies: metrics,
      poster,
      mask: secretMask(secretValues(config)),
      sampleData: config.datadog.demo,
      follows: followsWired.follows,
      ...surfaces(config, wired, log, followsWired.store, audit.observe, rateLimit),
    },
    { routes, socketReceiver, identity: () => identity },
  );
  let port: number;
  let keeper: { stop(): void } | undefined;
  if (socketReceiver) {
    keeper = keepSocketConnected(socketReceiver.client, () => app.start(), { readiness, log, backoff });
    // Bolt's receiver keeps its HTTP server (for the routes) to itself.
    port = await boundPort((socketReceiver as unknown as { httpServer?: Server }).httpServer, config.slack.port);
  } else {
    port = await boundPort((await app.start(config.slack.port)) as Server, config.slack.port);
  }
  // A run still going must never be answered from a cache; the watcher's polls still count toward DD_MAX_CONCURRENT.
  await followsWired.startWatching(wired.uncached, new SlackNotifier(app.client, log));
  log.info('dd-instance started', {
    mode,
    port,
    site: config.datadog.site,
    datadog: config.datadog.demo ? 'sample' : config.datadog.apiUrl ? 'DD_API_URL' : 'site',
  });
  const stopping = new AbortController();
  const tokenChecked = checkBotToken({
    client: app.client,
    token: config.slack.botToken,
    readiness,
    log,
    backoff,
    signal: stopping.signal,
  }).then((check) => {
    if (check?.ok) identity = check.identity;
    if (check && !check.ok) {
      const message = tokenRejectedMessage(check.rejection);
      if (options.onTokenRejected) options.onTokenRejected(message);
      else log.error(message);
    }
    return check;
  });

  return {
    port,
    mode,
    readiness,
    tokenChecked,
    stop: async (graceMs = 4000) => {
      stopping.abort();
      // Half a second before the grace ends, replies still waiting on Datadog say the bot is restarting instead.
      inflight.cutOffAfter(Math.max(0, graceMs - 500));
      keeper?.stop();
      // Leases go back first, so another replica takes the runs over at once.
      const watchStopped = followsWired.stopWatching();
      const stopped = app
        .stop()
        .catch((err: unknown) => log.warn('stop: slack receiver', { error: errorMessage(err) }));
      const drained = await inflight.drain(graceMs);
      if (!drained) log.warn('stop: replies still under way were dropped', { count: inflight.size });
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await watchStopped;
      await followsWired.close();
      await Promise.all([wired.close(), poster.close(), audit.close()]);
    },
  };
}
