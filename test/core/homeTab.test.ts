import { AccessPolicy } from '../../src/core/access';
import { HomeTab } from '../../src/core/homeTab';
import { createLog } from '../../src/core/log';
import type { ActionEvent } from '../../src/core/ports';
import { PerUserRateLimit } from '../../src/core/rateLimit';
import type { DatadogProbe, FollowedRun, RecentLookup } from '../../src/core/surfacePorts';
import { FIXED_NOW } from '../support/fakeSource';

/** App Home's use case: every part at once, a failing part shown as such, and a refused user told nothing. */

const probe: DatadogProbe = {
  validateApiKey: async () => ({ ok: true, value: { valid: true } }),
  getWorkflow: async () => ({ ok: false, failure: { kind: 'not_found', what: 'workflow' } }),
};
const ref = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const followed: FollowedRun = { ref, since: FIXED_NOW, channelId: 'C0INCIDENT' };
const recent: RecentLookup = { ref, at: FIXED_NOW, result: { ok: false, failure: { kind: 'busy' } } };
const me = { userId: 'U0ONCALL', teamId: 'T0001' };

function tab(overrides: Partial<ConstructorParameters<typeof HomeTab>[0]> = {}) {
  const lines: string[] = [];
  const events: ActionEvent[] = [];
  const home = new HomeTab({
    probe,
    site: 'datadoghq.com',
    log: createLog('debug', (line) => lines.push(line)),
    clock: () => FIXED_NOW,
    observer: (event) => events.push(event),
    ...overrides,
  });
  return { home, lines, events };
}

test('shows health, follows and recent lookups of the user who opened it, and tells the observer', async () => {
  const asked: string[] = [];
  const { home, events } = tab({
    follows: {
      listFollows: async (user) => {
        asked.push(`follows ${user}`);
        return [followed];
      },
    },
    recentLookups: {
      record: async () => undefined,
      list: async (user) => {
        asked.push(`recent ${user}`);
        return [recent];
      },
    },
  });
  const outcome = await home.open(me);
  expect(outcome).toMatchObject({
    site: 'datadoghq.com',
    health: { ok: true, at: FIXED_NOW },
    follows: { kind: 'listed', runs: [followed] },
    recent: [recent],
  });
  expect(asked.sort()).toEqual(['follows U0ONCALL', 'recent U0ONCALL']);
  expect(events).toEqual([
    expect.objectContaining({ kind: 'home', entryPoint: 'home', outcome: 'shown', requester: me, refusal: undefined }),
  ]);
});

test('no follows view: follows unavailable; no recent lookups: none', async () => {
  expect(await tab().home.open(me)).toMatchObject({ follows: { kind: 'unavailable' }, recent: [] });
});

test('a part that fails is shown as failed and logged, and never hides the others', async () => {
  const { home, lines } = tab({
    follows: { listFollows: async () => Promise.reject(new Error('store down')) },
    recentLookups: { record: async () => undefined, list: async () => Promise.reject(new Error('lru gone')) },
  });
  expect(await home.open(me)).toMatchObject({ health: { ok: true }, follows: { kind: 'failed' }, recent: [] });
  expect(lines.join('\n')).toMatch(/WARN follows not listed error=.*store down/);
  expect(lines.join('\n')).toMatch(/WARN recent lookups not listed error=.*lru gone/);
});

test('a refused user gets the reason only: Datadog is not asked and nothing is listed', async () => {
  let datadogAsked = false;
  const { home, events } = tab({
    probe: {
      validateApiKey: async () => {
        datadogAsked = true;
        return { ok: true, value: { valid: true } };
      },
      getWorkflow: probe.getWorkflow,
    },
    access: new AccessPolicy({ userIds: ['U0SOMEONEELSE'] }),
    follows: { listFollows: async () => [followed] },
  });
  expect(await home.open(me)).toEqual({ kind: 'refused', reason: 'user' });
  expect(datadogAsked).toBe(false);
  expect(events).toEqual([expect.objectContaining({ kind: 'home', outcome: 'refused', refusal: 'user' })]);
});

test('openings share one health check: Datadog is asked once for any number of users within 30 s', async () => {
  let validations = 0;
  const { home } = tab({
    probe: {
      validateApiKey: async () => {
        validations++;
        return { ok: true, value: { valid: true } };
      },
      getWorkflow: probe.getWorkflow,
    },
  });
  await Promise.all(['U1', 'U2', 'U3'].map((userId) => home.open({ userId })));
  await home.open(me);
  expect(validations).toBe(1);
});

test('an opening past the user’s rate limit (shared with lookups) is refused as rate-limited without asking Datadog', async () => {
  let validations = 0;
  const rateLimit = new PerUserRateLimit(1, () => FIXED_NOW.getTime());
  const { home, events } = tab({
    probe: {
      validateApiKey: async () => {
        validations++;
        return { ok: true, value: { valid: true } };
      },
      getWorkflow: probe.getWorkflow,
    },
    rateLimit,
  });
  // A lookup took the user's one allowance this minute.
  expect(rateLimit.take(me.userId)).toBe(true);
  expect(await home.open(me)).toEqual({ kind: 'refused', reason: 'rate_limited' });
  expect(validations).toBe(0);
  expect(await home.open({ userId: 'U0OTHER' })).toMatchObject({ health: { ok: true } });
  expect(await home.open({ userId: 'U0OTHER' })).toEqual({ kind: 'refused', reason: 'rate_limited' });
  expect(events.map((event) => event.refusal)).toEqual(['rate_limited', undefined, 'rate_limited']);
});
