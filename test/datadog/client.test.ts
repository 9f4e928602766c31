import { DatadogClient } from '../../src/datadog/client';
import { type SampleDatadog, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { CANCELED_REF, instancePath, OTHER_REF, recorded } from '../support/fixtures';
import { sampleDatadogForFile } from '../support/sampleDatadogForFile';

const KEYS = { apiKey: 'test-api-key-value', appKey: 'test-app-key-value' };
const sampleDatadog = sampleDatadogForFile();
let datadog: SampleDatadog;
let client: DatadogClient;

function makeClient(overrides: Partial<{ attemptTimeoutMs: number; deadlineMs: number }> = {}) {
  return new DatadogClient(
    { ...KEYS, site: 'datadoghq.com', apiUrl: datadog.url, attemptTimeoutMs: 400, deadlineMs: 3000, ...overrides },
    { baseDelayMs: 5, maxDelayMs: 20, maxResponseBytes: 64 * 1024 },
  );
}

beforeEach(() => {
  datadog = sampleDatadog();
  client = makeClient();
});
afterEach(async () => {
  await client.close();
});

const path = instancePath(CANCELED_REF);

test('reads the recorded canceled run, sending both keys', async () => {
  datadog.script(path, { body: recorded('get-instance-200-canceled').body });
  const result = await client.getInstance(CANCELED_REF);
  expect(result).toMatchObject({
    ok: true,
    value: {
      statusKind: 'CANCELED',
      workflowName: 'Max Jul 24 2024 02:38',
      startedBy: 'Max Gale (manual)',
      steps: [{ name: 'Sleep', state: 'CANCELED' }],
    },
  });
  expect(datadog.requests[0]).toMatchObject({
    method: 'GET',
    headers: { accept: 'application/json', 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey },
  });
});

test.each([
  ['get-instance-404-workflow-not-found', { kind: 'not_found', what: 'workflow' }],
  ['cancel-instance-404-instance-not-found', { kind: 'not_found', what: 'instance' }],
  [
    'get-instance-400-malformed-id',
    { kind: 'bad_request', status: 400, detail: 'value <no value> is invalid for field workflow_id' },
  ],
])('maps the recorded %s answer', async (name, failure) => {
  const { status, body } = recorded(name);
  datadog.script(path, { status, body });
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure });
  expect(datadog.requests).toHaveLength(1);
});

test.each([401, 403])('%i is forbidden and is not retried', async (status) => {
  datadog.script(path, { status, body: { errors: ['Forbidden'] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure: { kind: 'forbidden', status } });
  expect(datadog.requests).toHaveLength(1);
});

test("a 422 with Datadog's error is a bad request with its words, not retried", async () => {
  datadog.script(path, { status: 422, body: { errors: [{ title: 'Unprocessable', detail: 'instance is archived' }] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'bad_request', status: 422, detail: 'instance is archived' },
  });
  expect(datadog.requests).toHaveLength(1);
});

test.each([
  ['HTML', { raw: '<html><body>400 Bad Request</body></html>' }],
  ['JSON that is not a Datadog error', { body: { message: 'IDs must be UUIDs, says a proxy' } }],
  ['an empty errors list', { body: { errors: [] } }],
])('a 400 with %s is a bad request with its status and no detail', async (_name, reply) => {
  datadog.script(path, { status: 400, ...reply });
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure: { kind: 'bad_request', status: 400 } });
});

test("Datadog's first error detail is the one reported; a title stands in for a missing detail", async () => {
  datadog.script(path, { status: 400, body: { errors: [{ code: 'X', title: 'Invalid Parameter' }, 'second'] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'bad_request', status: 400, detail: 'Invalid Parameter' },
  });
  datadog.script(path, { status: 400, body: { errors: ['plain words', { detail: 'later' }] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'bad_request', status: 400, detail: 'plain words' },
  });
});

test('a 404 whose code names neither the workflow nor the run says so; one without a code is the run', async () => {
  datadog.script(path, { status: 404, body: { errors: [{ code: 'SOMETHING_ELSE', detail: 'gone' }] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'not_found', what: 'unknown' },
  });
  datadog.script(path, { status: 404, raw: '<html>Not Found</html>' });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'not_found', what: 'instance' },
  });
  datadog.script(`/api/v2/workflows/${CANCELED_REF.workflowId}`, { status: 404, raw: 'no' });
  expect(await client.getWorkflow(CANCELED_REF.workflowId)).toEqual({
    ok: false,
    failure: { kind: 'not_found', what: 'workflow' },
  });
});

