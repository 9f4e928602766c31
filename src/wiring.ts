import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, type CustomRoute, type SocketModeReceiver, webApi } from '@slack/bolt';
import { type DatadogConfig, type SlackCheckConfig, secretValues } from './config/load';
import type { Config } from './config/settings';
import { AccessPolicy } from './core/access';
import { ActGate } from './core/actGate';
import { ActorPolicy } from './core/actors';
import { CancelRun } from './core/cancelRun';
import { loadDeferred } from './core/deferred';
import { errorMessage } from './core/errorMessage';
import type { ReachableAndApiKey, SlackTokenAnswer } from './core/healthCheck';
import { HomeTab } from './core/homeTab';
import { InFlight } from './core/inflight';
import { LinkUnfurls } from './core/linkUnfurls';
import type { Log } from './core/log';
import type { ActionEvent, ActionObserver, Clock, RunActions, RunSource, SharedRunCache } from './core/ports';
import { PerUserRateLimit } from './core/rateLimit';
import { RunAgain } from './core/runAgain';
import { RunLookup } from './core/runLookup';
import type { RecentLookups } from './core/surfacePorts';
import { DatadogClient } from './datadog/client';
import { openFollowStore, type WiredFollows, wireFollows } from './followWiring';
import { auditLine, openAuditTrail } from './log/auditTrail';
import { type BotMetrics, createMetrics } from './metrics/metrics';
import { secretMask } from './render/secretMask';
import { type SampleDatadog, startSampleDatadog } from './sample/sampleDatadog';
import { createHttpReceiver, createSlackApp, createSocketReceiver, slackClientOptions } from './slack/app';
import { type Backoff, SLACK_BACKOFF } from './slack/backoff';
import { boltLogger } from './slack/boltLogger';
import { CachedUsergroups } from './slack/cachedUsergroups';
import { DatadogReachability } from './slack/datadogReachability';
import { type EarlyServer, earlyAddress, listenEarly } from './slack/earlyServer';
import { healthRoutes } from './slack/healthRoutes';
import { registerListeners } from './slack/listeners';
import { SlackNotifier } from './slack/notifier';
import { closeServer, routesListener, serveRoutes } from './slack/opsServer';
import { slackDispatcher } from './slack/outbound';
import { Readiness } from './slack/readiness';
import { ResponseUrlPoster } from './slack/responseUrl';
import { keepSocketConnected } from './slack/socketConnection';
import { askSlack, checkBotToken, SlackIdentity, type TokenCheck, tokenRejectedMessage } from './slack/tokenCheck';
import { SlackUsergroups } from './slack/usergroups';
import { slackApiHost } from './slack/whySlackFailed';
import type { DatadogCallMeter } from './source/meteredSource';
import { buildRunSource } from './source/roadToDatadog';
import { LruRecentLookups } from './store/recentLookups';

/** The one composition root: config → Datadog source (real or sample) → use cases → the bot, the CLI or the demo. */

/** Placeholder keys: the sample Datadog checks that keys are sent, and the real ones never leave for it. */
const SAMPLE_KEYS = { apiKey: 'sample-api-key', appKey: 'sample-app-key' };

export interface Wired {
  lookup: RunLookup;
  /** The Datadog client behind the lookups, for `dd-instance --check`. */
  client: DatadogClient;
  /** Datadog with no cache in front, under DD_MAX_CONCURRENT like every lookup: what the run watcher polls. */
  uncached: RunSource;
  /** The road's top (cached): acts read a run fresh through it (`maxAgeMs: 0`), so the cache learns the new state. */
  lookups: RunSource;
  /** Cancel and run, under the same limit, metered, uncached: reached only through an `ActGate`. */
  actions: RunActions;
  /** The embedded sample Datadog, when the config asks for the demo. */
  sample?: SampleDatadog;
  /** Each user's last lookups, recorded by the use cases and listed in App Home. */
  recentLookups: RecentLookups;
  close(): Promise<void>;
}

