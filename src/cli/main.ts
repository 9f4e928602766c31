import {
  type DatadogConfig,
  formatConfigProblems,
  loadDatadogConfig,
  loadSlackCheckConfig,
  type SlackCheckConfig,
  secretValues,
} from '../config/load';
import { MAX_RECENT } from '../core/commandText';
import { checkDatadogHealth } from '../core/healthCheck';
import { createLog, type Log } from '../core/log';
import { type CommandOutcome, commandVerdict } from '../core/outcomes';
import { hasEnded } from '../core/run';
import { historyOf, type RunHistory } from '../core/runHistory';
import { healthCheckLines, slackCheckLine } from '../render/healthCheck';
import { withSampleNotice } from '../render/sampleNotice';
import { sampleRunsText } from '../render/sampleRuns';
import { type SecretMask, secretMask } from '../render/secretMask';
import { presentCommand } from '../render/slackReplies';
import { mrkdwnToTerminal, renderTerminal } from '../render/terminal';
import { checkSlackToken, type Wired, wireLookup } from '../wiring';
import { act, actUsageProblem } from './acts';
import { CLI_USAGE, type CliRequest, parseCliArgs } from './args';
import { type CliIo, EXIT } from './io';
import { packageVersion } from './version';

export { type CliIo, EXIT, type Input, type Output } from './io';

const EXIT_FOR: Record<ReturnType<typeof commandVerdict>, number> = {
  found: EXIT.found,
  failed: EXIT.datadogError,
  usage: EXIT.badUsage,
};

/** After this long without Datadog's answer, a terminal is told that dd-instance is waiting on Datadog. */
export const WAITING_NOTICE_MS = 1000;

/** The exit code of a lookup; with --exit-status, a found run's state decides. */
function exitCode(outcome: CommandOutcome, exitStatus: boolean): number {
  const verdict = commandVerdict(outcome);
  if (!exitStatus || outcome.kind !== 'run' || !outcome.run.result.ok) return EXIT_FOR[verdict];
  const run = outcome.run.result.value;
  if (!hasEnded(run)) return EXIT.stillRunning;
  return run.statusKind === 'SUCCEEDED' ? EXIT.found : EXIT.runFailed;
}

async function lookUp(
  { text, json, exitStatus }: Extract<CliRequest, { kind: 'lookup' }>,
  { lookup, sample }: Wired,
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  const outcome = await lookup.lookUpCommand(text, { via: 'cli' });
  const presented = mask(presentCommand(outcome, lookup.site, { forOperator: true }));
  const reply = sample ? withSampleNotice(presented) : presented;
  const code = exitCode(outcome, exitStatus);
  if (json) {
    const history = historyShown(outcome);
    io.stdout.write(`${JSON.stringify({ text: reply.text, blocks: reply.blocks, history }, null, 2)}\n`);
  } else {
    io.stdout.write(`${renderTerminal(reply, { color: io.stdout.color })}\n`);
  }
  return code;
}

/** The workflow's history behind a reply's history line (a run) or states line (recent runs), for `--json`. */
function historyShown(outcome: CommandOutcome): RunHistory | undefined {
  if (outcome.kind === 'run') return outcome.run.history;
  if (outcome.kind === 'recent' && outcome.recent.result.ok) return historyOf(outcome.recent.result.value.runs);
  return undefined;
}

/** With SLACK_BOT_TOKEN set, Slack's answer to auth.test, as one line; true when Slack accepted the token. */
async function checkSlack(slack: SlackCheckConfig, config: DatadogConfig, io: CliIo, log: Log): Promise<boolean> {
  const answer = await checkSlackToken(slack, config.network, log);
  io.stdout.write(`${mrkdwnToTerminal(slackCheckLine(answer), { color: io.stdout.color })}\n`);
  return answer.status === 'pass';
}

/** Which Datadog is asked, in the words of the settings that chose it. */
function datadogAsked(datadog: Wired, config: DatadogConfig): string {
  return datadog.sample
    ? 'the embedded sample Datadog'
    : config.datadog.apiUrl
      ? `DD_API_URL ${new URL(config.datadog.apiUrl).origin}`
      : `DD_SITE *${config.datadog.site}*`;
}