test('a steady 500 is retried, then reported unavailable', async () => {
  datadog.script(path, { status: 500, body: { errors: ['Internal Server Error'] } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure: { kind: 'unavailable', status: 500 } });
  expect(datadog.requests).toHaveLength(3);
});

test('backoff steps are capped at maxDelayMs: a huge base step still leaves time for every retry', async () => {
  await client.close();
  client = new DatadogClient(
    { ...KEYS, site: 'datadoghq.com', apiUrl: datadog.url, attemptTimeoutMs: 400, deadlineMs: 3000 },
    { baseDelayMs: 600_000, maxDelayMs: 10 },
  );
  datadog.script(
    path,
    { status: 503, body: {} },
    { status: 503, body: {} },
    { body: recorded('get-instance-200-canceled').body },
  );
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(3);
});

test('retries a 503 then succeeds', async () => {
  datadog.script(
    path,
    { status: 503, raw: '<html><body>Service Unavailable</body></html>' },
    { body: recorded('get-instance-200-canceled').body },
  );
  const result = await client.getInstance(CANCELED_REF);
  expect(result.ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
});

test('gives up on a steady 502 after bounded retries, without raw HTML', async () => {
  datadog.script(path, { status: 502, raw: '<html>Bad Gateway</html>' });
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure: { kind: 'unavailable', status: 502 } });
  expect(datadog.requests).toHaveLength(3);
});

test('waits X-RateLimit-Reset on 429, then succeeds', async () => {
  datadog.script(
    path,
    { status: 429, headers: { 'x-ratelimit-reset': '1' }, body: { errors: ['Too many requests'] } },
    { body: recorded('get-instance-200-canceled').body },
  );
  const started = Date.now();
  const result = await client.getInstance(CANCELED_REF);
  expect(result.ok).toBe(true);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('a 429 with a junk X-RateLimit-Reset (hex) is retried after a short backoff, not read as a 16 s wait', async () => {
  datadog.script(
    path,
    { status: 429, headers: { 'x-ratelimit-reset': '0x10' }, body: { errors: ['Too many requests'] } },
    { body: recorded('get-instance-200-canceled').body },
  );
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
});

test('a 429 whose reset is past the deadline is reported with when to retry', async () => {
  datadog.script(path, {
    status: 429,
    headers: { 'x-ratelimit-reset': '42' },
    body: { errors: ['Too many requests'] },
  });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: 42 },
  });
  expect(datadog.requests).toHaveLength(1);
});

test.each([
  ['1e308', 3600],
  ['7200', 3600],
  ['7.5', 7.5],
  ['-5', undefined],
  ['soon', undefined],
  ['', undefined],
  ['Infinity', undefined],
  ['0x10', undefined],
  [' 12 ', 12],
  ['5s', undefined],
  ['x5', undefined],
])('X-RateLimit-Reset %p reads as %p seconds', async (reset, seconds) => {
  datadog.script(path, {
    status: 429,
    headers: { 'x-ratelimit-reset': reset },
    body: { errors: ['Too many requests'] },
  });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: seconds },
  });
});

test('a hanging Datadog times out within the deadline', async () => {
  await client.close();
  client = makeClient({ attemptTimeoutMs: 200, deadlineMs: 1500 });
  datadog.script(path, { hang: true });
  const started = Date.now();
  const result = await client.getInstance(CANCELED_REF);
  expect(result).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(datadog.requests.length).toBeGreaterThanOrEqual(2);
});

test('a dropped connection is retried, then reported unreachable', async () => {
  datadog.script(path, { dropConnection: true });
  expect(await client.getInstance(CANCELED_REF)).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
  expect(datadog.requests).toHaveLength(3);
});

test('nothing listening is unreachable', async () => {
  const closed = await startSampleDatadog();
  await closed.close();
  const offline = new DatadogClient(
    { ...KEYS, site: 'datadoghq.com', apiUrl: closed.url, attemptTimeoutMs: 300, deadlineMs: 2000 },
    { baseDelayMs: 5, maxDelayMs: 20 },
  );
  expect(await offline.getInstance(CANCELED_REF)).toMatchObject({
    ok: false,
    failure: { kind: 'unreachable', code: 'ECONNREFUSED' },
  });
  await offline.close();
});

test.each([
  ['HTML with 200', { raw: '<html>login</html>' }, 'Datadog did not answer with JSON'],
  ['JSON without data', { body: { hello: 'world' } }, 'the run body has no data object'],
  [
    'a body over the size cap',
    {
      raw: JSON.stringify({ data: { id: 'x', attributes: { pad: 'x'.repeat(200_000) } } }),
      contentType: 'application/json',
    },
    'the response was too large',
  ],
])('%s is an invalid response', async (_name, reply, reason) => {
  datadog.script(path, reply);
  expect(await client.getInstance(CANCELED_REF)).toEqual({ ok: false, failure: { kind: 'invalid_response', reason } });
});