/** The CLI's cancel and run: the operator under ACTIONS_ENABLED and ACTIONS_WORKFLOW_IDS, each attempt audited. */
export interface CliActs {
  acts: ActGate;
  close(): Promise<void>;
}

/** Audit lines go to AUDIT_LOG_FILE, else to `stderr` (stdout is the answer, which may be piped). */
export function wireCliActs(config: DatadogConfig, wired: Wired, stderr: (line: string) => void): CliActs {
  const file = config.operations.auditLogFile;
  const audit = file
    ? openAuditTrail(file, (err) => stderr(`audit file not written: ${errorMessage(err)}\n`))
    : { observe: (event: ActionEvent) => stderr(auditLine(event, new Date())), close: async () => {} };
  const acts = new ActGate({
    actors: new ActorPolicy(config.actions, new AccessPolicy()),
    actions: wired.actions,
    observer: audit.observe,
  });
  return { acts, close: audit.close };
}

/** What the lookups are wired with: a log always; the rest is what the bot adds that the CLI and the demo go without. */
export interface LookupWiring {
  log: Log;
  /** A fixed clock (tests, the README example); the system clock otherwise. */
  clock?: Clock;
  metrics?: Pick<BotMetrics, 'acted' | 'datadogRequest'>;
  /** A fleet on Redis: ended runs are shared between the process cache and Datadog. */
  sharedRuns?: SharedRunCache;
  access?: AccessPolicy;
  rateLimit?: PerUserRateLimit;
  /** Off: runs name who started them without an email. */
  showInitiatorEmail?: boolean;
  /** Told of every lookup and refusal beside the metrics (the audit trail). */
  observer?: ActionObserver;
  /** Told of every Datadog call's result (the bot's /readyz). */
  datadogAnswered?: DatadogCallMeter['datadogAnswered'];
}

