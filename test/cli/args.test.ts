import { parseCliArgs } from '../../src/cli/args';

const WORKFLOW = '2f9c2a5e-5d8e-4c3e-9d5b-1b7f3c7a9e01';
const INSTANCE = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

test.each([
  ['--help wins over everything else', ['--json', '--help', WORKFLOW], { kind: 'help' }],
  ['--version', ['--version'], { kind: 'version' }],
  ['--check with --demo', ['--check', '--demo'], { kind: 'check', demo: true }],
  [
    'a run, as the bot would read it, with its output flags',
    [WORKFLOW, INSTANCE, '--json'],
    { kind: 'lookup', text: `${WORKFLOW} ${INSTANCE}`, json: true, demo: false, exitStatus: false },
  ],
  [
    '--last N, put back into the text the bot parses',
    [WORKFLOW, '--last=5', '--demo'],
    { kind: 'lookup', text: `${WORKFLOW} --last 5`, json: false, demo: true, exitStatus: false },
  ],
  [
    '--exit-status with one run',
    ['--exit-status', WORKFLOW, INSTANCE],
    { kind: 'lookup', text: `${WORKFLOW} ${INSTANCE}`, json: false, demo: false, exitStatus: true },
  ],
  ['--demo alone: the sample runs', ['--demo'], { kind: 'samples' }],
  [
    'cancel with --yes',
    ['cancel', WORKFLOW.toUpperCase(), INSTANCE, '-y'],
    { kind: 'cancel', ref: { workflowId: WORKFLOW, instanceId: INSTANCE }, yes: true, demo: false },
  ],
  [
    'run with inputs, each split at its first =',
    ['run', WORKFLOW, '--input', 'service=ledger-api', '--input=query=a=b', '--input', 'note='],
    {
      kind: 'run',
      workflowId: WORKFLOW,
      inputs: [
        { name: 'service', text: 'ledger-api' },
        { name: 'query', text: 'a=b' },
        { name: 'note', text: '' },
      ],
      yes: false,
      demo: false,
    },
  ],
])('%s', (_name, argv, request) => {
  expect(parseCliArgs(argv)).toEqual(request);
});

test('a refusal is a phrase for the CLI to put in its own line: no trailing full stop, no option value echoed', () => {
  expect(parseCliArgs(['not-an-id'])).toEqual({ kind: 'invalid', reason: expect.not.stringMatching(/\.$/) });
  expect(JSON.stringify(parseCliArgs(['--api-key=typed-by-mistake']))).not.toContain('typed-by-mistake');
});

test('every mistake is named in one refusal: each unknown option, each value given to a flag, and the words', () => {
  expect(parseCliArgs(['--foo', '--json=1', '--bar', 'oops', 'typo'])).toEqual({
    kind: 'invalid',
    reason: expect.stringMatching(
      /^unknown options --foo, --bar; --json takes no value; “oops” and “typo” are not workflow or instance IDs/,
    ),
  });
});

test.each([
  ['cancel without an instance', ['cancel', WORKFLOW], /cancel takes a workflow ID and an instance ID/],
  ['run with two workflows', ['run', WORKFLOW, INSTANCE], /run takes one workflow ID/],
  ['an input without =', ['run', WORKFLOW, '--input', 'service'], /--input takes name=value/],
  ['an input given twice', ['run', WORKFLOW, '--input', 'a=1', '--input', 'a=2'], /--input a is given twice/],
  ['--json on an act', ['cancel', WORKFLOW, INSTANCE, '--json'], /cancel takes only --yes, --demo$/],
  ['--input on cancel', ['cancel', WORKFLOW, INSTANCE, '--input', 'a=1'], /cancel takes no --input/],
  ['--yes on a lookup', [WORKFLOW, INSTANCE, '--yes'], /--yes and --input go with cancel and run/],
])('%s is refused by name', (_name, argv, reason) => {
  expect(parseCliArgs(argv)).toEqual({ kind: 'invalid', reason: expect.stringMatching(reason) });
});
