import { z } from 'zod';
import type { RunCacheOptions } from './cache/cachedRunSource';
import type { AccessRules } from './core/access';
import { LOG_LEVELS, type LogLevel } from './core/log';
import { isUuid } from './core/run';
import { type DatadogSite, isDatadogSite, offersWorkflowAutomation, SITE_NAMES } from './core/sites';
import { LOG_FORMATS, type LogFormat } from './log/pinoLog';
import type { SlackSettings } from './slack/app';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value.replace(/\/+$/, '') : undefined))
  .refine((value) => value === undefined || /^https?:\/\/[^\s/]+/.test(value), {
    message: 'must be an http(s) URL, e.g. http://127.0.0.1:8126',
  });

/** A whole number setting: `min` 1 for "above 0", 0 where 0 means "none" (a cache lifetime of 0 keeps nothing). */
const whole = (fallback: number, min: 0 | 1, unit = 'number') =>
  z.coerce
    .number({ message: `must be a ${unit}` })
    .int({ message: `must be a whole ${unit}` })
    .min(min, { message: min === 0 ? 'must be 0 or more' : 'must be above 0' })
    .default(fallback);

const positiveMs = (fallback: number) => whole(fallback, 1, 'number of milliseconds');

const required = (what: string) =>
  z
    .string({ message: `is required (${what})` })
    .trim()
    .min(1, { message: `is required (${what})` });

/** 1 or 0 (also true/false, yes/no, on/off); empty means the default. */
const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.stringbool({ message: 'must be 1 or 0' }).default(fallback),
  );

/** A comma-separated list of IDs (empty: no list); each must look like `what`, and the value is never echoed. */
const idList = (what: string, valid: (id: string) => boolean) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every(valid), { message: `must be a comma-separated list of ${what}` });

const slackId = (prefixes: string) => (id: string) => new RegExp(`^[${prefixes}][A-Z0-9]{2,30}$`).test(id);

const demoFlag = flag(false).describe(
  '1: answer from the embedded sample Datadog (sample data, on 127.0.0.1) instead of real Datadog; DD_API_KEY and DD_APP_KEY are then not needed',
);

/** The keys are needed unless DD_DEMO serves sample data instead. */
const DATADOG_KEYS = [
  ['DD_API_KEY', 'a Datadog API key'],
  ['DD_APP_KEY', 'a Datadog application key with workflows_read'],
] as const;

/** Settings the Datadog side needs: the bot, the CLI and the demo share them. */
const datadogShape = {
  DD_API_KEY: optionalText,
  DD_APP_KEY: optionalText,
  DD_DEMO: demoFlag,
  DD_SITE: z
    .string()
    .trim()
    .toLowerCase()
    .default('datadoghq.com')
    .refine(isDatadogSite, { message: `must be one of ${SITE_NAMES.join(', ')}` }),
  DD_API_URL: httpUrl,
  DD_TIMEOUT_MS: positiveMs(8000),
  DD_DEADLINE_MS: positiveMs(20000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(LOG_FORMATS, { message: `must be one of ${LOG_FORMATS.join(', ')}` }).default('auto'),
  ),
  CACHE_FINISHED_TTL_MS: whole(5 * 60_000, 0, 'number of milliseconds'),
  CACHE_RUNNING_TTL_MS: whole(3000, 0, 'number of milliseconds'),
  CACHE_NOT_FOUND_TTL_MS: whole(10_000, 0, 'number of milliseconds'),
  CACHE_MAX_ENTRIES: whole(5000, 1),
  CACHE_MAX_BYTES: whole(16 * 1024 * 1024, 1),
  DD_MAX_CONCURRENT: whole(8, 1),
  DD_MAX_QUEUED: whole(100, 0),
};