/** The Datadog the config asks for (the real one, or with DD_DEMO the embedded sample, its times moved to now), and the use cases on it. */
export async function wireLookup(config: DatadogConfig, options: LookupWiring): Promise<Wired> {
  const { log, clock, metrics } = options;
  const { datadog } = config;
  const sample = datadog.demo
    ? await startSampleDatadog({ keys: SAMPLE_KEYS, timesRelativeTo: clock?.() ?? new Date() })
    : undefined;
  // Both keys are there unless DD_DEMO, where the sample's placeholders replace them (a config rule).
  const keys = sample ? SAMPLE_KEYS : { apiKey: datadog.apiKey ?? '', appKey: datadog.appKey ?? '' };
  // The embedded sample is in this process, not out on the network: no proxy between them.
  const proxy = sample ? undefined : config.network;
  const client = new DatadogClient({ ...datadog, ...keys, apiUrl: sample?.url ?? datadog.apiUrl, proxy });
  const recentLookups = new LruRecentLookups();
  const road = buildRunSource(client, {
    limits: datadog,
    cache: config.cache,
    sharedRuns: options.sharedRuns,
    meter: metrics && { datadogRequest: metrics.datadogRequest, datadogAnswered: options.datadogAnswered },
    showInitiatorEmail: options.showInitiatorEmail,
    log,
    clock,
  });
  const observers = [metrics?.acted, options.observer].filter((observer) => observer !== undefined);
  return {
    lookup: new RunLookup({
      source: road.lookups,
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
    uncached: road.uncached,
    lookups: road.lookups,
    actions: road.actions,
    sample,
    recentLookups,
    close: async () => {
      await client.close();
      await sample?.close();
    },
  };
}

/** One auth.test with SLACK_BOT_TOKEN, through the proxy as the bot makes it: Slack's part of `dd-instance --check`. */
export async function checkSlackToken(
  slack: SlackCheckConfig,
  network: Config['network'],
  log: Log,
): Promise<SlackTokenAnswer> {
  const dispatcher = slackDispatcher(network);
  try {
    const client = new webApi.WebClient(undefined, {
      ...slackClientOptions(slack, dispatcher),
      logger: boltLogger(log, false),
    });
    return await askSlack(client, slack.botToken, slackApiHost(slack.apiUrl));
  } finally {
    await dispatcher.destroy();
  }
}

export interface RunningBot {
  /** The port actually bound for PORT (useful with PORT=0); in Socket Mode with OPS_PORT set, the operations port. */
  port: number;
  /** The port actually bound for /healthz, /readyz and /metrics: OPS_PORT's, or PORT's when it is unset. */
  opsPort: number;
  mode: 'http' | 'socket';
  /** What /readyz reports. */
  readiness: Readiness;
  /** Settles when Slack has answered auth.test (accepted or rejected); undefined when stopped first. */
  tokenChecked: Promise<TokenCheck | undefined>;
  /** Settles when the first probe of Datadog (GET /api/v1/validate) has its outcome; it goes on while Datadog does not answer. */
  datadogProbed: Promise<ReachableAndApiKey>;
  /** Stops taking work, waits up to `graceMs` for replies under way, then closes connections. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** Waits between tries to reach Slack (auth.test, Socket Mode connection). */
  backoff?: Backoff;
  /** Socket Mode's ping timeout. */
  socketPingTimeoutMs?: number;
  /** Slack rejected the bot token: nothing will work until a person fixes it. Logged when absent. */
  onTokenRejected?: (message: string) => void;
  /** Loads what start-up deferred, once the port is open (core/deferred.ts's `loadDeferred` unless a test holds it). */
  loadDeferred?: () => Promise<void>;
  /** The port index.ts opened before loading the bot; startBot opens it itself when absent. */
  early?: EarlyServer;
}

/** Everything the bot is made of, built in dependency order with its listeners registered, not yet serving. */
interface BuiltBot {
  app: App;
  mode: 'http' | 'socket';
  socketReceiver?: SocketModeReceiver;
  /** What serves Slack's requests over HTTP: Bolt's receiver's listener, with the routes on PORT. */
  slackListener?: RequestListener;
  /** /healthz, /readyz and /metrics, for the operations server (OPS_PORT, or PORT in Socket Mode). */
  opsRoutes: CustomRoute[];
  readiness: Readiness;
  identity: SlackIdentity;
  inflight: InFlight;
  follows: WiredFollows;
  /** Probes Datadog until it answers; settles with the first probe's outcome. */
  watchDatadog(): Promise<ReachableAndApiKey>;
  /** Stops probing, closes the store, then the Datadog client, the reply poster and the audit trail. */
  close(): Promise<void>;
}

async function buildBot(config: Config, log: Log, options: StartOptions): Promise<BuiltBot> {
  const inflight = new InFlight(config.operations.replyMaxPending);
  const metrics = createMetrics(() => inflight.size);
  const audit = openAuditTrail(config.operations.auditLogFile, (err) =>
    log.error('audit trail not written (AUDIT_LOG_FILE)', { error: err.message }),
  );
  const mode = config.slack.appToken ? 'socket' : 'http';
  const readiness = new Readiness(
    {
      slack_token: 'Slack has not answered auth.test yet',
      modules: 'still loading what lookups need',
      ...(mode === 'socket' ? { socket_connection: 'Socket Mode has not connected yet' } : {}),
    },
    { store: 'not opened yet', datadog: 'not asked yet' },
  );
  // Datadog out of reach does not make the bot unready: its replies say why, which is better than no answer.
  const datadogAnswers = new DatadogReachability({ readiness, log, backoff: options.backoff ?? SLACK_BACKOFF });
  const opened = await openFollowStore(config.follow, log, ({ up, reason }) => {
    metrics.storeUp(up);
    if (up) readiness.pass('store');
    else readiness.fail('store', reason);
  });
  const health = healthRoutes(inflight, readiness);
  const opsRoutes = [...health, metrics.route];
  const { appToken } = config.slack;
  const debug = config.operations.logLevel === 'debug';
  const dispatcher = slackDispatcher(config.network);
  const socketReceiver = appToken
    ? createSocketReceiver({ ...config.slack, appToken }, log, debug, {
        dispatcher,
        pingTimeoutMs: options.socketPingTimeoutMs,
      })
    : undefined;
  // With OPS_PORT set, /metrics is served there only.
  const routes = config.slack.opsPort === undefined ? opsRoutes : health;
  const { receiver, slackListener } = socketReceiver
    ? { receiver: socketReceiver, slackListener: undefined }
    : createHttpReceiver(config.slack, log, debug, { routes, claims: opened.claims });
  const identity = new SlackIdentity();
  const mask = secretMask(secretValues(config));
  const app = createSlackApp(config.slack, {
    log,
    debug,
    receiver,
    identity,
    mask,
    dispatcher,
  });
  const usergroups = new CachedUsergroups(new SlackUsergroups(app.client));
  const access = new AccessPolicy(config.access, usergroups);
  // Lookups and Home openings draw on one allowance per user.
  const rateLimit = new PerUserRateLimit(config.access.rateLimitPerMinute);
  const wired = await wireLookup(config, {
    log,
    metrics,
    sharedRuns: opened.sharedRuns,
    access,
    rateLimit,
    showInitiatorEmail: config.access.showInitiatorEmail,
    observer: audit.observe,
    datadogAnswered: (result) => datadogAnswers.observe(result),
  });
  if (wired.sample)
    log.warn('DD_DEMO: answering from the embedded sample Datadog (sample data), not from real Datadog', {
      url: wired.sample.url,
    });
  const acts = new ActGate({
    actors: new ActorPolicy(config.actions, access, usergroups),
    actions: wired.actions,
    claims: opened.claims,
    observer: (event) => {
      metrics.acted(event);
      audit.observe(event);
    },
  });
  // The watcher polls Datadog uncached, still under DD_MAX_CONCURRENT.
  const follows = wireFollows(opened, config.follow, log, {
    source: wired.uncached,
    notifier: new SlackNotifier(app.client, log),
    history: wired.lookup.workflowHistory,
    access,
    observer: audit.observe,
  });
  const cancels = new CancelRun({ gate: acts, source: wired.lookups, announce: follows.announceEnd });
  const poster = new ResponseUrlPoster({
    allowLoopbackHttp: config.slack.allowLoopbackResponseUrl,
    proxy: config.network,
  });
  const home = new HomeTab({
    probe: wired.client,
    site: config.datadog.site,
    log,
    recentLookups: wired.recentLookups,
    follows: opened.followsView,
    access,
    observer: audit.observe,
    rateLimit,
    acting: acts.actors.rules,
  });
  registerListeners(app, {
    lookup: wired.lookup,
    inflight,
    log,
    replies: metrics,
    poster,
    mask,
    sampleData: config.datadog.demo,
    follows: follows.follows,
    unfurls: config.slack.unfurlEnabled ? new LinkUnfurls(wired.lookup) : undefined,
    eventClaims: opened.claims,
    home,
    acts,
    cancels,
    // The form reads the workflow's inputs and the repeated run's fresh, as it is about to start a run from them.
    runAgain: new RunAgain({ acts, source: wired.uncached }),
  });
  return {
    app,
    mode,
    socketReceiver,
    slackListener,
    opsRoutes,
    readiness,
    identity,
    inflight,
    follows,
    watchDatadog: () => datadogAnswers.watch(wired.client),
    close: async () => {
      datadogAnswers.stop();
      await opened.store.close();
      await Promise.all([wired.close(), poster.close(), audit.close(), dispatcher.destroy()]);
    },
  };
}

function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

interface Listening {
  port: number;
  opsPort: number;
  /** Slack's server (HTTP mode): the early one, handed to Bolt's receiver. */
  slackServer?: Server;
  /** The operations server, when it is not Slack's (OPS_PORT set, or Socket Mode). */
  opsServer?: Server;
}

/**
 * The early server is handed what it serves now: Slack's requests and the routes on PORT over HTTP (with the
 * operations routes on OPS_PORT when set); in Socket Mode, which takes no requests from Slack, the operations routes.
 */
async function listen(bot: BuiltBot, early: EarlyServer, { host, opsPort }: Config['slack']): Promise<Listening> {
  const earlyPort = boundPort(early.server);
  if (!bot.slackListener) {
    early.handOver(routesListener(bot.opsRoutes));
    return { port: earlyPort, opsPort: earlyPort, opsServer: early.server };
  }
  early.handOver(bot.slackListener);
  const opsServer = opsPort === undefined ? undefined : await serveRoutes(bot.opsRoutes, { host, port: opsPort });
  return {
    port: earlyPort,
    opsPort: opsServer ? boundPort(opsServer) : earlyPort,
    slackServer: early.server,
    opsServer,
  };
}

/** Stops taking Slack's requests, as Bolt's receiver would: no new connections, the idle ones closed. */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** Serves Slack, then watches followed runs; Slack's word on the token comes later, in `tokenChecked`. */
export async function startBot(config: Config, log: Log, options: StartOptions = {}): Promise<RunningBot> {
  const early = options.early ?? (await listenEarly(earlyAddress(config.slack)));
  const bot = await buildBot(config, log, options).catch(async (err: unknown) => {
    await closeServer(early.server);
    throw err;
  });
  const { app, socketReceiver, readiness, identity, inflight, follows } = bot;
  const backoff = options.backoff ?? SLACK_BACKOFF;
  const apiHost = slackApiHost(config.slack.apiUrl);
  const keeper =
    socketReceiver &&
    keepSocketConnected(socketReceiver.client, () => app.start(), { readiness, log, backoff, apiHost });
  const { port, opsPort, slackServer, opsServer } = await listen(bot, early, config.slack);
  // /healthz answers from here on; what lookups need is loaded now, before Slack's first request if it can be.
  void (options.loadDeferred ?? loadDeferred)().then(() => readiness.pass('modules'));
  await follows.startWatching();
  log.info('dd-instance started', {
    mode: bot.mode,
    port,
    opsPort,
    site: config.datadog.site,
    datadog: config.datadog.demo ? 'sample' : config.datadog.apiUrl ? 'DD_API_URL' : 'site',
  });
  const datadogProbed = bot.watchDatadog();
  const stopping = new AbortController();
  const tokenChecked = checkBotToken({
    client: app.client,
    token: config.slack.botToken,
    apiHost,
    readiness,
    log,
    backoff,
    signal: stopping.signal,
  }).then((check) => {
    identity.learn(check);
    if (check && !check.ok) {
      const message = tokenRejectedMessage(check.rejection);
      if (options.onTokenRejected) options.onTokenRejected(message);
      else log.error(message);
    }
    return check;
  });
  return {
    port,
    opsPort,
    mode: bot.mode,
    readiness,
    tokenChecked,
    datadogProbed,
    stop: async (graceMs = 4000) => {
      stopping.abort();
      // Half a second before the grace ends, replies still waiting on Datadog say the bot is restarting instead.
      inflight.cutOffAfter(Math.max(0, graceMs - 500));
      keeper?.stop();
      // Leases go back first, so another replica takes the runs over at once.
      const watchStopped = follows.stopWatching();
      const stopped = (slackServer ? stopListening(slackServer) : app.stop()).catch((err: unknown) =>
        log.warn('stop: slack receiver', { error: errorMessage(err) }),
      );
      const drained = await inflight.drain(graceMs);
      if (!drained) log.warn('stop: replies still under way were dropped', { count: inflight.size });
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await watchStopped;
      await bot.close();
      if (opsServer) await closeServer(opsServer);
    },
  };
}
