import { SAMPLE_DATA, type SampleDatadog, shiftSampleTimes, startSampleDatadog } from '../../src/sample/sampleDatadog';

const KEYS = { apiKey: 'sample-test-api-key', appKey: 'sample-test-app-key' };
let datadog: SampleDatadog;

beforeAll(async () => {
  datadog = await startSampleDatadog({ keys: KEYS });
});
afterAll(async () => {
  await datadog.close();
});

async function get(path: string, headers: Record<string, string>) {
  const response = await fetch(`${datadog.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as unknown };
}

test('GET /api/v1/validate checks the API key alone, as Datadog does', async () => {
  expect(await get('/api/v1/validate', { 'dd-api-key': KEYS.apiKey })).toEqual({ status: 200, body: { valid: true } });
  expect(await get('/api/v1/validate', { 'dd-api-key': 'wrong', 'dd-application-key': KEYS.appKey })).toEqual({
    status: 403,
    body: { errors: ['Forbidden'] },
  });
});

test('a wrong application key gets 403 on the workflow endpoints', async () => {
  const path = `/api/v2/workflows/${SAMPLE_DATA.workflows[0]!.id}`;
  expect((await get(path, { 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey })).status).toBe(200);
  expect((await get(path, { 'dd-api-key': KEYS.apiKey, 'dd-application-key': 'wrong' })).status).toBe(403);
});

test('shifting the sample times moves each recording to now and keeps every gap within it', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const shifted = shiftSampleTimes(SAMPLE_DATA, now);
  const starts = (data: typeof SAMPLE_DATA) =>
    data.workflows.map((w) => w.instances.map((i) => Date.parse(String(i.attributes?.startTimestamp))));
  const before = starts(SAMPLE_DATA);
  starts(shifted).forEach((runs, index) => {
    const recordedAt = SAMPLE_DATA.workflows[index]?.recordedAt ?? SAMPLE_DATA.recordedAt!;
    const shift = now.getTime() - Date.parse(recordedAt);
    expect(runs).toEqual(before[index]!.map((start) => start + shift));
    // Every run, the July 2024 recording too, now reads as from the last day.
    for (const start of runs) expect(now.getTime() - start).toBeGreaterThan(0);
    for (const start of runs) expect(now.getTime() - start).toBeLessThan(24 * 3600 * 1000);
  });
  expect(shifted.recordedAt).toBe(now.toISOString());
  expect(SAMPLE_DATA.recordedAt).toBe('2026-11-28T03:08:30Z');
});

/** The parts of an answer these tests read. */
interface AnswerBody {
  data: {
    id: string;
    attributes: {
      instanceStatus?: { detailsKind: string };
      endTimestamp?: string;
      spec: { inputSchema: { parameters: Array<{ type: string }> } };
    };
  };
}

describe('acting on the sample runs', () => {
  const [workflow] = SAMPLE_DATA.workflows;
  const wf = workflow!.id;
  const isRunning = (i: { attributes?: Record<string, unknown> }) =>
    (i.attributes?.instanceStatus as { detailsKind?: string } | undefined)?.detailsKind === 'IN_PROGRESS';
  const running = workflow!.instances.find(isRunning)!.id;
  const keys = { 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey };
  let own: SampleDatadog;
  beforeEach(async () => {
    own = await startSampleDatadog({ keys: KEYS });
  });
  afterEach(async () => {
    await own.close();
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${own.url}${path}`, {
      method,
      headers: keys,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as AnswerBody };
  };

  test('a cancelled running run reads Canceled next; cancelling it again, or an unknown run, is 404', async () => {
    const cancel = `/api/v2/workflows/${wf}/instances/${running}/cancel`;
    expect(await call('PUT', cancel)).toEqual({ status: 200, body: {} });
    const read = await call('GET', `/api/v2/workflows/${wf}/instances/${running}`);
    expect(read.body.data.attributes.instanceStatus).toEqual({ detailsKind: 'CANCELED', displayName: 'Canceled' });
    expect(read.body.data.attributes.endTimestamp).toEqual(expect.any(String));
    expect((await call('PUT', cancel)).body).toEqual({
      errors: [{ code: 'INSTANCE_NOT_FOUND', detail: `instance ${running} not found` }],
    });
    const unknown = `/api/v2/workflows/${wf}/instances/00000000-0000-4000-8000-000000000000/cancel`;
    expect((await call('PUT', unknown)).status).toBe(404);
  });

  test('execute starts a running run with the payload, readable at once; the workflow declares its inputs', async () => {
    const started = await call('POST', `/api/v2/workflows/${wf}/instances`, { meta: { payload: { service: 'x' } } });
    expect(started).toMatchObject({ status: 200, body: { data: { type: 'instances' }, meta: { workflowId: wf } } });
    const read = await call('GET', `/api/v2/workflows/${wf}/instances/${started.body.data.id}`);
    expect(read.body.data.attributes).toMatchObject({
      instanceStatus: { detailsKind: 'IN_PROGRESS' },
      inputs: { service: 'x' },
    });
    expect(own.requests.at(0)?.body).toBe(JSON.stringify({ meta: { payload: { service: 'x' } } }));
    expect((await call('POST', `/api/v2/workflows/${wf}/instances`, { meta: {} })).status).toBe(400);
    const declared = await call('GET', `/api/v2/workflows/${wf}`);
    expect(declared.body.data.attributes.spec.inputSchema.parameters.map((p) => p.type)).toEqual([
      'STRING',
      'NUMBER',
      'BOOLEAN',
      'ARRAY_STRING',
    ]);
  });

  test("another server's data is not changed by a cancel", async () => {
    await call('PUT', `/api/v2/workflows/${wf}/instances/${running}/cancel`);
    const other = await get(`/api/v2/workflows/${wf}/instances/${running}`, keys);
    expect((other.body as AnswerBody).data.attributes.instanceStatus?.detailsKind).toBe('IN_PROGRESS');
  });
});

test('a run with more of `included` (the spec it followed) gives it beside the workflow, not inside the run', async () => {
  const path = '/api/v2/workflows/9d3e5f70-1b2c-4d3e-8f4a-5b6c7d8e9f01/instances/b2c3d4e5-0001-4f6a-8b7c-1d2e3f4a5b6c';
  const { status, body } = await get(path, { 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey });
  expect(status).toBe(200);
  type Step = { name: string; parameters: Array<{ name: string; value: unknown }> };
  type Included = { type: string; attributes: { spec?: { steps: Step[] } } };
  const { data, included } = body as { data: Record<string, unknown>; included: Included[] };
  expect(data).not.toHaveProperty('included');
  expect(included.map((entry) => entry.type)).toEqual(['spec_versions', 'workflows']);
  const failing = included[0]!.attributes.spec!.steps.find((step) => step.name === 'Rollback_deployment');
  const parameters = Object.fromEntries(failing!.parameters.map((parameter) => [parameter.name, parameter.value]));
  expect(parameters.api_token).toEqual(expect.any(String));
  expect(parameters.revision).toBe('{{ Steps.Get_deployment.output.previousRevision }}');
});

test('the workflow kept for its history lists 20 runs, 4 of them failed', async () => {
  const path = '/api/v2/workflows/9d3e5f70-1b2c-4d3e-8f4a-5b6c7d8e9f01/instances?page[size]=100';
  const { body } = await get(path, { 'dd-api-key': KEYS.apiKey, 'dd-application-key': KEYS.appKey });
  const { data, meta } = body as { data: unknown[]; meta: { failedCount: number } };
  expect(data).toHaveLength(20);
  expect(meta.failedCount).toBe(4);
});
