import { loadBotConfig } from '../../src/config/load';
import { createLog } from '../../src/core/log';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { type RunningBot, startBot } from '../../src/wiring';
import { LOOPBACK_REPLIES, TEST_SECRETS } from './runningBot';
import { type SlackStandIn, startSlackStandIn } from './slackStandIn';
import { type SocketModeStandIn, startSocketModeStandIn } from './socketModeStandIn';

export const APP_TOKEN = 'xapp-test-app-token';

export interface SocketModeBotUnderTest {
  bot: RunningBot;
  datadog: SampleDatadog;
  slack: SlackStandIn;
  socket: SocketModeStandIn;
  /** The bot's log lines, info and above. */
  logs: string[];
  close(): Promise<void>;
}

/** The real bot in Socket Mode, with Datadog, Slack's Web API and Slack's Socket Mode end as stand-ins on loopback. */
export async function startSocketModeBot(env: Record<string, string> = {}): Promise<SocketModeBotUnderTest> {
  const datadog = await startSampleDatadog();
  const slack = await startSlackStandIn();
  const socket = await startSocketModeStandIn();
  slack.socketModeUrl = socket.url;
  const { SLACK_SIGNING_SECRET: _notNeeded, ...secrets } = TEST_SECRETS;
  const loaded = loadBotConfig({
    ...secrets,
    ...LOOPBACK_REPLIES,
    SLACK_APP_TOKEN: APP_TOKEN,
    PORT: '0',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const logs: string[] = [];
  const bot = await startBot(
    loaded.config,
    createLog('info', (line) => logs.push(line)),
  );
  // The start-up probe is not what a test asks Datadog: its request is cleared once answered.
  await bot.datadogProbed;
  datadog.reset();
  return {
    bot,
    datadog,
    slack,
    socket,
    logs,
    close: async () => {
      await bot.stop(1000);
      await Promise.all([datadog.close(), slack.close(), socket.close()]);
    },
  };
}
