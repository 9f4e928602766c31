import type { DatadogFailure, DatadogResult } from '../../src/core/failures';
import { DatadogReachability } from '../../src/slack/datadogReachability';
import { Readiness } from '../../src/slack/readiness';
import { eventually } from '../support/follows';
import { RecordingLog } from '../support/recordingLog';

/** When DatadogReachability probes again, and what it tells /readyz and the log, with Datadog's answers scripted. */

type Validated = DatadogResult<{ valid: boolean }>;

const ANSWERED: Validated = { ok: true, value: { valid: true } };
const REFUSED: DatadogFailure = { kind: 'unreachable', cause: 'refused', code: 'ECONNREFUSED' };

/** A probe answering each call with the next of `answers` (the last repeats), counting calls. */
function scriptedProbe(...answers: Validated[]) {
  const probe = {
    host: 'api.datadoghq.eu',
    calls: 0,
    validateApiKey: async () => answers[Math.min(probe.calls++, answers.length - 1)] as Validated,
  };
  return probe;
}

const watchers: DatadogReachability[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.stop();
});

function reachability(firstMs = 5) {
  const readiness = new Readiness({}, { datadog: 'not asked yet' });
  const log = new RecordingLog();
  const watcher = new DatadogReachability({ readiness, log, backoff: { firstMs, maxMs: firstMs * 2 } });
  watchers.push(watcher);
  const datadogCheck = () => readiness.report().checks.datadog;
  return { readiness, log, watcher, datadogCheck };
}

test('refused, then answered: the reason while it fails, "ok" after, the loop ends, and the log says each', async () => {
  const { log, watcher, datadogCheck } = reachability();
  const probe = scriptedProbe({ ok: false, failure: REFUSED }, { ok: false, failure: REFUSED }, ANSWERED);
  const first = await watcher.watch(probe);
  expect(first.reachable).toEqual({ status: 'fail', failure: REFUSED });
  expect(datadogCheck()).toBe(
    'Datadog (api.datadoghq.eu) cannot be reached: the connection was refused (ECONNREFUSED). Next: check DD_SITE and DD_API_URL, or the proxy in HTTPS_PROXY; retrying',
  );
  await eventually('Datadog answered', () => datadogCheck() === 'ok');
  expect(probe.calls).toBe(3);
  expect(log.events.map(({ level, message }) => `${level} ${message}`)).toEqual([
    'warn datadog cannot be reached, retrying',
    'warn datadog cannot be reached, retrying',
    'info datadog answers again',
  ]);
});

test('a key Datadog refuses: reachable, with one warn line naming DD_API_KEY and --check', async () => {
  const { log, watcher, datadogCheck } = reachability();
  await watcher.watch(scriptedProbe({ ok: false, failure: { kind: 'forbidden', status: 403 } }));
  expect(datadogCheck()).toBe('ok');
  expect(log.events.at(-1)).toEqual({
    level: 'warn',
    message: 'datadog did not accept DD_API_KEY: every lookup fails until it is fixed; run dd-instance --check',
    fields: { host: 'api.datadoghq.eu', api_key: 'refused' },
  });
});

test('a lookup that never reached Datadog starts probing again; a cut, a time-out or an answer does not', async () => {
  // No retry within the test: each probe counted is one a failure started.
  const { watcher, datadogCheck } = reachability(60_000);
  const probe = scriptedProbe(ANSWERED, { ok: false, failure: REFUSED });
  await watcher.watch(probe);
  expect(probe.calls).toBe(1);
  watcher.observe({ ok: false, failure: { kind: 'unreachable', cause: 'cut', code: 'ECONNRESET' } });
  watcher.observe({ ok: false, failure: { kind: 'timeout', afterMs: 5000 } });
  watcher.observe({ ok: false, failure: { kind: 'unavailable', status: 503 } });
  watcher.observe({ ok: true, value: undefined });
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(probe.calls).toBe(1);
  expect(datadogCheck()).toBe('ok');
  // Concurrent failures share one probing.
  watcher.observe({ ok: false, failure: REFUSED });
  watcher.observe({ ok: false, failure: REFUSED });
  await eventually('the probe ran', () => datadogCheck() !== 'ok');
  expect(probe.calls).toBe(2);
  expect(datadogCheck()).toMatch(/^Datadog \(api\.datadoghq\.eu\) cannot be reached: the connection was refused/);
});

test('an answer from any call passes the check at once; stop ends probing', async () => {
  const { watcher, datadogCheck } = reachability();
  const probe = scriptedProbe({ ok: false, failure: REFUSED });
  await watcher.watch(probe);
  expect(datadogCheck()).toMatch(/cannot be reached/);
  watcher.observe({ ok: false, failure: { kind: 'not_found', what: 'instance' } });
  expect(datadogCheck()).toBe('ok');
  watcher.stop();
  const calls = probe.calls;
  await new Promise((resolve) => setTimeout(resolve, 40));
  expect(probe.calls).toBeLessThanOrEqual(calls + 1);
});

test('before watch, a failure from the road has no probe to run and changes nothing', () => {
  const { watcher, datadogCheck } = reachability();
  watcher.observe({ ok: false, failure: REFUSED });
  expect(datadogCheck()).toBe('not asked yet');
});
