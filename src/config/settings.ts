import type { z } from 'zod';
import { LOG_FORMATS, LOG_LEVELS } from '../core/log';
import { isUuid } from '../core/run';
import { SITE_NAMES } from '../core/sites';
import {
  bindHost,
  flag,
  httpUrl,
  idList,
  oneOf,
  optionalPort,
  optionalPrefixed,
  optionalText,
  port,
  positiveMs,
  required,
  slackId,
  whole,
} from './values';

/**
 * Every setting, declared once: its environment variable, how its value is read, and a one-line doc. The typed
 * config (`Config`), `.env.example` and docs/configuration.md are all derived from this table.
 */

export interface Setting<S extends z.ZodType = z.ZodType> {
  env: string;
  schema: S;
  doc: string;
  /** Masked wherever it could show: logs and every Slack message. */
  secret?: true;
  /** The lower-case spelling also read, and preferred when set, as curl and undici read the proxy variables. */
  lowerCase?: true;
}

const setting = <S extends z.ZodType>(env: string, schema: S, doc: string, secret?: true): Setting<S> =>
  secret ? { env, schema, doc, secret } : { env, schema, doc };

/** Workflow IDs, compared as the lowercase UUIDs the parsers give. */
const workflowUuids = idList('workflow UUIDs', isUuid).transform((ids) => ids.map((id) => id.toLowerCase()));
/** A standard variable that tools read in either case (https_proxy or HTTPS_PROXY). */
const eitherCase = <S extends z.ZodType>(env: string, schema: S, doc: string): Setting<S> => ({
  env,
  schema,
  doc: `${doc} Also read as ${env.toLowerCase()}, which wins when both are set.`,
  lowerCase: true,
});

export const GROUPS = {
  slack: 'Slack (api.slack.com/apps → your app)',
  datadog: 'Datadog (Organization Settings → API Keys / Application Keys)',
  cache: 'Cache in front of Datadog (per process; concurrent lookups of one run always share one request)',
  access: 'Who may use the bot (docs/security.md). Each list is comma-separated; empty means allowed.',
  follow: 'Follows and live shared messages',
  actions: 'Acting from Slack: cancel a run, run a workflow again (docs/security.md). Off by default: read-only.',
  operations: 'Operations: logs, audit trail, load',
  network: 'Network: the proxy for every outbound call (Slack Web API, Socket Mode, Datadog, response_url)',
} as const;

