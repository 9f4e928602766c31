import { type CliIo, EXIT, runCli } from '../../src/cli/main';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { runChild } from '../support/child';

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const RUNNING = 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b';
const ENDED = 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b';
const EXECUTE_PATH = `/api/v2/workflows/${WF}/instances`;
const CANCEL_PATH = `${EXECUTE_PATH}/${RUNNING}/cancel`;

let datadog: SampleDatadog;
beforeAll(async () => {
  datadog = await startSampleDatadog();
});
afterAll(async () => {
  await datadog.close();
});

function settings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DD_API_KEY: 'cli-api-key',
    DD_APP_KEY: 'cli-app-key',
    DD_API_URL: datadog.url,
    DD_TIMEOUT_MS: '500',
    DD_DEADLINE_MS: '2000',
    ACTIONS_ENABLED: '1',
    ...overrides,
  };
}

const writes = (method: string, path: string) =>
  datadog.requests.filter((request) => request.method === method && request.path === path);

/** The CLI in this process, on a terminal whose person answers `answer` to every question. */
function onTerminal(answer: string): { io: CliIo; written: { stdout: string; stderr: string; asked: string[] } } {
  const written = { stdout: '', stderr: '', asked: [] as string[] };
  const io: CliIo = {
    env: settings(),
    stdout: { write: (text) => (written.stdout += text), color: false, terminal: true },
    stderr: { write: (text) => (written.stderr += text), color: false, terminal: true },
    stdin: {
      terminal: true,
      ask: async (question) => {
        written.asked.push(question);
        return answer;
      },
    },
  };
  return { io, written };
}

describe('the built CLI, piped', () => {
  test('cancel --yes cancels the running sample run: 1 PUT, exit 0, and an audit line on stderr', async () => {
    const run = await runChild('cli/index.js', ['cancel', WF, RUNNING, '--yes'], settings());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Datadog took the cancel');
    expect(writes('PUT', CANCEL_PATH)).toHaveLength(1);
    expect(JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({
      audit: 'act',
      action: 'cancel',
      via: 'cli',
      outcome: 'done',
      instance: RUNNING,
    });
  });

  test('cancel of an ended run gets the words for it and exit 1', async () => {
    const run = await runChild('cli/index.js', ['cancel', WF, ENDED, '--yes'], settings());
    expect(run.code).toBe(EXIT.datadogError);
    expect(run.stdout).toContain('Datadog has no running run to cancel');
  });

  test('run --yes --input starts one run with exactly those typed inputs and prints its link', async () => {
    const run = await runChild(
      'cli/index.js',
      ['run', WF, '--input', 'service=ledger-api', '--input', 'revisions=2', '--input', 'dryRun=true', '--yes'],
      settings(),
    );
    expect(run.code).toBe(0);
    const posts = writes('POST', EXECUTE_PATH);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? '')).toEqual({
      meta: { payload: { service: 'ledger-api', revisions: 2, dryRun: true } },
    });
    expect(run.stdout).toContain('Started a new run');
    expect(run.stdout).toMatch(new RegExp(`/workflow/${WF}\\?instance=[0-9a-f-]{36}`));
    expect(run.stderr).toContain('"inputs":["service","revisions","dryRun"]');
    expect(run.stderr).not.toContain('ledger-api');
  });

  test('an input the workflow does not declare, or of the wrong type, is named, nothing is started, exit 2', async () => {
    const before = writes('POST', EXECUTE_PATH).length;
    const run = await runChild(
      'cli/index.js',
      ['run', WF, '--input', 'nope=1', '--input', 'regions=[1]', '--input', 'dryRun=maybe', '--yes'],
      settings(),
    );
    expect(run.code).toBe(EXIT.badUsage);
    expect(run.stderr).toContain('the workflow declares no input nope (it takes service, revisions, dryRun, regions)');
    expect(run.stderr).toContain('--input dryRun takes true or false');
    expect(run.stderr).toContain('--input regions: Item 1 is not a text in quotes');
    expect(writes('POST', EXECUTE_PATH)).toHaveLength(before);
  });

  test('without --yes and no terminal, each is refused with the usage exit code and no write', async () => {
    const before = datadog.requests.length;
    for (const args of [
      ['cancel', WF, RUNNING],
      ['run', WF],
    ]) {
      const run = await runChild('cli/index.js', args, settings());
      expect(run.code).toBe(EXIT.badUsage);
      expect(run.stderr).toContain('add --yes');
    }
    expect(datadog.requests.length).toBe(before);
  });

  test('with ACTIONS_ENABLED off, each is refused by that name, exit 2, no request at all', async () => {
    const before = datadog.requests.length;
    const run = await runChild('cli/index.js', ['cancel', WF, RUNNING, '--yes'], settings({ ACTIONS_ENABLED: '0' }));
    expect(run.code).toBe(EXIT.badUsage);
    expect(run.stderr).toContain('needs ACTIONS_ENABLED=1');
    expect(datadog.requests.length).toBe(before);
  });
});

describe('on a terminal', () => {
  beforeEach(() => datadog.reset());

  test('the question names the run; anything but yes changes nothing', async () => {
    const { io, written } = onTerminal('n');
    expect(await runCli(['run', WF, '--input', 'service=ledger-api'], io)).toBe(EXIT.datadogError);
    expect(written.asked).toEqual(['Start a run of Roll back payments-api on elevated 5xx with service? [y/N] ']);
    expect(written.stderr).toContain('nothing was started');
    expect(writes('POST', EXECUTE_PATH)).toHaveLength(0);
  });

  test('yes goes ahead', async () => {
    const { io, written } = onTerminal('y');
    expect(await runCli(['run', WF], io)).toBe(0);
    expect(written.asked).toEqual([
      'Start a run of Roll back payments-api on elevated 5xx with the default inputs? [y/N] ',
    ]);
    expect(JSON.parse(writes('POST', EXECUTE_PATH)[0]?.body ?? '')).toEqual({ meta: { payload: {} } });
  });
});
