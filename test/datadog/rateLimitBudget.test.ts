import { DatadogClient } from '../../src/datadog/client';
import type { SampleDatadog } from '../../src/sample/sampleDatadog';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { sampleDatadogForFile } from '../support/sampleDatadogForFile';

/** The client's rate-limit budget against the loopback sample Datadog, on a fake clock; requests counted there. */
const sampleDatadog = sampleDatadogForFile();
let datadog: SampleDatadog;
let client: DatadogClient;
let clock: number;

beforeEach(() => {
  datadog = sampleDatadog();
  clock = Date.parse('2026-11-28T03:00:00Z');
  client = new DatadogClient(
    {
      apiKey: 'budget-api-key',
      appKey: 'budget-app-key',
      site: 'datadoghq.com',
      apiUrl: datadog.url,
      attemptTimeoutMs: 400,
      deadlineMs: 3000,
    },
    { baseDelayMs: 5, maxDelayMs: 20, now: () => clock },
  );
});
afterEach(async () => {
  await client.close();
});

const path = instancePath(CANCELED_REF);
const { body } = recorded('get-instance-200-canceled');
const limitHeaders = (remaining: string, reset: string) => ({
  'x-ratelimit-name': 'workflow-instances',
  'x-ratelimit-limit': '100',
  'x-ratelimit-period': '60',
  'x-ratelimit-remaining': remaining,
  'x-ratelimit-reset': reset,
});

test('a spent budget answers at once, without a request, until the reset; other limits still go', async () => {
  datadog.script(path, { body, headers: limitHeaders('0', '30') });
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  const answers = await Promise.all(Array.from({ length: 40 }, () => client.getInstance(CANCELED_REF)));
  expect(answers).toEqual(Array(40).fill({ ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: 30 } }));
  expect(datadog.requests).toHaveLength(1);
  expect((await client.listInstances(CANCELED_REF.workflowId, 10)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
  clock += 20_000;
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: 10 },
  });
  clock += 10_000;
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(3);
});

test('a 429 spends the budget for the endpoint’s limit', async () => {
  datadog.script(path, { status: 429, body: { errors: ['Too many requests'] }, headers: limitHeaders('0', '42') });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: 42 },
  });
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: 42 },
  });
  expect(datadog.requests).toHaveLength(1);
});

test('an absurd reset is held to an hour, then requests go again', async () => {
  datadog.script(path, { body, headers: limitHeaders('0', '315360000') }, { body, headers: limitHeaders('99', '60') });
  await client.getInstance(CANCELED_REF);
  expect(await client.getInstance(CANCELED_REF)).toEqual({
    ok: false,
    failure: { kind: 'rate_limited', retryAfterSeconds: 3600 },
  });
  clock += 3600_000;
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
});

test('a junk reset spends nothing: the next call asks Datadog', async () => {
  datadog.script(path, { body, headers: limitHeaders('0', 'soon') });
  await client.getInstance(CANCELED_REF);
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
});

test('a 429 that the call itself waits out still spends the budget: the next call waits for its reset, then goes', async () => {
  datadog.script(
    path,
    { status: 429, body: { errors: ['Too many requests'] }, headers: limitHeaders('0', '1') },
    { body },
  );
  expect((await client.getInstance(CANCELED_REF)).ok).toBe(true);
  expect(datadog.requests).toHaveLength(2);
  // The fake clock has not moved, so the budget that the 429 spent is still spent, and fits in the deadline.
  const next = client.getInstance(CANCELED_REF);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(datadog.requests).toHaveLength(2);
  clock += 1000;
  expect((await next).ok).toBe(true);
  expect(datadog.requests).toHaveLength(3);
});
