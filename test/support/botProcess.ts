import { type Child, startChild } from './child';
import { TEST_SECRETS } from './runningBot';
import { type SlackStandIn, startSlackStandIn } from './slackStandIn';

/** The built bot (dist-dev/src/index.js) as a real process on a free port, its Web API calls going to `slack`. */
export function startBotProcess(slack: SlackStandIn, env: Record<string, string> = {}): Child {
  return startChild('index.js', [], { ...TEST_SECRETS, PORT: '0', SLACK_API_URL: slack.apiUrl, ...env });
}

/**
 * Runs `use` with a fresh Slack stand-in and the bot process on it (`prepare` sets the stand-in's answers before
 * the bot starts); afterwards the process is killed, whatever it was doing, and the stand-in closed.
 */
export async function withBotProcess(
  env: Record<string, string>,
  use: (bot: Child, slack: SlackStandIn) => Promise<void>,
  prepare: (slack: SlackStandIn) => void = () => {},
): Promise<void> {
  const slack = await startSlackStandIn();
  prepare(slack);
  const bot = startBotProcess(slack, env);
  try {
    await use(bot, slack);
  } finally {
    bot.process.kill('SIGKILL');
    await slack.close();
  }
}
