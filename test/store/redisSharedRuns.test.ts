import { createClient } from 'redis';
import type { WorkflowRun } from '../../src/core/run';
import { RedisSharedRuns } from '../../src/store/redisSharedRuns';
import { removeKeys, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../support/redis';

const prefix = uniquePrefix('sharedRuns');
const client = createClient({ url: TEST_REDIS_URL });
const shared = new RedisSharedRuns(client, prefix);

const ENDED: WorkflowRun = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
  statusKind: 'SUCCEEDED',
  statusName: 'Succeeded',
  startedAt: new Date('2026-11-28T02:58:11Z'),
  endedAt: new Date('2026-11-28T02:59:47Z'),
  steps: [{ name: 'Rollback_deployment', state: 'SUCCEEDED' }],
};

beforeAll(async () => {
  await requireRedis();
  client.on('error', () => undefined);
  await client.connect();
});
afterAll(async () => {
  client.destroy();
  await removeKeys(prefix);
});

test('an ended run put by one replica is read back by another, dates and all', async () => {
  const fetchedAt = new Date('2026-11-28T03:00:00Z');
  await shared.put({ run: ENDED, fetchedAt }, 60_000);
  expect(await new RedisSharedRuns(client, prefix).get(ENDED)).toEqual({ run: ENDED, fetchedAt });
});

test('a run without start or end time comes back without them', async () => {
  const { startedAt: _s, endedAt: _e, ...undated } = { ...ENDED, instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };
  await shared.put({ run: undated, fetchedAt: new Date(0) }, 60_000);
  const back = await shared.get(undated);
  expect(back?.run).toEqual(undated);
  expect(back?.run).not.toHaveProperty('startedAt');
});

test('a run never put is not there, and a put one expires after its lifetime', async () => {
  expect(await shared.get({ ...ENDED, instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b' })).toBeUndefined();
  const short = { ...ENDED, instanceId: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b' };
  await shared.put({ run: short, fetchedAt: new Date(0) }, 50);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await shared.get(short)).toBeUndefined();
});
