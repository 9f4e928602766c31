import { parseArgs } from 'node:util';
import { MAX_RECENT, parseCommandText } from '../core/commandText';

/** What `dd-instance …` on the command line asks for. The IDs themselves are parsed as the bot parses them. */
export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; demo: boolean }
  | { kind: 'lookup'; text: string; json: boolean; demo: boolean }
  | { kind: 'invalid'; reason: string };

const OPTIONS = {
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  check: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  last: { type: 'string' },
} as const;

export const CLI_USAGE = `dd-instance: a Datadog Workflow Automation run in the terminal, the same answer the Slack bot gives.

Usage:
  dd-instance <workflow_id> <instance_id>   one run
  dd-instance '<run link>'                  a Datadog run link, like https://app.datadoghq.com/workflow/<workflow_id>?instance=<instance_id>
  dd-instance <workflow_id> [--last N]      the workflow's most recent runs (10, or N up to ${MAX_RECENT})
  dd-instance --check                       check DD_API_KEY, DD_APP_KEY and DD_SITE against Datadog (and SLACK_BOT_TOKEN against
                                            Slack when set), and say which part fails and why

Options:
  --json      print the Slack Block Kit payload {text, blocks} instead of text
  --demo      answer from the embedded sample Datadog (sample data; no keys, no network)
  --version   print dd-instance's version
  -h, --help
  --          ends the options; what follows is IDs or a link

Settings, from the environment or .env: DD_API_KEY, DD_APP_KEY, DD_SITE (default datadoghq.com), DD_API_URL.
Exit codes: 0 found, 1 a Datadog-side error (not found, refused, unreachable…), 2 bad usage or settings.
`;

const invalid = (reason: string): CliRequest => ({ kind: 'invalid', reason });

/** `--last`'s value: a whole number of runs from 1 to MAX_RECENT, or undefined when it is anything else. */
function recentCount(value: string | boolean | undefined): number | undefined {
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return count >= 1 && count <= MAX_RECENT ? count : undefined;
}

export function parseCliArgs(argv: string[]): CliRequest {
  // Not strict: unknown options are reported below by name, in the CLI's own words.
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    // Only the option's name is echoed: a value after `=` could be a key typed by mistake.
    if (!Object.hasOwn(OPTIONS, token.name)) return invalid(`unknown option ${token.rawName}`);
    if (OPTIONS[token.name as keyof typeof OPTIONS].type === 'boolean' && token.inlineValue)
      return invalid(`${token.rawName} takes no value`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.some((word) => word.trim() === ''))
    return invalid('an argument is empty: give a workflow ID and an instance ID, or a run link');
  const demo = values.demo === true;
  if (values.check) {
    return positionals.length > 0 || values.json || values.last !== undefined
      ? invalid('--check takes no IDs, no --json and no --last')
      : { kind: 'check', demo };
  }
  const last = values.last === undefined ? undefined : recentCount(values.last);
  if (values.last !== undefined && last === undefined)
    return invalid(`--last takes a number of runs from 1 to ${MAX_RECENT}`);
  if (positionals.length === 0) {
    return invalid(
      last === undefined
        ? 'give a workflow ID and an instance ID, or a run link'
        : "--last N lists a workflow's recent runs: give the workflow ID too, as in dd-instance <workflow_id> --last N",
    );
  }
  const text = last === undefined ? positionals.join(' ') : `${positionals.join(' ')} --last ${last}`;
  const request = parseCommandText(text);
  if (request.kind === 'help') return { kind: 'help' };
  // The bot's reasons are sentences; the CLI prints them inside its own line.
  if (request.kind === 'invalid') return invalid(request.reason.replace(/\.$/, ''));
  return { kind: 'lookup', text, json: values.json === true, demo };
}