test.each([300, 301, 418])('an unexpected HTTP %i is an invalid response, named by its status', async (status) => {
  datadog.script(path, { status, body: {}, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: `Datadog answered HTTP ${status}` },
  });
  expect(datadog.requests).toHaveLength(1);
});

test('a 404 from the key check names neither a workflow nor a run', async () => {
  datadog.script('/api/v1/validate', { status: 404, raw: 'Not Found' });
  expect(await client.validateApiKey()).toEqual({ ok: false, failure: { kind: 'not_found', what: 'unknown' } });
});

describe('IDs that are not UUIDs never reach Datadog', () => {
  const refused = { ok: false, failure: { kind: 'bad_request', detail: 'IDs must be UUIDs' } };
  const notUuid = '../../v1/validate';

  test.each([
    ['getInstance, workflow ID', () => client.getInstance({ workflowId: notUuid, instanceId: OTHER_REF.instanceId })],
    ['getInstance, run ID', () => client.getInstance({ workflowId: OTHER_REF.workflowId, instanceId: notUuid })],
    ['listInstances', () => client.listInstances(notUuid, 10)],
    ['getWorkflow', () => client.getWorkflow(notUuid)],
  ])('%s', async (_name, call) => {
    expect(await call()).toEqual(refused);
    expect(datadog.requests).toHaveLength(0);
  });
});

test.each([
  [0, 1],
  [-3, 1],
  [2.7, 2],
  [100, 100],
  [101, 100],
  [Number.NaN, 10],
  [Number.POSITIVE_INFINITY, 10],
])('a list page size of %p is sent as %p', async (asked, sent) => {
  await client.listInstances(CANCELED_REF.workflowId, asked);
  expect(datadog.requests[0]?.path).toBe(
    `/api/v2/workflows/${CANCELED_REF.workflowId}/instances?page%5Bsize%5D=${sent}&page%5Bnumber%5D=0`,
  );
});

test('the key check reads valid and refuses a body without it', async () => {
  expect(await client.validateApiKey()).toEqual({ ok: true, value: { valid: true } });
  datadog.script('/api/v1/validate', { body: { valid: 'yes' } });
  expect(await client.validateApiKey()).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: 'the key check answer has no "valid" field' },
  });
});

test('lists instances and reads a workflow from the sample data', async () => {
  const list = await client.listInstances(CANCELED_REF.workflowId, 25);
  expect(list).toMatchObject({
    ok: true,
    value: { runs: [{ instanceId: CANCELED_REF.instanceId, statusKind: 'CANCELED' }], canceledCount: 1 },
  });
  expect(datadog.requests[0]?.path).toContain('page%5Bsize%5D=25');
  const workflow = await client.getWorkflow(CANCELED_REF.workflowId);
  expect(workflow).toEqual({
    ok: true,
    value: { workflowId: CANCELED_REF.workflowId, name: 'Max Jul 24 2024 02:38', published: true },
  });
});

test('parses the recorded list and workflow bodies', async () => {
  datadog.script(`/api/v2/workflows/${CANCELED_REF.workflowId}/instances`, {
    body: recorded('list-instances-200').body,
  });
  const list = await client.listInstances(CANCELED_REF.workflowId, 10);
  expect(list).toMatchObject({
    ok: true,
    value: {
      totalCount: 2,
      canceledCount: 1,
      runs: [{ statusKind: 'IN_PROGRESS', startedBy: 'Max Gale (api)' }, { statusKind: 'CANCELED' }],
    },
  });
  const workflowId = 'dec8dfd0-2031-480a-90ce-4e9179b22793';
  datadog.script(`/api/v2/workflows/${workflowId}`, { body: recorded('get-workflow-200').body });
  expect(await client.getWorkflow(workflowId)).toEqual({
    ok: true,
    value: { workflowId, name: 'Cassette Workflow x-given', published: true },
  });
  const { status, body } = recorded('get-workflow-400-bad-id');
  datadog.script(`/api/v2/workflows/${workflowId}`, { status, body });
  expect(await client.getWorkflow(workflowId)).toEqual({
    ok: false,
    failure: {
      kind: 'bad_request',
      status: 400,
      detail: 'invalid parameter "workflowId" in "path"; expected type "uuid"',
    },
  });
});
