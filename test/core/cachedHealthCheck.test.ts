import { CachedHealthCheck, HOME_HEALTH_TTL_MS } from '../../src/core/cachedHealthCheck';
import type { DatadogProbe } from '../../src/core/surfacePorts';
import { FIXED_NOW } from '../support/fakeSource';

/** App Home's health check: one Datadog check per 30 s however many ask, shared while it runs. */

function countingProbe() {
  const asked = { validations: 0 };
  let release: () => void = () => undefined;
  const gate = { open: Promise.resolve() };
  const probe: DatadogProbe = {
    validateApiKey: async () => {
      asked.validations++;
      await gate.open;
      return { ok: true, value: { valid: true } };
    },
    getWorkflow: async () => ({ ok: false, failure: { kind: 'not_found', what: 'workflow' } }),
  };
  const hold = () => {
    gate.open = new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  return { probe, asked, hold, release: () => release() };
}

function clockAt(start: Date) {
  let now = start.getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms), set: (at: number) => (now = at) };
}

test('checks asked for while one is under way share it: Datadog is asked once', async () => {
  const { probe, asked, hold, release } = countingProbe();
  const time = clockAt(FIXED_NOW);
  const health = new CachedHealthCheck(probe, 'datadoghq.com', time.clock);
  hold();
  const opens = Array.from({ length: 50 }, () => health.check());
  release();
  const outcomes = await Promise.all(opens);
  expect(asked.validations).toBe(1);
  expect(new Set(outcomes).size).toBe(1);
  expect(outcomes[0]).toMatchObject({ ok: true, at: FIXED_NOW });
});

test('the outcome is reused until it is 30 s old, keeping the time Datadog was asked; then Datadog is asked again', async () => {
  const { probe, asked } = countingProbe();
  const time = clockAt(FIXED_NOW);
  const health = new CachedHealthCheck(probe, 'datadoghq.com', time.clock);
  await health.check();
  time.advance(HOME_HEALTH_TTL_MS - 1);
  expect(await health.check()).toMatchObject({ at: FIXED_NOW });
  expect(asked.validations).toBe(1);
  time.advance(1);
  const again = await health.check();
  expect(asked.validations).toBe(2);
  expect(again.at.getTime()).toBe(FIXED_NOW.getTime() + HOME_HEALTH_TTL_MS);
});

test('a clock set back does not keep an old check forever', async () => {
  const { probe, asked } = countingProbe();
  const time = clockAt(FIXED_NOW);
  const health = new CachedHealthCheck(probe, 'datadoghq.com', time.clock);
  await health.check();
  time.set(FIXED_NOW.getTime() - 60 * 60_000);
  await health.check();
  expect(asked.validations).toBe(2);
});