export const SETTINGS = {
  slack: {
    botToken: setting(
      'SLACK_BOT_TOKEN',
      required('a bot token, xoxb-…').refine((value) => value.startsWith('xoxb-'), {
        message: 'must be a bot token starting with xoxb-',
      }),
      'Required. Bot User OAuth Token, from OAuth & Permissions (starts with xoxb-).',
      true,
    ),
    signingSecret: setting(
      'SLACK_SIGNING_SECRET',
      optionalText,
      'Required in HTTP mode. From Basic Information → App Credentials → Signing Secret.',
      true,
    ),
    appToken: setting(
      'SLACK_APP_TOKEN',
      optionalPrefixed('xapp-', 'an app-level token'),
      'Optional. App-level token with connections:write (starts with xapp-). When set, the bot runs in Socket Mode and needs no public URL; when empty, it serves HTTP on PORT at /slack/events.',
      true,
    ),
    port: setting(
      'PORT',
      port,
      'HTTP port (Heroku sets it). HTTP mode: /slack/events, /healthz (liveness), /readyz (ready to answer Slack), and /metrics (Prometheus) unless OPS_PORT is set. Socket Mode: /healthz, /readyz and /metrics, or nothing when OPS_PORT is set.',
    ),
    opsPort: setting(
      'OPS_PORT',
      optionalPort,
      'Optional. A port of its own for /healthz, /readyz and /metrics, so they need not be public; with it set, /metrics is not served on PORT.',
    ),
    host: setting(
      'HOST',
      bindHost,
      'Optional. The address PORT and OPS_PORT listen on, e.g. 127.0.0.1 for this machine only; empty: every interface.',
    ),
    apiUrl: setting(
      'SLACK_API_URL',
      httpUrl,
      "Optional. Replaces Slack's Web API base URL (https://slack.com/api), e.g. for a proxy or a test server.",
    ),
    unfurlEnabled: setting(
      'UNFURL_ENABLED',
      flag(false),
      "1: a Datadog run link posted where the app is present gets a card under it (state, workflow, duration, failed step), seen by everyone in the channel. Needs the manifest's links:read/links:write scopes, unfurl_domains and link_shared event.",
    ),
    allowLoopbackResponseUrl: setting(
      'SLACK_ALLOW_LOOPBACK_RESPONSE_URL',
      flag(false),
      "1: also post replies to an http:// response_url on loopback (127.0.0.1, localhost), as tests and benchmarks send. Slack's response_urls are https, and only https is accepted otherwise.",
    ),
  },
  datadog: {
    apiKey: setting('DD_API_KEY', optionalText, 'Required (unless DD_DEMO=1). A Datadog API key.', true),
    appKey: setting(
      'DD_APP_KEY',
      optionalText,
      'Required (unless DD_DEMO=1). An application key whose scopes include workflows_read.',
      true,
    ),
    demo: setting(
      'DD_DEMO',
      flag(false),
      '1: answer from the embedded sample Datadog (sample data, served on 127.0.0.1) instead of real Datadog, to try the bot in a sandbox workspace with no Datadog keys.',
    ),
    site: setting(
      'DD_SITE',
      oneOf(SITE_NAMES as [(typeof SITE_NAMES)[number], ...(typeof SITE_NAMES)[number][]], 'datadoghq.com'),
      `The Datadog site your org is on: one of ${SITE_NAMES.join(', ')}. (Datadog does not offer Workflow Automation on the ddog-gov.com sites.)`,
    ),
    apiUrl: setting(
      'DD_API_URL',
      httpUrl,
      "Optional. Replaces the API base URL (https://api.<DD_SITE>), e.g. a proxy or a test server. Links to runs still point at DD_SITE's web UI.",
    ),
    attemptTimeoutMs: setting('DD_TIMEOUT_MS', positiveMs(8000), 'Time allowed for one try against Datadog (ms).'),
    deadlineMs: setting('DD_DEADLINE_MS', positiveMs(20000), 'Time allowed for a whole lookup with its retries (ms).'),
    maxConcurrent: setting('DD_MAX_CONCURRENT', whole(8, 1), 'How many Datadog requests may be under way at once.'),
    maxQueued: setting(
      'DD_MAX_QUEUED',
      whole(100, 0),
      'How many more Datadog requests may wait for a turn; past that a lookup is answered "dd-instance is busy" at once.',
    ),
  },
  cache: {
    finishedTtlMs: setting(
      'CACHE_FINISHED_TTL_MS',
      whole(5 * 60_000, 0, 'number of milliseconds'),
      'How long an ended run (any end state) is kept (ms); 0 keeps none.',
    ),
    runningTtlMs: setting(
      'CACHE_RUNNING_TTL_MS',
      whole(3000, 0, 'number of milliseconds'),
      "How long a running run and a workflow's recent-runs list are kept (ms); 0 keeps none. Refresh always gets data at most 1 s old.",
    ),
    notFoundTtlMs: setting(
      'CACHE_NOT_FOUND_TTL_MS',
      whole(10_000, 0, 'number of milliseconds'),
      'How long a "not found" is kept (ms); 0 keeps none.',
    ),
    maxEntries: setting(
      'CACHE_MAX_ENTRIES',
      whole(5000, 1),
      'Entries the cache keeps at most; the least recently used goes first.',
    ),
    maxBytes: setting(
      'CACHE_MAX_BYTES',
      whole(16 * 1024 * 1024, 1),
      'Total size the cache keeps at most, in bytes of JSON.',
    ),
  },
  access: {
    teamIds: setting(
      'ALLOWED_TEAM_IDS',
      idList('workspace or org IDs (T… or E…)', slackId('TE')),
      'Workspace (T…) or Enterprise Grid org (E…) IDs: requests from anywhere else are refused.',
    ),
    channelIds: setting(
      'ALLOWED_CHANNEL_IDS',
      idList('channel IDs (C…, G… or D…)', slackId('CGD')),
      'Channel IDs (C…, G…, D…) where the bot answers. App Home is not in a channel and is not checked.',
    ),
    userIds: setting(
      'ALLOWED_USER_IDS',
      idList('user IDs (U… or W…)', slackId('UW')),
      'User IDs (U…, W…) the bot answers.',
    ),
    usergroupIds: setting(
      'ALLOWED_USERGROUP_IDS',
      idList('user group IDs (S…)', slackId('S')),
      'User group IDs (S…): the bot answers their members. Needs the usergroups:read scope (add it to manifest.yml).',
    ),
    workflowIds: setting('ALLOWED_WORKFLOW_IDS', workflowUuids, 'Workflow UUIDs whose runs may be looked up.'),
    shareEnabled: setting('SHARE_ENABLED', flag(true), '0: no Share button, and a Share press is refused.'),
    showInitiatorEmail: setting(
      'SHOW_INITIATOR_EMAIL',
      flag(false),
      '1: show the email of whoever started a run when Datadog gives no name. 0: a name, never an email.',
    ),
    rateLimitPerMinute: setting(
      'RATE_LIMIT_PER_MINUTE',
      whole(30, 1, 'number of lookups'),
      'Lookups each user may make per minute.',
    ),
  },
  follow: {
    dataDir: setting(
      'DATA_DIR',
      optionalText.transform((value) => value ?? './data'),
      'Folder of the SQLite file that keeps follows across restarts. Unused when REDIS_URL is set.',
    ),
    redisUrl: setting(
      'REDIS_URL',
      optionalText.refine((value) => value === undefined || /^rediss?:\/\/\S+$/.test(value), {
        message: 'must be a redis:// or rediss:// URL',
      }),
      'Optional. redis:// or rediss:// URL: keep follows in Redis instead (Heroku, whose filesystem is ephemeral, and several replicas). Its password is masked like the tokens.',
    ),
    redisPrefix: setting(
      'REDIS_PREFIX',
      optionalText.transform((value) => value ?? 'dd-instance:'),
      'Prefix of every Redis key.',
    ),
    redisTlsVerify: setting(
      'REDIS_TLS_VERIFY',
      flag(true),
      "0 accepts a self-signed TLS certificate on rediss:// (Heroku's key-value add-on needs it).",
    ),
    maxAgeMs: setting(
      'FOLLOW_MAX_AGE_MS',
      positiveMs(24 * 60 * 60 * 1000),
      'A followed run is given up on after this long, and its followers told (ms).',
    ),
    pollMinMs: setting('FOLLOW_POLL_MIN_MS', positiveMs(5000), 'A watched run is first polled after this long (ms).'),
    pollMaxMs: setting(
      'FOLLOW_POLL_MAX_MS',
      positiveMs(60_000),
      'Polls back off, doubling, up to this interval (ms); never below FOLLOW_POLL_MIN_MS.',
    ),
    leaseMs: setting(
      'FOLLOW_LEASE_MS',
      positiveMs(30_000),
      "How long a replica's watch lease lasts unrenewed: a dead replica's runs are taken over after this (ms).",
    ),
    maxPerUser: setting('FOLLOW_MAX_PER_USER', whole(20, 1), 'Runs one person may follow at once.'),
    maxTotal: setting('FOLLOW_MAX_TOTAL', whole(200, 1), 'Runs the bot watches at once in all.'),
  },
  actions: {
    enabled: setting(
      'ACTIONS_ENABLED',
      flag(false),
      "1: allowed actors may cancel a running run and run a workflow again, from Slack and the CLI. Needs workflows_run on DD_APP_KEY's key. 0: nothing that acts is shown, and no write call is ever made.",
    ),
    userIds: setting(
      'ALLOWED_ACTOR_USER_IDS',
      idList('user IDs (U… or W…)', slackId('UW')),
      'User IDs (U…, W…) who may act. With this and ALLOWED_ACTOR_USERGROUP_IDS both empty, nobody may act.',
    ),
    usergroupIds: setting(
      'ALLOWED_ACTOR_USERGROUP_IDS',
      idList('user group IDs (S…)', slackId('S')),
      'User group IDs (S…) whose members may act. Needs the usergroups:read scope.',
    ),
    workflowIds: setting(
      'ACTIONS_WORKFLOW_IDS',
      workflowUuids,
      'Workflow UUIDs that may be acted on; empty: every workflow the read rules allow.',
    ),
  },
  operations: {
    logLevel: setting(
      'LOG_LEVEL',
      oneOf(LOG_LEVELS, 'info'),
      'debug, info, warn or error. One info line per lookup: user, channel, IDs, outcome, latency.',
    ),
    logFormat: setting(
      'LOG_FORMAT',
      oneOf(LOG_FORMATS, 'auto'),
      'auto: JSON lines when stdout is not a terminal (Heroku, Docker, systemd), readable lines on one; json or pretty force one of them.',
    ),
    replyMaxPending: setting(
      'REPLY_MAX_PENDING',
      whole(500, 1, 'number of replies'),
      'Replies waiting to be sent at once; past it a command, shortcut or button is answered "busy, try again in a few seconds" at once.',
    ),
    auditLogFile: setting(
      'AUDIT_LOG_FILE',
      optionalText,
      'Optional. A file the audit trail (one JSON line per action) is appended to; stdout when empty.',
    ),
  },
  network: {
    httpsProxy: eitherCase(
      'HTTPS_PROXY',
      httpUrl,
      'Optional. Proxy URL (http://[user:password@]host:port) for https:// calls: Slack, Socket Mode, Datadog, response_url. Its password is masked like the tokens.',
    ),
    httpProxy: eitherCase(
      'HTTP_PROXY',
      httpUrl,
      'Optional. Proxy URL for http:// calls (and for https:// ones when HTTPS_PROXY is empty). Loopback addresses are proxied too unless NO_PROXY names them.',
    ),
    noProxy: eitherCase(
      'NO_PROXY',
      optionalText,
      'Optional. Hosts reached without the proxy, comma-separated: host, host:port, .domain (its subdomains), or * for all.',
    ),
  },
} as const satisfies Record<keyof typeof GROUPS, Record<string, Setting>>;

type Declared = typeof SETTINGS;
export type Group = keyof Declared;

/** The config, grouped as declared: each consumer takes its group. */
export type Config = {
  -readonly [G in Group]: {
    -readonly [K in keyof Declared[G]]: Declared[G][K] extends Setting<infer S> ? z.output<S> : never;
  };
};
