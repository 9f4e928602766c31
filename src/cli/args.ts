import { parseArgs } from 'node:util';
import { MAX_RECENT, parseCommandText } from '../core/commandText';
import { isUuid, type RunRef } from '../core/run';

/** What `dd-instance …` on the command line asks for. The IDs themselves are parsed as the bot parses them. */
export type CliRequest =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; demo: boolean }
  /** `--demo` alone: list the sample runs to try. */
  | { kind: 'samples' }
  | { kind: 'lookup'; text: string; json: boolean; demo: boolean; exitStatus: boolean }
  /** `cancel <wf> <inst>`: `yes` skips the question asked on a terminal. */
  | { kind: 'cancel'; ref: RunRef; yes: boolean; demo: boolean }
  /** `run <wf> [--input name=value …]`: each value typed as the workflow declares its input. */
  | { kind: 'run'; workflowId: string; inputs: Array<{ name: string; text: string }>; yes: boolean; demo: boolean }
  | { kind: 'invalid'; reason: string };

const OPTIONS = {
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  check: { type: 'boolean' },
  'exit-status': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  last: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  input: { type: 'string', multiple: true },
} as const;
export const CLI_USAGE = `dd-instance: a Datadog Workflow Automation run in the terminal, the same answer the Slack bot gives.

Usage:
  dd-instance <workflow_id> <instance_id>   one run
  dd-instance '<run link>'                  a Datadog run link, like https://app.datadoghq.com/workflow/<workflow_id>?instance=<instance_id>
  dd-instance <workflow_id> [--last N]      the workflow's most recent runs (10, or N up to ${MAX_RECENT})
  dd-instance --check                       check DD_API_KEY, DD_APP_KEY and DD_SITE against Datadog (and SLACK_BOT_TOKEN against
                                            Slack when set), and say which part fails and why
  dd-instance cancel <workflow_id> <instance_id> [--yes]
                                            cancel a running run (needs ACTIONS_ENABLED=1)
  dd-instance run <workflow_id> [--input name=value …] [--yes]
                                            start a run; inputs left out take their defaults (needs ACTIONS_ENABLED=1)

Options:
  --json          print the Slack Block Kit payload {text, blocks} instead of text
  --exit-status   exit with the run's state: 0 succeeded, 1 failed or canceled, 8 still running
  --demo          answer from the embedded sample Datadog (sample data; no keys, no network);
                  alone, list the sample runs
  --input name=value  an input of the new run (run), typed as the workflow declares it: JSON for objects and arrays
  -y, --yes       act without asking first; required when stdin is not a terminal (cancel, run)
  --version       print dd-instance's version
  -h, --help
  --              ends the options; what follows is IDs or a link

Settings, from the environment or .env: DD_API_KEY, DD_APP_KEY, DD_SITE (default datadoghq.com), DD_API_URL.
Exit codes: 0 found, 1 a Datadog-side error (not found, refused, unreachable…), 2 bad usage or settings
(a link for another Datadog site than DD_SITE included); with --exit-status, 1 also for a failed or
canceled run and 8 for one still running.
`;

const invalid = (reason: string): CliRequest => ({ kind: 'invalid', reason });

const ACTS = new Set(['cancel', 'run']);

/** `name=value`: the name is everything before the first `=`. */
function inputOf(word: string): { name: string; text: string } | undefined {
  const at = word.indexOf('=');
  return at > 0 ? { name: word.slice(0, at), text: word.slice(at + 1) } : undefined;
}

