import { loadBotConfig, loadDatadogConfig } from '../src/config';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', DD_API_KEY: 'api', DD_APP_KEY: 'app' };

test('defaults: US1 site, port 3000, info logs, 8 s per try and 20 s in all', () => {
  const loaded = loadBotConfig(BASE);
  expect(loaded).toMatchObject({
    ok: true,
    warnings: [],
    config: {
      site: 'datadoghq.com',
      apiUrl: undefined,
      logLevel: 'info',
      attemptTimeoutMs: 8000,
      deadlineMs: 20000,
      slack: { port: 3000, appToken: undefined },
    },
  });
});

test('Socket Mode needs an app token instead of the signing secret', () => {
  const { SLACK_SIGNING_SECRET: _unused, ...withoutSecret } = BASE;
  expect(loadBotConfig({ ...withoutSecret, SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({
    ok: true,
    config: { slack: { appToken: 'xapp-1', signingSecret: undefined } },
  });
  expect(loadBotConfig(withoutSecret)).toEqual({
    ok: false,
    problems: ['SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)'],
  });
  expect(loadBotConfig({ ...BASE, SLACK_APP_TOKEN: 'xoxb-wrong' })).toEqual({
    ok: false,
    problems: ['SLACK_APP_TOKEN must be an app-level token starting with xapp-'],
  });
});

test('sites are checked and normalised; URLs lose their trailing slash; empty values count as unset', () => {
  expect(loadDatadogConfig({ ...BASE, DD_SITE: ' DatadogHQ.EU ', DD_API_URL: 'http://127.0.0.1:9999/' })).toMatchObject(
    { ok: true, config: { site: 'datadoghq.eu', apiUrl: 'http://127.0.0.1:9999' } },
  );
  expect(loadDatadogConfig({ ...BASE, DD_API_KEY: '  ' })).toEqual({
    ok: false,
    problems: ['DD_API_KEY is required (a Datadog API key)'],
  });
  expect(loadBotConfig({ ...BASE, SLACK_APP_TOKEN: '' })).toMatchObject({
    ok: true,
    config: { slack: { appToken: undefined } },
  });
});

test('timeouts must be positive whole milliseconds', () => {
  expect(loadDatadogConfig({ ...BASE, DD_TIMEOUT_MS: '-5', DD_DEADLINE_MS: 'soon' })).toEqual({
    ok: false,
    problems: ['DD_TIMEOUT_MS must be above 0', 'DD_DEADLINE_MS must be a number of milliseconds'],
  });
});

test('the government sites warn that Workflow Automation is not offered there', () => {
  expect(loadDatadogConfig({ ...BASE, DD_SITE: 'us2.ddog-gov.com' })).toMatchObject({
    ok: true,
    warnings: [expect.stringContaining('does not offer Workflow Automation')],
  });
});

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-config-test', SLACK_SIGNING_SECRET: 'config-test-secret' };

test('without DD_DEMO both Datadog keys are required, each named once', () => {
  const loaded = loadDatadogConfig({});
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.problems.filter((p) => p.startsWith('DD_API_KEY'))).toEqual([
    'DD_API_KEY is required (a Datadog API key)',
  ]);
  expect(loaded.problems.filter((p) => p.startsWith('DD_APP_KEY'))).toHaveLength(1);
});

test('DD_DEMO=1 needs no Datadog keys, for the CLI and for the bot', () => {
  const datadog = loadDatadogConfig({ DD_DEMO: '1' });
  expect(datadog).toMatchObject({ ok: true, config: { demo: true, apiKey: '', site: 'datadoghq.com' } });
  expect(loadBotConfig({ ...SLACK, DD_DEMO: 'true' })).toMatchObject({ ok: true, config: { demo: true } });
});

test('DD_DEMO off, empty or absent is the real Datadog', () => {
  for (const value of ['0', 'false', '', undefined]) {
    expect(loadDatadogConfig({ DD_API_KEY: 'a', DD_APP_KEY: 'b', DD_DEMO: value })).toMatchObject({
      ok: true,
      config: { demo: false },
    });
  }
});

test('a DD_DEMO that is not a yes or no is named, with the key problems, never with its value', () => {
  const loaded = loadBotConfig({ ...SLACK, DD_DEMO: 'maybe-later' });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.problems).toEqual(
    expect.arrayContaining(['DD_DEMO must be 1 or 0', expect.stringMatching(/^DD_API_KEY is required/)]),
  );
  expect(loaded.problems.join('\n')).not.toContain('maybe-later');
});

test('LOG_FORMAT: auto by default (and when empty), json or pretty in any case; anything else is named', () => {
  expect(loadBotConfig(BASE)).toMatchObject({ ok: true, config: { logFormat: 'auto' } });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: '' })).toMatchObject({ ok: true, config: { logFormat: 'auto' } });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: ' JSON ' })).toMatchObject({ ok: true, config: { logFormat: 'json' } });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: 'pretty' })).toMatchObject({ ok: true, config: { logFormat: 'pretty' } });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: 'xml-please' })).toEqual({
    ok: false,
    problems: ['LOG_FORMAT must be one of auto, json, pretty'],
  });
});

test('the cache: minutes for ended runs, seconds for running ones, 0 keeps nothing; bad values are named', () => {
  expect(loadDatadogConfig(BASE)).toMatchObject({
    ok: true,
    config: {
      cache: {
        finishedTtlMs: 300_000,
        runningTtlMs: 3000,
        notFoundTtlMs: 10_000,
        maxEntries: 5000,
        maxBytes: 16 * 1024 * 1024,
      },
    },
  });
  expect(loadDatadogConfig({ ...BASE, CACHE_RUNNING_TTL_MS: '0' })).toMatchObject({
    ok: true,
    config: { cache: { runningTtlMs: 0 } },
  });
  expect(
    loadDatadogConfig({ ...BASE, CACHE_FINISHED_TTL_MS: '-1', CACHE_MAX_ENTRIES: '0', CACHE_MAX_BYTES: 'lots' }),
  ).toEqual({
    ok: false,
    problems: [
      'CACHE_FINISHED_TTL_MS must be 0 or more',
      'CACHE_MAX_ENTRIES must be above 0',
      'CACHE_MAX_BYTES must be a number',
    ],
  });
});

test('loopback response_urls are refused unless SLACK_ALLOW_LOOPBACK_RESPONSE_URL is 1', () => {
  expect(loadBotConfig(BASE)).toMatchObject({ ok: true, config: { slack: { allowLoopbackResponseUrl: false } } });
  expect(loadBotConfig({ ...BASE, SLACK_ALLOW_LOOPBACK_RESPONSE_URL: '1' })).toMatchObject({
    ok: true,
    config: { slack: { allowLoopbackResponseUrl: true } },
  });
  expect(loadBotConfig({ ...BASE, SLACK_ALLOW_LOOPBACK_RESPONSE_URL: 'yes please' })).toEqual({
    ok: false,
    problems: ['SLACK_ALLOW_LOOPBACK_RESPONSE_URL must be 1 or 0'],
  });
});
