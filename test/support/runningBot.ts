import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotConfig } from '../../src/config/load';
import { createLog, type LogLevel } from '../../src/core/log';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { type RunningBot, startBot } from '../../src/wiring';
import { SIGNING_SECRET } from './signedRequest';
import { type SlackStandIn, startSlackStandIn } from './slackStandIn';

export interface BotUnderTest {
  bot: RunningBot;
  datadog: SampleDatadog;
  slack: SlackStandIn;
  logs: string[];
  eventsUrl: string;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-test-bot-token-never-shown',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  DD_API_KEY: 'dd-api-key-never-shown',
  DD_APP_KEY: 'dd-app-key-never-shown',
};

/** The stand-in's response_urls are http:// on 127.0.0.1, which the bot refuses unless told. */
export const LOOPBACK_REPLIES = { SLACK_ALLOW_LOOPBACK_RESPONSE_URL: '1' };

/** Most e2e tests script a new Datadog answer for the same run each time, so by default nothing is kept. */
export const UNCACHED = { CACHE_FINISHED_TTL_MS: '0', CACHE_RUNNING_TTL_MS: '0', CACHE_NOT_FOUND_TTL_MS: '0' };

/** Most e2e tests send every request as one user, far over the shipped 30 a minute; the limit's own tests lower it. */
export const UNLIMITED = { RATE_LIMIT_PER_MINUTE: '100000' };

/** The bot started from `env`, its log lines at `level` and above kept; the start-up probe's request to `datadog` cleared. */
export async function startBotOn(
  env: Record<string, string>,
  datadog: SampleDatadog,
  level: LogLevel,
): Promise<{ bot: RunningBot; logs: string[] }> {
  const loaded = loadBotConfig(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const logs: string[] = [];
  const bot = await startBot(
    loaded.config,
    createLog(level, (line) => logs.push(line)),
  );
  // The start-up probe is not what a test asks Datadog: its request is cleared once answered.
  await bot.datadogProbed;
  datadog.reset();
  return { bot, logs };
}

/** The real bot in HTTP mode on a free port, with Datadog and Slack stand-ins on loopback. */
export async function startBotUnderTest(env: Record<string, string> = {}): Promise<BotUnderTest> {
  const datadog = await startSampleDatadog();
  const slack = await startSlackStandIn();
  // Each bot keeps its follows in its own folder, removed when it stops.
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-instance-bot-'));
  const { bot, logs } = await startBotOn(
    {
      ...TEST_SECRETS,
      ...LOOPBACK_REPLIES,
      ...UNCACHED,
      ...UNLIMITED,
      DATA_DIR: dataDir,
      PORT: '0',
      DD_API_URL: datadog.url,
      SLACK_API_URL: slack.apiUrl,
      DD_TIMEOUT_MS: '500',
      DD_DEADLINE_MS: '2500',
      ...env,
    },
    datadog,
    'debug',
  );
  return {
    bot,
    datadog,
    slack,
    logs,
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    close: async () => {
      await bot.stop(1000);
      await Promise.all([datadog.close(), slack.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bot for one test file: started before its tests, stopped after, with Datadog's scripts cleared before each. */
export function useBotUnderTest(env: Record<string, string> = {}): () => BotUnderTest {
  let harness: BotUnderTest | undefined;
  beforeAll(async () => {
    harness = await startBotUnderTest(env);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => harness?.datadog.reset());
  return () => {
    if (!harness) throw new Error('the bot under test has not started');
    return harness;
  };
}

/** A bot of its own for one test (so nothing another test did is kept in it), stopped whatever `use` does. */
export async function withBotUnderTest(
  env: Record<string, string>,
  use: (bot: BotUnderTest) => Promise<void>,
): Promise<void> {
  const bot = await startBotUnderTest(env);
  try {
    await use(bot);
  } finally {
    await bot.close();
  }
}