/** `cancel <wf> <inst>` or `run <wf> [--input name=value …]`: only --yes, --demo and (run) --input go with them. */
function actRequestFor(values: Values, [act, ...ids]: string[]): CliRequest {
  const yes = values.yes === true;
  const demo = values.demo === true;
  if (values.json || values.check || values['exit-status'] || values.last !== undefined)
    return invalid(`${act} takes only --yes, --demo${act === 'run' ? ' and --input' : ''}`);
  const words = (values.input ?? []) as string[];
  if (act === 'cancel') {
    if (words.length > 0) return invalid('cancel takes no --input');
    const [workflowId, instanceId, ...extra] = ids;
    if (!workflowId || !instanceId || extra.length > 0 || !isUuid(workflowId) || !isUuid(instanceId))
      return invalid(
        'cancel takes a workflow ID and an instance ID, as in dd-instance cancel <workflow_id> <instance_id>',
      );
    return {
      kind: 'cancel',
      ref: { workflowId: workflowId.toLowerCase(), instanceId: instanceId.toLowerCase() },
      yes,
      demo,
    };
  }
  const [workflowId, ...extra] = ids;
  if (!workflowId || extra.length > 0 || !isUuid(workflowId))
    return invalid('run takes one workflow ID, as in dd-instance run <workflow_id> --input name=value');
  const inputs = words.map(inputOf);
  if (inputs.some((input) => input === undefined)) return invalid('--input takes name=value');
  const given = inputs as Array<{ name: string; text: string }>;
  const twice = given.find((input, index) => given.findIndex((other) => other.name === input.name) !== index);
  if (twice) return invalid(`--input ${twice.name} is given twice`);
  return { kind: 'run', workflowId: workflowId.toLowerCase(), inputs: given, yes, demo };
}

/** `--last`'s value: a whole number of runs from 1 to MAX_RECENT, or undefined when it is anything else. */
function recentCount(value: string | boolean | undefined): number | undefined {
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return count >= 1 && count <= MAX_RECENT ? count : undefined;
}

/** Every option typed wrong, each named: only the name is echoed, as a value after `=` could be a key typed by mistake. */
function optionProblems(tokens: ReturnType<typeof parseArgs>['tokens'] = []): string[] {
  const unknown: string[] = [];
  const valued: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!Object.hasOwn(OPTIONS, token.name)) unknown.push(token.rawName);
    else if (OPTIONS[token.name as keyof typeof OPTIONS].type === 'boolean' && token.inlineValue)
      valued.push(token.rawName);
  }
  return [
    ...(unknown.length > 0 ? [`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`] : []),
    ...valued.map((name) => `${name} takes no value`),
  ];
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: false }>>['values'];

/** What the options and words ask for, once the options themselves are known to be right. */
function requestFor(values: Values, positionals: string[]): CliRequest {
  if (positionals.some((word) => word.trim() === ''))
    return invalid('an argument is empty: give a workflow ID and an instance ID, or a run link');
  if (ACTS.has(positionals[0] ?? '')) return actRequestFor(values, positionals);
  if (values.yes || values.input !== undefined) return invalid('--yes and --input go with cancel and run');
  const demo = values.demo === true;
  const json = values.json === true;
  const exitStatus = values['exit-status'] === true;
  if (values.check) {
    return positionals.length > 0 || json || exitStatus || values.last !== undefined
      ? invalid('--check takes no IDs, no --json, no --exit-status and no --last')
      : { kind: 'check', demo };
  }
  const last = values.last === undefined ? undefined : recentCount(values.last);
  if (values.last !== undefined && last === undefined)
    return invalid(`--last takes a number of runs from 1 to ${MAX_RECENT}`);
  if (positionals.length === 0) {
    if (last !== undefined)
      return invalid(
        "--last N lists a workflow's recent runs: give the workflow ID too, as in dd-instance <workflow_id> --last N",
      );
    if (!demo) return invalid('give a workflow ID and an instance ID, or a run link');
    return json || exitStatus
      ? invalid('--demo alone lists the sample runs as text: --json and --exit-status go with IDs or a link')
      : { kind: 'samples' };
  }
  const text = last === undefined ? positionals.join(' ') : `${positionals.join(' ')} --last ${last}`;
  const request = parseCommandText(text);
  if (request.kind === 'help') return { kind: 'help' };
  // The bot's reasons are sentences; the CLI prints them inside its own line.
  if (request.kind === 'invalid') return invalid(request.reason.replace(/\.$/, ''));
  if (exitStatus && request.kind !== 'run')
    return invalid('--exit-status goes with one run: give a workflow ID and an instance ID, or a run link');
  return { kind: 'lookup', text, json, demo, exitStatus };
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
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const problems = optionProblems(tokens);
  const request = requestFor(values, positionals);
  if (problems.length === 0) return request;
  // Every mistake at once: the words after the options are checked too.
  return invalid([...problems, ...(request.kind === 'invalid' ? [request.reason] : [])].join('; '));
}
