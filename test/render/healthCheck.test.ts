import type { HealthOutcome } from '../../src/core/healthCheck';
import { healthCheckBlocks, healthCheckLines } from '../../src/render/healthCheck';

/** The health check's words, part by part: what passed, what failed and why, what was not checked. */

const at = new Date('2026-11-29T03:00:00Z');
const allGood: HealthOutcome = {
  ok: true,
  site: 'datadoghq.eu',
  reachable: { status: 'pass' },
  apiKey: { status: 'pass' },
  appKey: { status: 'pass' },
  at,
};

test('all passing: three ticks and the all-good line', () => {
  expect(healthCheckLines(allGood)).toEqual([
    ':white_check_mark: *Reachable*: Datadog answered',
    ':white_check_mark: *DD_API_KEY*: valid',
    ":white_check_mark: *DD_APP_KEY*: valid, with `workflows_read` (a workflow lookup got Datadog's 404 for a workflow that does not exist, not 403)",
    'All good: the bot can read workflow runs with these settings.',
  ]);
});

test('unreachable without a known cause: the host and the code, and both keys not checked', () => {
  expect(
    healthCheckLines({
      ...allGood,
      ok: false,
      reachable: { status: 'fail', failure: { kind: 'unreachable', code: 'ENOTFOUND' } },
      apiKey: { status: 'skipped', because: 'unreachable' },
      appKey: { status: 'skipped', because: 'api_key' },
    }),
  ).toEqual([
    ':x: *Reachable*: Datadog (api.datadoghq.eu) cannot be reached (ENOTFOUND). Next: check DD_SITE and DD_API_URL, and HTTPS_PROXY behind a proxy',
    ':fast_forward: *DD_API_KEY*: not checked, Datadog must be reachable first',
    ':fast_forward: *DD_APP_KEY*: not checked, it needs a valid API key first',
    "Fix the part marked :x:; the bot's lookups fail until then.",
  ]);
});

test('a time-out: how long it waited, and the firewall or proxy to look at', () => {
  const [line] = healthCheckLines({
    ...allGood,
    ok: false,
    reachable: { status: 'fail', failure: { kind: 'timeout', afterMs: 8000 } },
  });
  expect(line).toBe(
    ':x: *Reachable*: Datadog (api.datadoghq.eu) cannot be reached: no answer in time (8 s). Next: a firewall may drop the traffic; if this network reaches the internet only through a proxy, set HTTPS_PROXY',
  );
});

test.each<[HealthOutcome['apiKey'], string]>([
  [{ status: 'invalid' }, ':x: *DD_API_KEY*: Datadog says this API key is not valid'],
  [
    { status: 'refused', httpStatus: 403 },
    ':x: *DD_API_KEY*: refused (HTTP 403): a wrong key, or a key of an org on another site than DD_SITE *datadoghq.eu*',
  ],
  [
    { status: 'unknown', failure: { kind: 'unavailable', status: 502 } },
    ':x: *DD_API_KEY*: could not be checked: Datadog is having trouble',
  ],
])('API key %j', (apiKey, line) => {
  expect(healthCheckLines({ ...allGood, ok: false, apiKey })[1]).toBe(line);
});

test.each<[HealthOutcome['appKey'], string]>([
  [
    { status: 'refused', httpStatus: 403 },
    ':x: *DD_APP_KEY*: refused (HTTP 403) on a workflow lookup: the application key is wrong, belongs to another org, or lacks the `workflows_read` permission. This is what makes the bot answer 403.',
  ],
  [
    { status: 'unknown', failure: { kind: 'rate_limited', retryAfterSeconds: 5 } },
    ':x: *DD_APP_KEY*: could not be checked: Datadog is rate-limiting the bot',
  ],
])('application key %j', (appKey, line) => {
  expect(healthCheckLines({ ...allGood, ok: false, appKey })[2]).toBe(line);
});

test("App Home's blocks: the same lines, then when the check was made", () => {
  const blocks = healthCheckBlocks(allGood);
  expect(blocks).toHaveLength(2);
  expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: healthCheckLines(allGood).join('\n') } });
  expect(JSON.stringify(blocks[1])).toMatch(/Checked <!date\^1795921200\^[^>]*>, when you opened this tab\./);
});

test('unreachable with a known cause: the host, the cause and what to do next', () => {
  const [line] = healthCheckLines({
    ...allGood,
    ok: false,
    host: 'dd.example.invalid',
    reachable: { status: 'fail', failure: { kind: 'unreachable', code: 'ENOTFOUND', cause: 'dns' } },
  });
  expect(line).toBe(
    ':x: *Reachable*: Datadog (dd.example.invalid) cannot be reached: the host name does not resolve (ENOTFOUND). Next: check DD_SITE and DD_API_URL for a typo; if this network reaches the internet only through a proxy, set HTTPS_PROXY',
  );
  const [siteLine] = healthCheckLines({
    ...allGood,
    ok: false,
    reachable: { status: 'fail', failure: { kind: 'unreachable', code: 'HTTP 403', cause: 'proxy_refused' } },
  });
  expect(siteLine).toContain(
    'Datadog (api.datadoghq.eu) cannot be reached: the proxy refused to connect to it (HTTP 403)',
  );
});
