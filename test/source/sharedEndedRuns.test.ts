import { loadDatadogConfig } from '../../src/config/load';
import { createLog } from '../../src/core/log';
import { RedisStore } from '../../src/store/redisStore';
import { type Wired, wireLookup } from '../../src/wiring';
import { instancePath } from '../support/fixtures';
import { RUNNING_REF } from '../support/follows';
import { removeKeys, requireRedis, TEST_REDIS_URL, UNHEARD, uniquePrefix } from '../support/redis';
import { sampleDatadogForFile } from '../support/sampleDatadogForFile';

/** Two replicas' lookups on one sample Datadog and one real Redis: an ended run is asked of Datadog once a fleet. */

const sampleDatadog = sampleDatadogForFile();
const FAILED_REF = { workflowId: RUNNING_REF.workflowId, instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };
const ASKER = { userId: 'U0ONCALL', via: 'command' as const };

let prefix: string;
const opened: Array<{ close(): Promise<unknown> }> = [];
const logs: string[] = [];

async function replica(env: Record<string, string> = {}): Promise<Wired> {
  const loaded = loadDatadogConfig({
    DD_API_KEY: 'test-api-key-value',
    DD_APP_KEY: 'test-app-key-value',
    DD_API_URL: sampleDatadog().url,
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const store = await RedisStore.open({ url: TEST_REDIS_URL, prefix, tlsVerify: true }, UNHEARD);
  const log = createLog('debug', (line) => logs.push(line));
  const wired = await wireLookup(loaded.config, { log, sharedRuns: store.sharedRuns() });
  opened.push(wired, store);
  return wired;
}

const requestsFor = (ref: typeof FAILED_REF) =>
  sampleDatadog().requests.filter((request) => request.path === instancePath(ref)).length;

beforeEach(async () => {
  await requireRedis();
  prefix = uniquePrefix('shared-runs');
  logs.length = 0;
});
afterEach(async () => {
  for (const one of opened.splice(0)) await one.close();
  await removeKeys(prefix);
});

test('an ended run looked up on one replica is answered from Redis on another, with when it was fetched', async () => {
  const [a, b] = [await replica(), await replica()];
  const first = await a.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  const second = await b.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  expect(first.result.ok && first.result.value.statusKind).toBe('STEP_ERROR');
  expect(second.result).toEqual(first.result);
  // Dates survive the trip through JSON, and the reply says when Datadog gave the answer, not when Redis did.
  expect(second.result.ok && second.result.value.startedAt).toBeInstanceOf(Date);
  expect(second.at).toEqual(first.at);
  expect(requestsFor(FAILED_REF)).toBe(1);
});

test('a run still going is never shared: each replica asks Datadog', async () => {
  const [a, b] = [await replica(), await replica()];
  await a.lookup.lookUpRun({ ...RUNNING_REF, certain: true }, ASKER);
  const second = await b.lookup.lookUpRun({ ...RUNNING_REF, certain: true }, ASKER);
  expect(second.result.ok && second.result.value.statusKind).toBe('IN_PROGRESS');
  expect(requestsFor(RUNNING_REF)).toBe(2);
});

test('CACHE_FINISHED_TTL_MS=0 shares nothing', async () => {
  const [a, b] = [await replica({ CACHE_FINISHED_TTL_MS: '0' }), await replica({ CACHE_FINISHED_TTL_MS: '0' })];
  await a.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  await b.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  expect(requestsFor(FAILED_REF)).toBe(2);
  expect(await removeKeys(prefix)).toBe(0);
});

test('an entry lives as long as CACHE_FINISHED_TTL_MS, then Datadog is asked again', async () => {
  const a = await replica({ CACHE_FINISHED_TTL_MS: '150' });
  const b = await replica({ CACHE_FINISHED_TTL_MS: '150' });
  await a.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await b.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  expect(requestsFor(FAILED_REF)).toBe(2);
});

test('when Redis fails, lookups are answered from Datadog and the failure is logged', async () => {
  const store = await RedisStore.open({ url: TEST_REDIS_URL, prefix, tlsVerify: true }, UNHEARD);
  const shared = store.sharedRuns();
  await store.close();
  const loaded = loadDatadogConfig({
    DD_API_KEY: 'k'.repeat(32),
    DD_APP_KEY: 'a'.repeat(40),
    DD_API_URL: sampleDatadog().url,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const wired = await wireLookup(loaded.config, {
    log: createLog('debug', (line) => logs.push(line)),
    sharedRuns: shared,
  });
  opened.push(wired);
  const outcome = await wired.lookup.lookUpRun({ ...FAILED_REF, certain: true }, ASKER);
  expect(outcome.result.ok).toBe(true);
  expect(logs.some((line) => line.includes('shared run cache: read failed'))).toBe(true);
  expect(logs.some((line) => line.includes('shared run cache: write failed'))).toBe(true);
});
