import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockKitProblems } from '../../src/render/limits';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { type FinishedChild, runChild } from '../support/child';
import { instancePath } from '../support/fixtures';
import { freePort } from '../support/freePort';
import { startSlackStandIn } from '../support/slackStandIn';

const KEYS = { apiKey: 'cli-api-key-never-shown', appKey: 'cli-app-key-never-shown' };
const FAILED = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
};
const MISSING = { ...FAILED, instanceId: 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b' };

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
    expect(datadog.requests.map((request) => request.path)).toEqual([instancePath(FAILED)]);
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

  test('keys Datadog refuses exit 1 and point at workflows_read and --check', async () => {
    const run = await cli([FAILED.workflowId, FAILED.instanceId], settings({ DD_APP_KEY: 'some-other-app-key' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Datadog refused the bot's keys");
    expect(run.stdout).toContain('workflows_read');
    expect(run.stdout).toContain('dd-instance --check');
  });

  test('a run link for another Datadog site than DD_SITE exits 1 naming both sites', async () => {
    const run = await cli([`https://app.datadoghq.eu/workflow/${FAILED.workflowId}?instance=${FAILED.instanceId}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('This link is for datadoghq.eu, but the bot reads datadoghq.com');
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

describe('--json', () => {
  test.each([
    ['a found run', [FAILED.workflowId, FAILED.instanceId], 0],
    ['a missing run', [MISSING.workflowId, MISSING.instanceId], 1],
  ])('prints the Block Kit payload of %s, within the limits', async (_name, args, code) => {
    const run = await cli(['--json', ...args]);
    expect(run.code).toBe(code);
    const payload = JSON.parse(run.stdout) as { text: string; blocks: unknown[] };
    expect(Object.keys(payload)).toEqual(['text', 'blocks']);
    expect(blockKitProblems(payload)).toEqual([]);
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
      '--last` goes with a workflow ID alone',
    ],
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

// Declared last, so it runs after every test above.
test('no output of any run above, success or failure, holds a key', () => {
  const all = outputs.map((run) => run.stdout + run.stderr).join('\n');
  expect(outputs.length).toBeGreaterThan(15);
  for (const secret of Object.values(KEYS)) expect(all).not.toContain(secret);
});
