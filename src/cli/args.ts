/** What `dd-instance …` on the command line asks for. The IDs themselves are parsed as the bot parses them. */
export type CliRequest =
  | { kind: 'help' }
  | { kind: 'check'; demo: boolean }
  | { kind: 'lookup'; text: string; json: boolean; demo: boolean }
  | { kind: 'invalid'; reason: string };

const OPTIONS = ['--json', '--demo', '--check', '--help', '-h'];
// `--last N` belongs to the lookup text, as in Slack.
const LOOKUP_OPTION = /^--?last(?:=|$)/i;

export const CLI_USAGE = `dd-instance: a Datadog Workflow Automation run in the terminal, the same answer the Slack bot gives.

Usage:
  dd-instance <workflow_id> <instance_id>   one run
  dd-instance '<run link>'                  a Datadog run link, like https://app.datadoghq.com/workflow/<workflow_id>?instance=<instance_id>
  dd-instance <workflow_id> [--last N]      the workflow's most recent runs (10, or N up to 25)
  dd-instance --check                       check DD_API_KEY, DD_APP_KEY and DD_SITE against Datadog, and say which part fails

Options:
  --json    print the Slack Block Kit payload {text, blocks} instead of text
  --demo    answer from the embedded sample Datadog (sample data; no keys, no network)
  -h, --help

Settings, from the environment or .env: DD_API_KEY, DD_APP_KEY, DD_SITE (default datadoghq.com), DD_API_URL.
Exit codes: 0 found, 1 a Datadog-side error (not found, refused, unreachable…), 2 bad usage or settings.
`;

export function parseCliArgs(argv: string[]): CliRequest {
  const options = new Set<string>();
  const words: string[] = [];
  for (const arg of argv) {
    if (OPTIONS.includes(arg)) options.add(arg);
    else if (!arg.startsWith('-') || LOOKUP_OPTION.test(arg)) words.push(arg);
    // Only the option's name is echoed: a value after `=` could be a key typed by mistake.
    else return { kind: 'invalid', reason: `unknown option ${arg.split('=')[0]}` };
  }
  const demo = options.has('--demo');
  if (options.has('--help') || options.has('-h')) return { kind: 'help' };
  if (options.has('--check')) {
    return words.length > 0 || options.has('--json')
      ? { kind: 'invalid', reason: '--check takes no IDs and no --json' }
      : { kind: 'check', demo };
  }
  if (words.length === 0) return { kind: 'invalid', reason: 'give a workflow ID and an instance ID, or a run link' };
  return { kind: 'lookup', text: words.join(' '), json: options.has('--json'), demo };
}
