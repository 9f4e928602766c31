import {
  type DatadogConfig,
  formatConfigProblems,
  loadDatadogConfig,
  loadSlackCheckConfig,
  type SlackCheckConfig,
  secretValues,
} from '../config/load';
import { checkDatadogHealth } from '../core/healthCheck';
import type { Log } from '../core/log';
import { createLog } from '../core/log';
import { commandVerdict } from '../core/outcomes';
import { healthCheckLines, slackCheckLine } from '../render/healthCheck';
import { withSampleNotice } from '../render/sampleNotice';
import { type SecretMask, secretMask } from '../render/secretMask';
import { presentCommand } from '../render/slackReplies';
import { mrkdwnToTerminal, renderTerminal } from '../render/terminal';
import { checkSlackToken, type Wired, wireLookup } from '../wiring';
import { CLI_USAGE, parseCliArgs } from './args';
import { packageVersion } from './version';

export const EXIT = { found: 0, datadogError: 1, badUsage: 2 } as const;
const EXIT_FOR: Record<ReturnType<typeof commandVerdict>, number> = {
  found: EXIT.found,
  failed: EXIT.datadogError,
  usage: EXIT.badUsage,
};

export interface Output {
  write(text: string): void;
  color: boolean;
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
}

async function lookUp(
  text: string,
  json: boolean,
  { lookup, sample }: Wired,
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  const outcome = await lookup.lookUpCommand(text, { via: 'cli' });
  const presented = mask(presentCommand(outcome, lookup.site));
  const reply = sample ? withSampleNotice(presented) : presented;
  const code = EXIT_FOR[commandVerdict(outcome)];
  if (json) {
    io.stdout.write(`${JSON.stringify({ text: reply.text, blocks: reply.blocks }, null, 2)}\n`);
  } else {
    io.stdout.write(`${renderTerminal(reply, { color: io.stdout.color })}\n`);
  }
  return code;
}

/** With SLACK_BOT_TOKEN set, Slack's answer to auth.test, as one line; true when Slack accepted the token. */
async function checkSlack(slack: SlackCheckConfig, config: DatadogConfig, io: CliIo, log: Log): Promise<boolean> {
  const answer = await checkSlackToken(slack, config.network, log);
  io.stdout.write(`${mrkdwnToTerminal(slackCheckLine(answer), { color: io.stdout.color })}\n`);
  return answer.status === 'pass';
}

async function check(datadog: Wired, config: DatadogConfig, io: CliIo): Promise<number> {
  const where = datadog.sample
    ? 'the embedded sample Datadog'
    : config.datadog.apiUrl
      ? `DD_API_URL ${new URL(config.datadog.apiUrl).origin}`
      : `DD_SITE *${config.datadog.site}*`;
  io.stdout.write(`${mrkdwnToTerminal(`Checking Datadog at ${where}`, { color: io.stdout.color })}\n`);
  const outcome = await checkDatadogHealth(datadog.client, config.datadog.site);
  io.stdout.write(`${mrkdwnToTerminal(healthCheckLines(outcome).join('\n'), { color: io.stdout.color })}\n`);
  return outcome.ok ? EXIT.found : EXIT.datadogError;
}

/** The `dd-instance` command: the bot's config, lookup and rendering, answered in a terminal. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const request = parseCliArgs(argv);
  if (request.kind === 'help') {
    io.stdout.write(CLI_USAGE);
    return EXIT.found;
  }
  if (request.kind === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.found;
  }
  if (request.kind === 'invalid') {
    io.stderr.write(`dd-instance: ${request.reason}. See dd-instance --help\n`);
    return EXIT.badUsage;
  }
  const loaded = loadDatadogConfig(request.demo ? { ...io.env, DD_DEMO: '1' } : io.env);
  const slack = request.kind === 'check' ? loadSlackCheckConfig(io.env) : undefined;
  const problems = [...(loaded.ok ? [] : loaded.problems), ...(slack && !slack.ok ? slack.problems : [])];
  if (!loaded.ok || problems.length > 0) {
    io.stderr.write(`${formatConfigProblems(problems)}\n`);
    return EXIT.badUsage;
  }
  loaded.warnings.forEach((warning) => {
    io.stderr.write(`warning: ${warning}\n`);
  });
  const log = createLog('warn', (line) => io.stderr.write(`${line}\n`));
  const datadog = await wireLookup(loaded.config, { log });
  try {
    if (request.kind === 'check') {
      const slackAccepted = slack?.ok ? await checkSlack(slack.config, loaded.config, io, log) : true;
      const datadogCode = await check(datadog, loaded.config, io);
      return slackAccepted ? datadogCode : EXIT.datadogError;
    }
    // Output may be pasted into a channel: Datadog's words never carry the keys there.
    return await lookUp(request.text, request.json, datadog, io, secretMask(secretValues(loaded.config)));
  } finally {
    await datadog.close();
  }
}