async function check(datadog: Wired, config: DatadogConfig, io: CliIo): Promise<number> {
  io.stdout.write(
    `${mrkdwnToTerminal(`Checking Datadog at ${datadogAsked(datadog, config)}`, { color: io.stdout.color })}\n`,
  );
  const outcome = await checkDatadogHealth(datadog.client, config.datadog.site);
  io.stdout.write(`${mrkdwnToTerminal(healthCheckLines(outcome).join('\n'), { color: io.stdout.color })}\n`);
  return outcome.ok ? EXIT.found : EXIT.datadogError;
}

/** `--demo` alone: each sample workflow's runs, listed through the same lookup path, and the runs it does not know. */
async function listSamples({ lookup, sample }: Wired, io: CliIo): Promise<number> {
  const data = sample?.data ?? { workflows: [] };
  const lists = await Promise.all(
    data.workflows.map((workflow) => lookup.listRecentRuns(workflow.id, MAX_RECENT, { via: 'cli' })),
  );
  const text = sampleRunsText(lists, data.missingRuns ?? [], lookup.site);
  io.stdout.write(`${mrkdwnToTerminal(text, { color: io.stdout.color })}\n`);
  return lists.every((list) => list.result.ok) ? EXIT.found : EXIT.datadogError;
}

/** On a terminal, one line once Datadog has been silent for a second, so a slow answer is not taken for a hang. */
async function sayWhenSlow<T>(io: CliIo, asked: string, deadlineMs: number, answer: Promise<T>): Promise<T> {
  if (!io.stderr.terminal) return answer;
  const notice = `Asking Datadog at ${asked}… (giving up after ${Math.round(deadlineMs / 1000)} s)`;
  const timer = setTimeout(
    () => io.stderr.write(`${mrkdwnToTerminal(notice, { color: io.stderr.color })}\n`),
    WAITING_NOTICE_MS,
  );
  try {
    return await answer;
  } finally {
    clearTimeout(timer);
  }
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
    // Through the terminal presenter: the bot's reasons are mrkdwn, and a typed word may hold control characters.
    io.stderr.write(
      `dd-instance: ${mrkdwnToTerminal(request.reason, { color: io.stderr.color })}. See dd-instance --help\n`,
    );
    return EXIT.badUsage;
  }
  const demo = request.kind === 'samples' || request.demo;
  const loaded = loadDatadogConfig(demo ? { ...io.env, DD_DEMO: '1' } : io.env);
  const slack = request.kind === 'check' ? loadSlackCheckConfig(io.env) : undefined;
  const problems = [...(loaded.ok ? [] : loaded.problems), ...(slack && !slack.ok ? slack.problems : [])];
  if (!loaded.ok || problems.length > 0) {
    io.stderr.write(`${formatConfigProblems(problems)}\n`);
    return EXIT.badUsage;
  }
  loaded.warnings.forEach((warning) => {
    io.stderr.write(`warning: ${warning}\n`);
  });
  const acting = request.kind === 'cancel' || request.kind === 'run' ? request : undefined;
  const problem = acting && actUsageProblem(acting, loaded.config, io);
  if (problem) {
    io.stderr.write(`dd-instance: ${mrkdwnToTerminal(problem, { color: io.stderr.color })}\n`);
    return EXIT.badUsage;
  }
  const log = createLog('warn', (line) => io.stderr.write(`${line}\n`));
  const datadog = await wireLookup(loaded.config, { log });
  const mask = secretMask(secretValues(loaded.config));
  try {
    // An act asks its question on the terminal: no "waiting on Datadog" line may cut into it.
    if (request.kind === 'cancel' || request.kind === 'run')
      return await act(request, datadog, loaded.config, io, mask);
    const slow = <T>(answer: Promise<T>) =>
      sayWhenSlow(io, datadogAsked(datadog, loaded.config), loaded.config.datadog.deadlineMs, answer);
    if (request.kind === 'check') {
      const slackAccepted = slack?.ok ? await checkSlack(slack.config, loaded.config, io, log) : true;
      const datadogCode = await slow(check(datadog, loaded.config, io));
      return slackAccepted ? datadogCode : EXIT.datadogError;
    }
    return await slow(
      request.kind === 'samples'
        ? listSamples(datadog, io)
        : // Output may be pasted into a channel: Datadog's words never carry the keys there.
          lookUp(request, datadog, io, mask),
    );
  } finally {
    await datadog.close();
  }
}
