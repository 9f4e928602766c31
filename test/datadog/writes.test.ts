import { DatadogClient } from '../../src/datadog/client';
import type { SampleDatadog } from '../../src/sample/sampleDatadog';
import { OTHER_REF, recorded } from '../support/fixtures';
import { sampleDatadogForFile } from '../support/sampleDatadogForFile';

/** Cancel and execute: each sent once with the body Datadog takes, every answer mapped, no retry but a 429's. */

const KEYS = { apiKey: 'test-api-key-value', appKey: 'test-app-key-value' };
const sampleDatadog = sampleDatadogForFile();
let datadog: SampleDatadog;
let client: DatadogClient;

beforeEach(() => {
  datadog = sampleDatadog();
  client = new DatadogClient(
    { ...KEYS, site: 'datadoghq.com', apiUrl: datadog.url, attemptTimeoutMs: 400, deadlineMs: 3000 },
    { baseDelayMs: 5, maxDelayMs: 20 },
  );
});
afterEach(async () => {
  await client.close();
});

const cancelPath = `/api/v2/workflows/${OTHER_REF.workflowId}/instances/${OTHER_REF.instanceId}/cancel`;
const executePath = `/api/v2/workflows/${OTHER_REF.workflowId}/instances`;

test('cancel is one PUT with both keys; an empty or {} answer is done', async () => {
  datadog.script(cancelPath, { body: {} }, { raw: '', contentType: 'application/json' });
  expect(await client.cancelInstance(OTHER_REF)).toEqual({ ok: true, value: undefined });
  expect(await client.cancelInstance(OTHER_REF)).toEqual({ ok: true, value: undefined });
  expect(datadog.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
    `PUT ${cancelPath}`,
    `PUT ${cancelPath}`,
  ]);
  expect(datadog.requests[0]?.headers).toMatchObject({ 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey });
});

test('the recorded 404 is the run not found; a 403 is forbidden (the key lacks workflows_run)', async () => {
  const { status, body } = recorded('cancel-instance-404-instance-not-found');
  datadog.script(cancelPath, { status, body });
  expect(await client.cancelInstance(OTHER_REF)).toEqual({
    ok: false,
    failure: { kind: 'not_found', what: 'instance' },
  });
  datadog.script(cancelPath, { status: 403, body: { errors: ['Forbidden'] } });
  expect(await client.cancelInstance(OTHER_REF)).toEqual({ ok: false, failure: { kind: 'forbidden', status: 403 } });
});

test.each([
  ['a 500', { status: 500, body: { errors: ['boom'] } }, { kind: 'unavailable', status: 500 }],
  ['a dropped connection', { dropConnection: true }, { kind: 'unreachable', code: expect.any(String), cause: 'cut' }],
  ['a hang', { hang: true }, { kind: 'timeout', afterMs: expect.any(Number) }],
])('a write meeting %s is sent once: a second try could act twice', async (_, reply, failure) => {
  datadog.script(executePath, reply);
  datadog.script(cancelPath, reply);
  expect(await client.executeWorkflow(OTHER_REF.workflowId, {})).toEqual({ ok: false, failure });
  expect(await client.cancelInstance(OTHER_REF)).toEqual({ ok: false, failure });
  expect(datadog.requests).toHaveLength(2);
});

test('a 429 is retried after its reset: Datadog did not act on it', async () => {
  datadog.script(
    executePath,
    { status: 429, headers: { 'x-ratelimit-reset': '0' }, body: { errors: ['Too many requests'] } },
    { body: recorded('execute-workflow-200').body },
  );
  expect(await client.executeWorkflow(OTHER_REF.workflowId, {})).toMatchObject({ ok: true });
  expect(datadog.requests).toHaveLength(2);
});

test('execute POSTs the payload under meta and returns the new run, on 200 or 201', async () => {
  const { body } = recorded('execute-workflow-200');
  const newRun = { workflowId: OTHER_REF.workflowId, instanceId: '111e18d6-3f19-4ada-91d3-ab1e1546b8b4' };
  for (const status of [200, 201]) {
    datadog.script(executePath, { status, body });
    expect(await client.executeWorkflow(OTHER_REF.workflowId, { service: 'api', dryRun: true })).toEqual({
      ok: true,
      value: newRun,
    });
  }
  expect(datadog.requests[0]).toMatchObject({
    method: 'POST',
    path: executePath,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meta: { payload: { service: 'api', dryRun: true } } }),
  });
});

test('an execute answer without the new run ID is an invalid response, not a success', async () => {
  datadog.script(executePath, { body: { data: { type: 'instances' } } });
  expect(await client.executeWorkflow(OTHER_REF.workflowId, {})).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: 'the answer does not name the new run' },
  });
});

test('IDs that are not UUIDs are never sent', async () => {
  expect(await client.cancelInstance({ ...OTHER_REF, instanceId: '../x' })).toMatchObject({
    ok: false,
    failure: { kind: 'bad_request' },
  });
  expect(await client.executeWorkflow('nope', {})).toMatchObject({ ok: false, failure: { kind: 'bad_request' } });
  expect(datadog.requests).toHaveLength(0);
});

test("a workflow's declared inputs are read, and an input without a name or type is left out", async () => {
  const workflowBody = recorded('get-workflow-200').body as { data: { id: string; attributes: { spec: object } } };
  const parameters = [
    { name: 'service', type: 'STRING', label: 'Service', description: 'Which one', defaultValue: 'api' },
    { name: 'count', type: 'NUMBER', defaultValue: 2 },
    { name: 'tags', type: 'ARRAY_STRING' },
    { type: 'STRING' },
    { name: 'nameless type' },
    'junk',
  ];
  const attributes = { ...workflowBody.data.attributes, spec: { inputSchema: { parameters } } };
  const workflowId = workflowBody.data.id;
  datadog.script(`/api/v2/workflows/${workflowId}`, { body: { data: { ...workflowBody.data, attributes } } });
  expect(await client.getWorkflow(workflowId)).toEqual({
    ok: true,
    value: {
      workflowId,
      name: 'Cassette Workflow x-given',
      published: true,
      inputs: [
        { name: 'service', type: 'STRING', label: 'Service', description: 'Which one', defaultValue: 'api' },
        { name: 'count', type: 'NUMBER', defaultValue: 2 },
        { name: 'tags', type: 'ARRAY_STRING' },
      ],
    },
  });
});
