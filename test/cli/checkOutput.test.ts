import { type SampleDatadog, type ScriptedReply, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { runChild } from '../support/child';

/** `dd-instance --check` prints exactly these bytes in each case: the check's move into core must not change them. */

const KEYS = { apiKey: 'check-api-key', appKey: 'check-app-key' };
const VALIDATE_PATH = '/api/v1/validate';
const APP_KEY_PATH = '/api/v2/workflows/00000000-0000-0000-0000-000000000000';
const BAD_REQUEST: ScriptedReply = { status: 400, body: { errors: ['Bad Request'] } };

interface Case {
  env?: Record<string, string>;
  args?: string[];
  script?: Array<[string, ScriptedReply]>;
  /** Points DD_API_URL at a port nothing listens on. */
  closed?: boolean;
}

const CASES: Record<string, Case> = {
  'good keys': {},
  'a wrong API key': { env: { DD_API_KEY: 'wrong' } },
  'a wrong application key': { env: { DD_APP_KEY: 'wrong' } },
  'an API key Datadog calls not valid': { script: [[VALIDATE_PATH, { body: { valid: false } }]] },
  'Datadog failing on the API key check': { script: [[VALIDATE_PATH, BAD_REQUEST]] },
  'Datadog failing on the application key check': { script: [[APP_KEY_PATH, BAD_REQUEST]] },
  'an application key that finds the impossible workflow': {
    script: [[APP_KEY_PATH, { body: { data: { id: '00000000-0000-0000-0000-000000000000', attributes: {} } } }]],
  },
  'a Datadog that does not answer in time': { script: [[VALIDATE_PATH, { hang: true }]] },
  'an unreachable Datadog': { closed: true },
  '--demo': { args: ['--demo'] },
};

const servers: SampleDatadog[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Each case on its own sample Datadog. */
async function runCase({ env = {}, args = [], script = [], closed = false }: Case) {
  const datadog = await startSampleDatadog({ keys: KEYS });
  if (closed) await datadog.close();
  else servers.push(datadog);
  for (const [path, reply] of script) datadog.script(path, reply);
  const run = await runChild('cli/index.js', ['--check', ...args], {
    DD_API_KEY: KEYS.apiKey,
    DD_APP_KEY: KEYS.appKey,
    DD_API_URL: datadog.url,
    DD_TIMEOUT_MS: '500',
    DD_DEADLINE_MS: '1500',
    ...env,
  });
  // The sample Datadog's port changes from run to run.
  return { code: run.code, stdout: run.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT'), stderr: run.stderr };
}

test('every outcome of --check prints the same bytes as before', async () => {
  const outputs: Record<string, Awaited<ReturnType<typeof runCase>>> = {};
  // One at a time: ten CLIs at once on a loaded 2-core machine outlive the child time limit.
  for (const [name, testCase] of Object.entries(CASES)) outputs[name] = await runCase(testCase);
  // A killed child (code -1, no output) must never be taken for the CLI's own answer.
  expect(Object.values(outputs).filter((run) => run.code === -1)).toEqual([]);
  expect(outputs).toMatchSnapshot();
}, 180_000);
