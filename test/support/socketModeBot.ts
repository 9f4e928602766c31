import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import type { RunningBot } from '../../src/wiring';
import { LOOPBACK_REPLIES, startBotOn, TEST_SECRETS } from './runningBot';
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
  const { bot, logs } = await startBotOn(
    {
      ...secrets,
      ...LOOPBACK_REPLIES,
      SLACK_APP_TOKEN: APP_TOKEN,
      PORT: '0',
      DD_API_URL: datadog.url,
      SLACK_API_URL: slack.apiUrl,
      ...env,
    },
    datadog,
    'info',
  );
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
