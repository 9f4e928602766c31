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
