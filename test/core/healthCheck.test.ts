import type { DatadogFailure, DatadogResult } from '../../src/core/failures';
import { checkDatadogHealth, NIL_WORKFLOW } from '../../src/core/healthCheck';
import type { WorkflowInfo } from '../../src/core/run';
import type { DatadogProbe } from '../../src/core/surfacePorts';
import { FIXED_NOW } from '../support/fakeSource';

function probe(
  validate: DatadogResult<{ valid: boolean }>,
  workflow: DatadogResult<WorkflowInfo> = { ok: false, failure: { kind: 'not_found', what: 'workflow' } },
) {
  const calls: string[] = [];
  const fake: DatadogProbe = {
    validateApiKey: async () => {
      calls.push('validate');
      return validate;
    },
    getWorkflow: async (id) => {
      calls.push(`workflow ${id}`);
      return workflow;
    },
  };
  return { fake, calls };
}

const failure = (value: DatadogFailure) => ({ ok: false, failure: value }) as const;

test("good keys: Datadog's 404 for the impossible workflow means workflows_read is allowed", async () => {
  const { fake, calls } = probe({ ok: true, value: { valid: true } });
  const outcome = await checkDatadogHealth(fake, 'datadoghq.com', () => FIXED_NOW);
  expect(outcome).toEqual({
    ok: true,
    site: 'datadoghq.com',
    reachable: { status: 'pass' },
    apiKey: { status: 'pass' },
    appKey: { status: 'pass' },
    at: FIXED_NOW,
  });
  expect(calls).toEqual(['validate', `workflow ${NIL_WORKFLOW}`]);
});

test.each([
  [
    'unreachable',
    failure({ kind: 'unreachable', code: 'ECONNREFUSED' }),
    { status: 'skipped', because: 'unreachable' },
  ],
  ['refused', failure({ kind: 'forbidden', status: 403 }), { status: 'refused', httpStatus: 403 }],
  ['not valid', { ok: true, value: { valid: false } } as const, { status: 'invalid' }],
  [
    'unknown',
    failure({ kind: 'unavailable', status: 503 }),
    { status: 'unknown', failure: { kind: 'unavailable', status: 503 } },
  ],
])('an API key check that ends %s skips the application key', async (_name, validate, apiKey) => {
  const { fake, calls } = probe(validate);
  const outcome = await checkDatadogHealth(fake, 'datadoghq.eu');
  expect(outcome).toMatchObject({ ok: false, apiKey, appKey: { status: 'skipped', because: 'api_key' } });
  expect(calls).toEqual(['validate']);
});

test('an application key without workflows_read is refused; other failures are unknown', async () => {
  const refused = await checkDatadogHealth(
    probe({ ok: true, value: { valid: true } }, failure({ kind: 'forbidden', status: 403 })).fake,
    'datadoghq.com',
  );
  expect(refused).toMatchObject({ ok: false, appKey: { status: 'refused', httpStatus: 403 } });
  const unknown = await checkDatadogHealth(
    probe({ ok: true, value: { valid: true } }, failure({ kind: 'timeout', afterMs: 500 })).fake,
    'datadoghq.com',
  );
  expect(unknown).toMatchObject({ ok: false, reachable: { status: 'pass' }, appKey: { status: 'unknown' } });
});

test('an unreachable or timed-out Datadog fails the reachability part with its failure', async () => {
  for (const network of [
    { kind: 'unreachable', code: 'ECONNREFUSED' },
    { kind: 'timeout', afterMs: 3000 },
  ] as const) {
    const { fake } = probe(failure(network));
    const outcome = await checkDatadogHealth(fake, 'datadoghq.com', () => FIXED_NOW);
    expect(outcome).toEqual({
      ok: false,
      site: 'datadoghq.com',
      reachable: { status: 'fail', failure: network },
      apiKey: { status: 'skipped', because: 'unreachable' },
      appKey: { status: 'skipped', because: 'api_key' },
      at: FIXED_NOW,
    });
  }
});

test.each([
  ['a workflow found', { ok: true, value: { workflowId: NIL_WORKFLOW, name: 'x' } } as const, { status: 'pass' }],
  ['a refusal', failure({ kind: 'forbidden', status: 403 }), { status: 'refused', httpStatus: 403 }],
  [
    'anything else',
    failure({ kind: 'timeout', afterMs: 10 }),
    { status: 'unknown', failure: { kind: 'timeout', afterMs: 10 } },
  ],
])('with a good API key, the application key check reads %s', async (_name, workflow, appKey) => {
  const { fake } = probe({ ok: true, value: { valid: true } }, workflow);
  const outcome = await checkDatadogHealth(fake, 'datadoghq.com', () => FIXED_NOW);
  expect(outcome).toEqual({
    ok: appKey.status === 'pass',
    site: 'datadoghq.com',
    reachable: { status: 'pass' },
    apiKey: { status: 'pass' },
    appKey,
    at: FIXED_NOW,
  });
});
