import { offersWorkflowAutomation } from '../core/sites';
import { type Config, GROUPS, type Group, SETTINGS, type Setting } from './settings';

/** Reads the environment into the typed config: every setting parsed, every problem named at once, no value echoed. */

export type Env = Record<string, string | undefined>;

export type ConfigResult<T> = { ok: true; config: T; warnings: string[] } | { ok: false; problems: string[] };

/** Settings that fail their own parse are left out, so a rule across settings sees only sound values. */
type Partly<G extends Group> = { [K in G]: Partial<Config[K]> };

/** A rule across settings, checked on the parsed object beside every setting's own problems. */
interface CrossCheck {
  groups: Group[];
  problems(config: Partly<Group>, failed: ReadonlySet<string>): string[];
}

const CROSS_CHECKS: CrossCheck[] = [
  {
    // The keys are needed unless DD_DEMO serves sample data instead.
    groups: ['datadog'],
    problems: ({ datadog }) => {
      if (datadog.demo === true) return [];
      const missing: Array<[string | undefined, Setting, string]> = [
        [datadog.apiKey, SETTINGS.datadog.apiKey, 'a Datadog API key'],
        [datadog.appKey, SETTINGS.datadog.appKey, 'a Datadog application key with workflows_read'],
      ];
      return missing.filter(([value]) => !value).map(([, { env }, what]) => `${env} is required (${what})`);
    },
  },
  {
    groups: ['slack'],
    problems: ({ slack }, failed) =>
      slack.appToken || slack.signingSecret || failed.has(SETTINGS.slack.appToken.env)
        ? []
        : ['SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)'],
  },
  {
    groups: ['slack'],
    problems: ({ slack }) =>
      slack.opsPort && slack.opsPort === slack.port ? ['OPS_PORT must differ from PORT (or be left empty)'] : [],
  },
];

function warnings(config: Partial<Config>): string[] {
  const site = config.datadog?.site;
  return site && !offersWorkflowAutomation(site)
    ? [`DD_SITE ${site}: Datadog does not offer Workflow Automation on this site, so lookups will likely fail`]
    : [];
}

/** Values no single setting can settle alone. */
function settle(config: Partial<Config>): void {
  const follow = config.follow;
  if (follow) follow.pollMaxMs = Math.max(follow.pollMaxMs, follow.pollMinMs);
}

/** Each of `settings` read from `env` (the lower-case spelling first where declared); one line per bad one. */
function parseSettings(env: Env, settings: Record<string, Setting>, problems: Set<string>, failed: Set<string>) {
  const values: Record<string, unknown> = {};
  for (const [key, declared] of Object.entries(settings)) {
    const lower = declared.env.toLowerCase();
    const name = declared.lowerCase && env[lower]?.trim() ? lower : declared.env;
    const parsed = declared.schema.safeParse(env[name]);
    if (parsed.success) values[key] = parsed.data;
    else {
      failed.add(name);
      // The first issue only: an empty token is "required", not also "must start with xoxb-".
      problems.add(`${name} ${parsed.error.issues[0]?.message}`);
    }
  }
  return values;
}

/** The settings of `groups` from `env`; one line per bad setting, naming it and why. */
export function loadConfig<G extends Group>(env: Env, groups: readonly G[]): ConfigResult<Pick<Config, G>> {
  const problems = new Set<string>();
  const failed = new Set<string>();
  const config: Record<string, Record<string, unknown>> = {};
  for (const group of groups) config[group] = parseSettings(env, SETTINGS[group], problems, failed);
  const partly = config as unknown as Partly<Group>;
  for (const check of CROSS_CHECKS)
    if (check.groups.every((group) => (groups as readonly Group[]).includes(group)))
      for (const problem of check.problems(partly, failed)) problems.add(problem);
  if (problems.size > 0) return { ok: false, problems: [...problems] };
  const loaded = config as unknown as Pick<Config, G>;
  settle(loaded);
  return { ok: true, config: loaded, warnings: warnings(loaded) };
}

export const ALL_GROUPS = Object.keys(GROUPS) as Group[];

/** What the CLI and the demo need: Datadog, its cache, the logs, the proxy, and the switch and workflow list of acting (cancel, run). */
export const DATADOG_GROUPS = ['datadog', 'cache', 'operations', 'network', 'actions'] as const;
export type DatadogConfig = Pick<Config, (typeof DATADOG_GROUPS)[number]>;

export function loadDatadogConfig(env: Env): ConfigResult<DatadogConfig> {
  return loadConfig(env, DATADOG_GROUPS);
}

export function loadBotConfig(env: Env): ConfigResult<Config> {
  return loadConfig(env, ALL_GROUPS);
}

export type SlackCheckConfig = Pick<Config['slack'], 'botToken' | 'apiUrl'>;

/** SLACK_BOT_TOKEN and SLACK_API_URL alone, for `dd-instance --check`; undefined when no token is set. */
export function loadSlackCheckConfig(env: Env): ConfigResult<SlackCheckConfig> | undefined {
  if (!env[SETTINGS.slack.botToken.env]?.trim()) return undefined;
  const problems = new Set<string>();
  const { botToken, apiUrl } = SETTINGS.slack;
  const config = parseSettings(env, { botToken, apiUrl }, problems, new Set()) as SlackCheckConfig;
  return problems.size > 0 ? { ok: false, problems: [...problems] } : { ok: true, config, warnings: [] };
}

/** The password inside a URL setting (REDIS_URL, the proxies), if any: masked like the tokens. */
export function urlPassword(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  return decodeURIComponent(new URL(url).password) || undefined;
}

/** Every configured secret value, to be masked in logs and replies. */
export function secretValues(config: Partial<Config>): string[] {
  const declared = ALL_GROUPS.flatMap((group) =>
    Object.entries(SETTINGS[group] as Record<string, Setting>)
      .filter(([, setting]) => setting.secret)
      .map(([key]) => (config[group] as Record<string, unknown> | undefined)?.[key]),
  );
  const urls = [config.follow?.redisUrl, config.network?.httpsProxy, config.network?.httpProxy];
  return [...declared, ...urls.map((url) => url && urlPassword(url))].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

export function formatConfigProblems(problems: string[]): string {
  return ['dd-instance cannot start: fix these settings (see .env.example):', ...problems.map((p) => `  - ${p}`)].join(
    '\n',
  );
}
