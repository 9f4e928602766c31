import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliIo, EXIT, runCli } from '../../src/cli/main';
import { blockKitProblems } from '../../src/render/limits';
import { SAMPLE_DATA, type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { type FinishedChild, runChild } from '../support/child';
import { instancePath, lookupPaths } from '../support/fixtures';
import { freePort } from '../support/freePort';
import { startSlackStandIn } from '../support/slackStandIn';

const KEYS = { apiKey: 'cli-api-key-never-shown', appKey: 'cli-app-key-never-shown' };
const FAILED = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
};
const MISSING = { ...FAILED, instanceId: 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b' };
const RUNNING = { ...FAILED, instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b' };
const SUCCEEDED = { ...FAILED, instanceId: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b' };
const CANCELED = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
};
const runLink = (run: { workflowId: string; instanceId: string }, host = 'app.datadoghq.com') =>
  `https://${host}/workflow/${run.workflowId}?instance=${run.instanceId}`;
/** The sample workflow with 20 runs, 4 failed; its latest run failed after 12m 10s. */
const HISTORY = {
  workflowId: '9d3e5f70-1b2c-4d3e-8f4a-5b6c7d8e9f01',
  instanceId: 'b2c3d4e5-0001-4f6a-8b7c-1d2e3f4a5b6c',
};

let datadog: SampleDatadog;
const outputs: FinishedChild[] = [];

beforeAll(async () => {
  datadog = await startSampleDatadog({ keys: KEYS });
});
afterAll(async () => {
  await datadog.close();
});
beforeEach(() => datadog.reset());

function settings(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DD_API_KEY: KEYS.apiKey,
    DD_APP_KEY: KEYS.appKey,
    DD_API_URL: datadog.url,
    DD_TIMEOUT_MS: '500',
    DD_DEADLINE_MS: '2000',
    ...overrides,
  };
}

async function cli(args: string[], env = settings()): Promise<FinishedChild> {
  const run = await runChild('cli/index.js', args, env);
  outputs.push(run);
  return run;
}

describe('a lookup', () => {
  test('a found run exits 0 with status, steps, error and link', async () => {
    const run = await cli([FAILED.workflowId, FAILED.instanceId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Roll back payments-api on elevated 5xx');
    expect(run.stdout).toContain('Status: ❌ Failed');
    expect(run.stdout).toContain('❌ Rollback_deployment error');
    expect(run.stdout).toContain('cannot patch resource');
    expect(run.stdout).toContain(
      `→ Open in Datadog: https://app.datadoghq.com/workflow/${FAILED.workflowId}?instance=${FAILED.instanceId}`,
    );
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toContain('1 of the last 3 runs failed');
    expect(lookupPaths(datadog.requests)).toEqual([instancePath(FAILED)]);
  });

  test("a run of a workflow with 20 runs shows its history line, and the workflow's recent runs their states", async () => {
    const run = await cli([HISTORY.workflowId, HISTORY.instanceId]);
    expect(run.stdout).toContain('4 of the last 20 runs failed · usually 1m 30s · this one 12m 10s, 8× the usual');
    const recent = await cli([HISTORY.workflowId, '--last', '6']);
    expect(recent.stdout).toContain('❌✅✅❌✅🚫 · median 1m 29s');
  });

  test('a workflow ID alone lists its recent runs and exits 0; an unknown workflow exits 1', async () => {
    const run = await cli([FAILED.workflowId, '--last', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Roll back payments-api on elevated 5xx');
    expect(datadog.requests.map((request) => request.path)).toContain(
      `/api/v2/workflows/${FAILED.workflowId}/instances?page%5Bsize%5D=2&page%5Bnumber%5D=0`,
    );
    const unknown = await cli(['0233a3b7-b7ba-425e-a8cc-375ca2020b5b']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('Workflow not found');
  });

  test('a pasted run link works too', async () => {
    const run = await cli([`https://app.datadoghq.com/workflow/${FAILED.workflowId}?instance=${FAILED.instanceId}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Status: ❌ Failed');
  });

  test("a run Datadog does not know exits 1 with the bot's not-found message", async () => {
    const run = await cli([MISSING.workflowId, MISSING.instanceId]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('🔍 Run not found');
    expect(run.stdout).toContain('check the instance ID');
  });

  test('Datadog failing exits 1 with a clear message and no raw HTML', async () => {
    datadog.script(instancePath(FAILED), { status: 503, raw: '<html><body>Service Unavailable</body></html>' });
    const run = await cli([FAILED.workflowId, FAILED.instanceId]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Datadog is having trouble');
    expect(run.stdout + run.stderr).not.toContain('<html>');
  });

  test('keys Datadog refuses exit 1 and tell the person at the terminal to check workflows_read with --check', async () => {
    const run = await cli([FAILED.workflowId, FAILED.instanceId], settings({ DD_APP_KEY: 'some-other-app-key' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Datadog refused DD_API_KEY and DD_APP_KEY');
    expect(run.stdout).toContain('DD_APP_KEY needs the workflows_read permission');
    expect(run.stdout).toContain('Check with dd-instance --check.');
  });

  test('an unreachable Datadog exits 1, saying what to check on this machine', async () => {
    const closed = await startSampleDatadog();
    await closed.close();
    const run = await cli([FAILED.workflowId, FAILED.instanceId], settings({ DD_API_URL: closed.url }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('🔌 dd-instance could not reach Datadog');
    expect(run.stdout).toContain(
      'failed: the connection was refused (ECONNREFUSED). Next: check DD_SITE and DD_API_URL, or the proxy in HTTPS_PROXY.',
    );
  });

  test('a run link for another Datadog site than DD_SITE is a usage error (2), naming both sites and the fix', async () => {
    const run = await cli([runLink(FAILED, 'app.datadoghq.eu')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      'This link is for datadoghq.eu, but DD_SITE is datadoghq.com, so it was not looked up',
    );
    expect(run.stdout).toContain('run dd-instance with DD_SITE=datadoghq.eu and keys of that site');
    expect(datadog.requests).toHaveLength(0);
  });

  test('--demo answers from the sample Datadog with no keys at all', async () => {
    const run = await cli(['--demo', FAILED.workflowId, FAILED.instanceId], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Status: ❌ Failed');
    expect(run.stdout).toContain('🧪 Sample data from the embedded sample Datadog');
    expect(datadog.requests).toHaveLength(0);
  });
});

describe('--exit-status', () => {
  test.each([
    ['succeeded', SUCCEEDED, EXIT.found, 'Status: ✅ Succeeded'],
    ['failed', FAILED, EXIT.runFailed, 'Status: ❌ Failed'],
    ['canceled', CANCELED, EXIT.runFailed, 'Status: 🚫 Canceled'],
    ['still running', RUNNING, EXIT.stillRunning, 'Status: ⏳ Running'],
  ])('a run that %s exits %i, still printing the run', async (_state, ref, code, status) => {
    const run = await cli(['--exit-status', ref.workflowId, ref.instanceId]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain(status);
  });

  test('the same runs without it exit 0: found is all that is asked', async () => {
    for (const ref of [FAILED, CANCELED, RUNNING]) {
      expect((await cli([ref.workflowId, ref.instanceId])).code).toBe(EXIT.found);
    }
  });

  test('a run link works with it, and a run Datadog does not know still exits 1', async () => {
    expect((await cli(['--exit-status', runLink(RUNNING)])).code).toBe(8);
    expect((await cli(['--exit-status', MISSING.workflowId, MISSING.instanceId])).code).toBe(1);
  });
});

describe('--demo alone', () => {
  test('lists every sample run with its IDs and the state it shows, and exits 0', async () => {
    const run = await cli(['--demo'], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Sample runs in the embedded sample Datadog');
    expect(run.stdout).toContain('dd-instance --demo <workflow_id> <instance_id>');
    for (const workflow of SAMPLE_DATA.workflows) {
      expect(run.stdout).toContain(`${workflow.name} · workflow ${workflow.id}`);
    }
    expect(run.stdout).toContain(`❌ Failed: run ${FAILED.instanceId}`);
    expect(run.stdout).toContain(`⏳ Running: run ${RUNNING.instanceId}`);
    expect(run.stdout).toContain(`✅ Succeeded: run ${SUCCEEDED.instanceId}`);
    expect(run.stdout).toContain(`🚫 Canceled: run ${CANCELED.instanceId}`);
    expect(run.stdout).toContain(`🔍 Not found: run ${MISSING.instanceId}, a run ID that Datadog does not know`);
    expect(datadog.requests).toHaveLength(0);
  });
});

describe('--json', () => {
  test.each([
    ['a found run', [FAILED.workflowId, FAILED.instanceId], 0],
    ['a missing run', [MISSING.workflowId, MISSING.instanceId], 1],
  ])('prints the Block Kit payload of %s, within the limits', async (_name, args, code) => {
    const run = await cli(['--json', ...args]);
    expect(run.code).toBe(code);
    const payload = JSON.parse(run.stdout) as { text: string; blocks: unknown[] };
    expect(Object.keys(payload)).toEqual(code === 0 ? ['text', 'blocks', 'history'] : ['text', 'blocks']);
    expect(blockKitProblems(payload)).toEqual([]);
  });

  test("a found run's history: the listed runs' states newest first, the failures, the usual duration", async () => {
    const run = await cli(['--json', HISTORY.workflowId, HISTORY.instanceId]);
    const { history } = JSON.parse(run.stdout) as { history: { states: string[]; failed: number; usualMs: number } };
    expect(history.states).toHaveLength(20);
    expect(history.states[0]).toBe('STEP_ERROR');
    expect(history.failed).toBe(4);
    expect(history.usualMs).toBe(90_000);
  });
});

describe('usage', () => {
  test.each([['--help'], ['-h'], ['help']])('%s exits 0 with the CLI usage on stdout', async (arg) => {
    const run = await cli([arg]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dd-instance <workflow_id> <instance_id>');
    expect(run.stdout).toContain('--check');
    expect(run.stdout).not.toContain('/dd-instance');
    expect(run.stderr).toBe('');
  });

  test('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.stderr).toBe('');
  });

  test('-- ends the options: the IDs after it are looked up', async () => {
    const run = await cli(['--', FAILED.workflowId, FAILED.instanceId]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Status: ❌ Failed');
  });

  test.each([
    ['nothing', [], 'give a workflow ID and an instance ID'],
    ['an empty argument', [''], 'an argument is empty'],
    ['an empty argument after an ID', [FAILED.workflowId, ' '], 'an argument is empty'],
    ['a word that is no ID', ['not-an-id'], '“not-an-id” is not a workflow or instance ID'],
    ['an option after --, taken as a word', ['--', '--json'], '“--json” is not a workflow or instance ID'],
    ['a link that is not a run', ['https://example.com/x'], 'is not a link to a Datadog workflow run'],
    ['an unknown option, without its value', ['--api-key=typed-by-mistake'], 'unknown option --api-key'],
    [
      'a value for an option that takes none',
      ['--json=typed-by-mistake', FAILED.workflowId, FAILED.instanceId],
      '--json takes no value',
    ],
    [
      '--last out of range',
      [FAILED.workflowId, '--last', '99'],
      'dd-instance: --last takes a number of runs from 1 to 25',
    ],
    ['--last 0', [FAILED.workflowId, '--last=0'], '--last takes a number of runs from 1 to 25'],
    ['--last that is no number', [FAILED.workflowId, '--last', 'many'], '--last takes a number of runs from 1 to 25'],
    ['--last without its number', [FAILED.workflowId, '--last'], '--last takes a number of runs from 1 to 25'],
    ['--last N alone', ['--last', '5'], "--last N lists a workflow's recent runs: give the workflow ID too"],
    [
      '--last with a run',
      [FAILED.workflowId, FAILED.instanceId, '--last', '5'],
      '--last goes with a workflow ID alone',
    ],
    ['two words that are no IDs, both named', ['wf-1', 'run-2'], '“wf-1” and “run-2” are not workflow or instance IDs'],
    [
      'two unknown options and a bad ID, all named',
      ['--foo', '--bar=typed-by-mistake', 'oops'],
      'dd-instance: unknown options --foo, --bar; “oops” is not a workflow or instance ID: both are UUIDs',
    ],
    [
      '--exit-status with a workflow alone',
      ['--exit-status', FAILED.workflowId],
      '--exit-status goes with one run: give a workflow ID and an instance ID, or a run link',
    ],
    [
      '--exit-status with a value',
      ['--exit-status=typed-by-mistake', FAILED.workflowId, FAILED.instanceId],
      '--exit-status takes no value',
    ],
    ['--demo --json and no IDs', ['--demo', '--json'], '--demo alone lists the sample runs as text'],
    [
      'an instance ID without its workflow',
      [`instance=${FAILED.instanceId}`],
      'An instance ID needs its workflow ID too',
    ],
    ['--check with IDs', ['--check', FAILED.workflowId], '--check takes no IDs'],
  ])(
    '%s exits 2 and says what was wrong, with the CLI help hint, asking Datadog nothing',
    async (_name, args, message) => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).toMatch(/\. See dd-instance --help\n$/);
      expect(run.stderr).not.toContain('/dd-instance');
      expect(run.stderr).not.toContain('`');
      expect(run.stdout + run.stderr).not.toContain('typed-by-mistake');
      expect(datadog.requests).toHaveLength(0);
    },
  );

  test('missing and bad settings exit 2, naming each variable but never a value', async () => {
    const run = await cli([FAILED.workflowId, FAILED.instanceId], {
      DD_SITE: 'datadoghq.secret-site',
      DD_API_URL: datadog.url,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DD_API_KEY is required');
    expect(run.stderr).toContain('DD_APP_KEY is required');
    expect(run.stderr).toContain('DD_SITE must be one of');
    expect(run.stderr).not.toContain('secret-site');
    expect(datadog.requests).toHaveLength(0);
  });
});

describe('--check', () => {
  test('passes with good keys: reachable, API key valid, app key with workflows_read', async () => {
    const run = await cli(['--check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✅ Reachable');
    expect(run.stdout).toContain('✅ DD_API_KEY: valid');
    expect(run.stdout).toContain('✅ DD_APP_KEY: valid, with workflows_read');
    expect(datadog.requests.map((request) => request.path)).toEqual([
      '/api/v1/validate',
      '/api/v2/workflows/00000000-0000-0000-0000-000000000000',
    ]);
  });

  test('a bad API key fails at DD_API_KEY, and the app key is not checked', async () => {
    const run = await cli(['--check'], settings({ DD_API_KEY: 'wrong-api-key' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✅ Reachable');
    expect(run.stdout).toContain('❌ DD_API_KEY: refused (HTTP 403)');
    expect(run.stdout).toContain('⏩ DD_APP_KEY: not checked');
    expect(run.stdout).not.toContain('wrong-api-key');
  });

  test('an app key without workflows_read fails at DD_APP_KEY, saying why the bot gets 403', async () => {
    const run = await cli(['--check'], settings({ DD_APP_KEY: 'wrong-app-key' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✅ DD_API_KEY: valid');
    expect(run.stdout).toContain('❌ DD_APP_KEY: refused (HTTP 403)');
    expect(run.stdout).toContain('workflows_read');
    expect(run.stdout).not.toContain('wrong-app-key');
  });

  test('an unreachable Datadog fails at Reachable', async () => {
    const closed = await startSampleDatadog();
    await closed.close();
    const run = await cli(['--check'], settings({ DD_API_URL: closed.url }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `❌ Reachable: Datadog (${new URL(closed.url).host}) cannot be reached: the connection was refused (ECONNREFUSED). Next: check DD_SITE and DD_API_URL`,
    );
    expect(run.stdout).toContain('⏩ DD_API_KEY: not checked');
  });

  test('with SLACK_BOT_TOKEN Slack is checked too: accepted, refused, or out of reach with its host and the cause', async () => {
    const token = 'xoxb-cli-check-never-shown';
    const slack = await startSlackStandIn();
    try {
      const accepted = await cli(['--check'], settings({ SLACK_BOT_TOKEN: token, SLACK_API_URL: slack.apiUrl }));
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('✅ SLACK_BOT_TOKEN: Slack accepted it (workspace T0001)');
      expect(slack.apiCalls('auth.test')[0]?.body.token).toBe(token);
      slack.answerAuthTest({ error: 'invalid_auth' });
      const refused = await cli(['--check'], settings({ SLACK_BOT_TOKEN: token, SLACK_API_URL: slack.apiUrl }));
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('❌ SLACK_BOT_TOKEN: Slack rejected it (invalid_auth)');
    } finally {
      await slack.close();
    }
    const port = await freePort();
    const down = await cli(
      ['--check'],
      settings({ SLACK_BOT_TOKEN: token, SLACK_API_URL: `http://127.0.0.1:${port}/api` }),
    );
    expect(down.code).toBe(1);
    expect(down.stdout).toContain(
      `❌ Slack: Slack (127.0.0.1:${port}) cannot be reached: the connection was refused (ECONNREFUSED). Next: check SLACK_API_URL`,
    );
    // Datadog is still checked.
    expect(down.stdout).toContain('✅ DD_APP_KEY');
    expect(`${down.stdout}${down.stderr}`).not.toContain(token);
    // A port fetch will not use (9, discard) is named as such, not as "fetch failed".
    const badPort = await cli(
      ['--check'],
      settings({ SLACK_BOT_TOKEN: token, SLACK_API_URL: 'http://127.0.0.1:9/api' }),
    );
    expect(badPort.stdout).toContain(
      "❌ Slack: Slack (127.0.0.1:9) cannot be reached: the port is one that fetch refuses to use (bad port). Next: check SLACK_API_URL's port",
    );
  });

  test('a SLACK_BOT_TOKEN that is not a bot token is named as a setting to fix', async () => {
    const run = await cli(['--check'], settings({ SLACK_BOT_TOKEN: 'xoxp-user-token' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(run.stderr).not.toContain('xoxp-user-token');
  });

  test('--demo checks the sample Datadog and passes', async () => {
    const run = await cli(['--check', '--demo'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the embedded sample Datadog');
  });
});

describe('a slow Datadog', () => {
  function capturedIo(terminal: boolean): { io: CliIo; written: { stdout: string; stderr: string } } {
    const written = { stdout: '', stderr: '' };
    const io: CliIo = {
      env: settings(),
      stdout: { write: (text) => (written.stdout += text), color: false, terminal },
      stderr: { write: (text) => (written.stderr += text), color: false, terminal },
    };
    return { io, written };
  }

  test('on a terminal, one line on stderr says it is still asking Datadog, and for how long it may', async () => {
    datadog.script(instancePath(FAILED), { hang: true });
    const { io, written } = capturedIo(true);
    expect(await runCli([FAILED.workflowId, FAILED.instanceId], io)).toBe(1);
    expect(written.stdout).toContain('Datadog did not answer in time');
    expect(written.stderr.match(/Asking Datadog/g)).toHaveLength(1);
    expect(written.stderr).toContain(`Asking Datadog at DD_API_URL ${datadog.url}… (giving up after 2 s)\n`);
  });

  test('piped, it waits without a word on stderr', async () => {
    datadog.script(instancePath(FAILED), { hang: true });
    const { io, written } = capturedIo(false);
    expect(await runCli([FAILED.workflowId, FAILED.instanceId], io)).toBe(1);
    expect(written.stdout).toContain('Datadog did not answer in time');
    expect(written.stderr).not.toContain('Asking Datadog');
  });
});

test('no text output above quotes with backticks, nor its own words with straight quotes, or sends the reader to whoever runs the bot', () => {
  const text = outputs.filter((run) => !run.stdout.startsWith('{'));
  expect(text.length).toBeGreaterThan(30);
  for (const run of text) {
    // Datadog's own words (a step's error) may hold straight quotes; dd-instance's own lines on stderr do not.
    expect(run.stdout + run.stderr).not.toMatch(/`|whoever runs the bot/i);
    expect(run.stderr).not.toContain('"');
  }
});

// Declared last, so it runs after every test above.
test('no output of any run above, success or failure, holds a key', () => {
  const all = outputs.map((run) => run.stdout + run.stderr).join('\n');
  expect(outputs.length).toBeGreaterThan(15);
  for (const secret of Object.values(KEYS)) expect(all).not.toContain(secret);
});