const slackShape = {
  SLACK_BOT_TOKEN: required('a bot token, xoxb-…').refine((value) => value.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: httpUrl,
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int({ message: 'must be a port number' })
    .min(0, { message: 'must be a port number from 0 to 65535' })
    .max(65535, { message: 'must be a port number from 0 to 65535' })
    .default(3000),
  UNFURL_ENABLED: flag(false).describe(
    '1: Datadog run links posted where the app is get a card under them (link unfurls)',
  ),
  SLACK_ALLOW_LOOPBACK_RESPONSE_URL: flag(false),
  ALLOWED_TEAM_IDS: idList('workspace or org IDs (T… or E…)', slackId('TE')),
  ALLOWED_CHANNEL_IDS: idList('channel IDs (C…, G… or D…)', slackId('CGD')),
  ALLOWED_USER_IDS: idList('user IDs (U… or W…)', slackId('UW')),
  ALLOWED_USERGROUP_IDS: idList('user group IDs (S…)', slackId('S')),
  ALLOWED_WORKFLOW_IDS: idList('workflow UUIDs', isUuid),
  SHARE_ENABLED: flag(true),
  SHOW_INITIATOR_EMAIL: flag(false),
  AUDIT_LOG_FILE: optionalText,
  RATE_LIMIT_PER_MINUTE: whole(30, 1, 'number of lookups'),
  REPLY_MAX_PENDING: whole(500, 1, 'number of replies'),
};

/** Follows, live messages and where their state is kept (SQLite under DATA_DIR, or Redis when REDIS_URL is set). */
const followShape = {
  DATA_DIR: optionalText,
  REDIS_URL: optionalText.refine((value) => value === undefined || /^rediss?:\/\/\S+$/.test(value), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  REDIS_PREFIX: optionalText,
  REDIS_TLS_VERIFY: flag(true),
  FOLLOW_MAX_AGE_MS: positiveMs(24 * 60 * 60 * 1000),
  FOLLOW_POLL_MIN_MS: positiveMs(5000),
  FOLLOW_POLL_MAX_MS: positiveMs(60_000),
  FOLLOW_LEASE_MS: positiveMs(30_000),
  FOLLOW_MAX_PER_USER: whole(20, 1),
  FOLLOW_MAX_TOTAL: whole(200, 1),
};

const datadogSchema = z.object(datadogShape);
const botSchema = z.object({ ...datadogShape, ...slackShape, ...followShape });

export interface FollowConfig {
  dataDir: string;
  redis?: { url: string; prefix: string; tlsVerify: boolean };
  maxAgeMs: number;
  pollMinMs: number;
  pollMaxMs: number;
  leaseMs: number;
  maxPerUser: number;
  maxTotal: number;
}

/** The password inside REDIS_URL, if any: the log blanks it like the tokens. */
export function redisPassword(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  return decodeURIComponent(new URL(url).password) || undefined;
}

function toFollowConfig(env: z.infer<typeof botSchema>): FollowConfig {
  return {
    dataDir: env.DATA_DIR ?? './data',
    redis: env.REDIS_URL
      ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX ?? 'dd-instance:', tlsVerify: env.REDIS_TLS_VERIFY }
      : undefined,
    maxAgeMs: env.FOLLOW_MAX_AGE_MS,
    pollMinMs: env.FOLLOW_POLL_MIN_MS,
    pollMaxMs: Math.max(env.FOLLOW_POLL_MAX_MS, env.FOLLOW_POLL_MIN_MS),
    leaseMs: env.FOLLOW_LEASE_MS,
    maxPerUser: env.FOLLOW_MAX_PER_USER,
    maxTotal: env.FOLLOW_MAX_TOTAL,
  };
}

export interface DatadogConfig {
  /** Empty only with `demo`, where the embedded sample Datadog is used instead. */
  apiKey: string;
  appKey: string;
  demo: boolean;
  site: DatadogSite;
  /** Where API calls go: the site's API host unless DD_API_URL replaces it. */
  apiUrl: string | undefined;
  attemptTimeoutMs: number;
  deadlineMs: number;
  logLevel: LogLevel;
  /** json, pretty, or auto: JSON unless stdout is a terminal. */
  logFormat: LogFormat;
  /** The in-process cache in front of Datadog (single flight, bounded lru-cache). */
  cache: Omit<RunCacheOptions, 'clock'>;
  /** Datadog requests under way at once, and how many more may wait for a turn before one is refused as busy. */
  datadogConcurrency: { maxConcurrent: number; maxQueued: number };
}

export interface BotConfig extends DatadogConfig {
  slack: SlackSettings;
  /** Run links posted where the app is present are unfurled into a card, seen by the whole channel. */
  unfurlEnabled: boolean;
  /** Who may use the bot, where, for which workflows, and whether runs may be shared to channels. */
  access: AccessRules;
  /** Off (the default): whoever started a run is shown by name, never by email. */
  showInitiatorEmail: boolean;
  /** Where the audit trail is appended; stdout when absent. */
  auditLogFile: string | undefined;
  rateLimitPerMinute: number;
  /** Replies promised and not yet sent; past it a new request is answered "busy" at once. */
  replyMaxPending: number;
  follow: FollowConfig;
}

export type ConfigResult<T> = { ok: true; config: T; warnings: string[] } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

/** One line per bad variable: its name and why, never its value. */
function describeProblems(error: z.ZodError): string[] {
  const lines = error.issues.map((issue) => `${String(issue.path[0] ?? 'config')} ${issue.message}`);
  return [...new Set(lines)];
}

function siteWarnings(site: DatadogSite): string[] {
  return !offersWorkflowAutomation(site)
    ? [`DD_SITE ${site}: Datadog does not offer Workflow Automation on this site, so lookups will likely fail`]
    : [];
}

function toDatadogConfig(env: z.infer<typeof datadogSchema>): DatadogConfig {
  return {
    apiKey: env.DD_API_KEY ?? '',
    appKey: env.DD_APP_KEY ?? '',
    demo: env.DD_DEMO,
    site: env.DD_SITE as DatadogSite,
    apiUrl: env.DD_API_URL,
    attemptTimeoutMs: env.DD_TIMEOUT_MS,
    deadlineMs: env.DD_DEADLINE_MS,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    cache: {
      finishedTtlMs: env.CACHE_FINISHED_TTL_MS,
      runningTtlMs: env.CACHE_RUNNING_TTL_MS,
      notFoundTtlMs: env.CACHE_NOT_FOUND_TTL_MS,
      maxEntries: env.CACHE_MAX_ENTRIES,
      maxBytes: env.CACHE_MAX_BYTES,
    },
    datadogConcurrency: { maxConcurrent: env.DD_MAX_CONCURRENT, maxQueued: env.DD_MAX_QUEUED },
  };
}

const has = (env: Env, name: string) => Boolean(env[name]?.trim());

// Checked apart from the schema, like modeProblems, so it is reported together with every other problem.
function keyProblems(env: Env): string[] {
  if (demoFlag.safeParse(env.DD_DEMO).data === true) return [];
  return DATADOG_KEYS.filter(([name]) => !has(env, name)).map(([name, what]) => `${name} is required (${what})`);
}

export function loadDatadogConfig(env: Env): ConfigResult<DatadogConfig> {
  const parsed = datadogSchema.safeParse(env);
  const problems = [...(parsed.success ? [] : describeProblems(parsed.error)), ...keyProblems(env)];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const config = toDatadogConfig(parsed.data);
  return { ok: true, config, warnings: siteWarnings(config.site) };
}

// Checked apart from the schema so it is reported together with every other problem.
function modeProblems(env: Env): string[] {
  return has(env, 'SLACK_APP_TOKEN') || has(env, 'SLACK_SIGNING_SECRET')
    ? []
    : ['SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)'];
}

export function loadBotConfig(env: Env): ConfigResult<BotConfig> {
  const parsed = botSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : describeProblems(parsed.error)),
    ...keyProblems(env),
    ...modeProblems(env),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const config: BotConfig = {
    ...toDatadogConfig(parsed.data),
    slack: {
      botToken: parsed.data.SLACK_BOT_TOKEN,
      signingSecret: parsed.data.SLACK_SIGNING_SECRET,
      appToken: parsed.data.SLACK_APP_TOKEN,
      apiUrl: parsed.data.SLACK_API_URL,
      port: parsed.data.PORT,
      allowLoopbackResponseUrl: parsed.data.SLACK_ALLOW_LOOPBACK_RESPONSE_URL,
    },
    unfurlEnabled: parsed.data.UNFURL_ENABLED,
    access: {
      teamIds: parsed.data.ALLOWED_TEAM_IDS,
      channelIds: parsed.data.ALLOWED_CHANNEL_IDS,
      userIds: parsed.data.ALLOWED_USER_IDS,
      usergroupIds: parsed.data.ALLOWED_USERGROUP_IDS,
      workflowIds: parsed.data.ALLOWED_WORKFLOW_IDS.map((id) => id.toLowerCase()),
      shareEnabled: parsed.data.SHARE_ENABLED,
    },
    showInitiatorEmail: parsed.data.SHOW_INITIATOR_EMAIL,
    auditLogFile: parsed.data.AUDIT_LOG_FILE,
    rateLimitPerMinute: parsed.data.RATE_LIMIT_PER_MINUTE,
    replyMaxPending: parsed.data.REPLY_MAX_PENDING,
    follow: toFollowConfig(parsed.data),
  };
  return { ok: true, config, warnings: siteWarnings(config.site) };
}

export function formatConfigProblems(problems: string[]): string {
  return ['dd-instance cannot start: fix these settings (see .env.example):', ...problems.map((p) => `  - ${p}`)].join(
    '\n',
  );
}
