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
