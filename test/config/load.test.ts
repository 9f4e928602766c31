import { loadBotConfig, loadDatadogConfig, secretValues, urlPassword } from '../../src/config/load';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', DD_API_KEY: 'api', DD_APP_KEY: 'app' };

test('defaults: US1 site, port 3000, info logs, 8 s per try and 20 s in all', () => {
  const loaded = loadBotConfig(BASE);
  expect(loaded).toMatchObject({
    ok: true,
    warnings: [],
    config: {
      datadog: { site: 'datadoghq.com', apiUrl: undefined, attemptTimeoutMs: 8000, deadlineMs: 20000 },
      operations: { logLevel: 'info' },
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
    { ok: true, config: { datadog: { site: 'datadoghq.eu', apiUrl: 'http://127.0.0.1:9999' } } },
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
  expect(datadog).toMatchObject({
    ok: true,
    config: { datadog: { demo: true, apiKey: undefined, site: 'datadoghq.com' } },
  });
  expect(loadBotConfig({ ...SLACK, DD_DEMO: 'true' })).toMatchObject({ ok: true, config: { datadog: { demo: true } } });
});

test('DD_DEMO off, empty or absent is the real Datadog', () => {
  for (const value of ['0', 'false', '', undefined]) {
    expect(loadDatadogConfig({ DD_API_KEY: 'a', DD_APP_KEY: 'b', DD_DEMO: value })).toMatchObject({
      ok: true,
      config: { datadog: { demo: false } },
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
  expect(loadBotConfig(BASE)).toMatchObject({ ok: true, config: { operations: { logFormat: 'auto' } } });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: '' })).toMatchObject({
    ok: true,
    config: { operations: { logFormat: 'auto' } },
  });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: ' JSON ' })).toMatchObject({
    ok: true,
    config: { operations: { logFormat: 'json' } },
  });
  expect(loadBotConfig({ ...BASE, LOG_FORMAT: 'pretty' })).toMatchObject({
    ok: true,
    config: { operations: { logFormat: 'pretty' } },
  });
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

test('trust settings: open by default; lists are split on commas; a bad entry names the setting, never its value', () => {
  expect(loadBotConfig(BASE)).toMatchObject({
    ok: true,
    config: {
      access: {
        teamIds: [],
        channelIds: [],
        userIds: [],
        usergroupIds: [],
        workflowIds: [],
        shareEnabled: true,
        showInitiatorEmail: false,
        rateLimitPerMinute: 30,
      },
      operations: { auditLogFile: undefined, replyMaxPending: 500 },
      datadog: { maxConcurrent: 8, maxQueued: 100 },
    },
  });
  const wf = '6F1C2D3E-4A5B-4C6D-8E7F-9A0B1C2D3E4F';
  expect(
    loadBotConfig({
      ...BASE,
      ALLOWED_TEAM_IDS: ' T0001, E0ORG ,',
      ALLOWED_CHANNEL_IDS: 'C0INCIDENT',
      ALLOWED_USER_IDS: 'U0ONE,W0TWO',
      ALLOWED_USERGROUP_IDS: 'S0SRE',
      ALLOWED_WORKFLOW_IDS: wf,
      SHARE_ENABLED: '0',
      SHOW_INITIATOR_EMAIL: '1',
      AUDIT_LOG_FILE: '/var/log/dd-instance-audit.jsonl',
      RATE_LIMIT_PER_MINUTE: '5',
      REPLY_MAX_PENDING: '20',
      DD_MAX_CONCURRENT: '2',
      DD_MAX_QUEUED: '0',
    }),
  ).toMatchObject({
    ok: true,
    config: {
      access: {
        teamIds: ['T0001', 'E0ORG'],
        channelIds: ['C0INCIDENT'],
        userIds: ['U0ONE', 'W0TWO'],
        usergroupIds: ['S0SRE'],
        workflowIds: [wf.toLowerCase()],
        shareEnabled: false,
        showInitiatorEmail: true,
        rateLimitPerMinute: 5,
      },
      operations: { auditLogFile: '/var/log/dd-instance-audit.jsonl', replyMaxPending: 20 },
      datadog: { maxConcurrent: 2, maxQueued: 0 },
    },
  });
  const bad = loadBotConfig({
    ...BASE,
    ALLOWED_TEAM_IDS: 'T0001,secret-team',
    ALLOWED_CHANNEL_IDS: 'U0NOTACHANNEL',
    ALLOWED_USER_IDS: 'C0NOTAUSER',
    ALLOWED_USERGROUP_IDS: 'U0NOTAGROUP',
    ALLOWED_WORKFLOW_IDS: 'not-a-uuid',
    RATE_LIMIT_PER_MINUTE: '0',
    REPLY_MAX_PENDING: '0',
    DD_MAX_CONCURRENT: '0',
  });
  expect(bad.ok).toBe(false);
  const problems = bad.ok ? [] : bad.problems;
  expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(
    [
      'ALLOWED_CHANNEL_IDS',
      'ALLOWED_TEAM_IDS',
      'ALLOWED_USERGROUP_IDS',
      'ALLOWED_USER_IDS',
      'ALLOWED_WORKFLOW_IDS',
      'DD_MAX_CONCURRENT',
      'RATE_LIMIT_PER_MINUTE',
      'REPLY_MAX_PENDING',
    ].sort(),
  );
  expect(problems.join('\n')).not.toMatch(/secret-team|NOTA|not-a-uuid/);
});

test('follow defaults: SQLite under ./data, 24 h maximum age, 5 s to 60 s polls, 20 per user, 200 in all', () => {
  expect(loadBotConfig(BASE)).toMatchObject({
    ok: true,
    config: {
      follow: {
        dataDir: './data',
        redisUrl: undefined,
        maxAgeMs: 86_400_000,
        pollMinMs: 5000,
        pollMaxMs: 60_000,
        leaseMs: 30_000,
        maxPerUser: 20,
        maxTotal: 200,
      },
    },
  });
});

test('an empty REDIS_URL means unset; a set one gets the default prefix and verified TLS', () => {
  expect(loadBotConfig({ ...BASE, REDIS_URL: '  ' })).toMatchObject({
    ok: true,
    config: { follow: { redisUrl: undefined } },
  });
  expect(loadBotConfig({ ...BASE, REDIS_URL: 'rediss://h:6380', REDIS_TLS_VERIFY: '0' })).toMatchObject({
    ok: true,
    config: { follow: { redisUrl: 'rediss://h:6380', redisPrefix: 'dd-instance:', redisTlsVerify: false } },
  });
});

test('bad follow settings are named without their values', () => {
  const loaded = loadBotConfig({
    ...BASE,
    REDIS_URL: 'http://secret-host:6379',
    FOLLOW_MAX_PER_USER: '0',
    FOLLOW_POLL_MIN_MS: 'soon',
  });
  expect(loaded).toEqual({
    ok: false,
    problems: [
      'REDIS_URL must be a redis:// or rediss:// URL',
      'FOLLOW_POLL_MIN_MS must be a number of milliseconds',
      'FOLLOW_MAX_PER_USER must be above 0',
    ],
  });
  expect(JSON.stringify(loaded)).not.toContain('secret-host');
});

test('the password inside REDIS_URL is known, so the log can blank it', () => {
  expect(urlPassword('rediss://:p%40ss-word-0123@h:6380')).toBe('p@ss-word-0123');
  expect(urlPassword('redis://user:pw-0123456789@h:6379/0')).toBe('pw-0123456789');
  expect(urlPassword('redis://127.0.0.1:6379')).toBeUndefined();
});

test('proxies: none by default; each read in either case, the lower-case one winning when set, as curl does', () => {
  expect(loadBotConfig(BASE)).toMatchObject({ ok: true, config: { network: {} } });
  const loaded = loadBotConfig({
    ...BASE,
    HTTPS_PROXY: 'http://upper:3128',
    https_proxy: 'http://lower:3128/',
    HTTP_PROXY: 'http://plain:3128',
    http_proxy: ' ',
    no_proxy: 'localhost,.internal',
  });
  expect(loaded).toMatchObject({
    ok: true,
    config: {
      network: { httpsProxy: 'http://lower:3128', httpProxy: 'http://plain:3128', noProxy: 'localhost,.internal' },
    },
  });
  // The CLI reaches Datadog through the same proxy.
  expect(loadDatadogConfig({ DD_DEMO: '1', HTTPS_PROXY: 'http://upper:3128' })).toMatchObject({
    config: { network: { httpsProxy: 'http://upper:3128' } },
  });
});

test('a proxy that is not an http(s) URL is named by the spelling that was read, never with its value', () => {
  const loaded = loadBotConfig({ ...BASE, https_proxy: 'proxy-host-1:3128', HTTP_PROXY: 'socks://h' });
  expect(loaded).toEqual({
    ok: false,
    problems: [
      'https_proxy must be an http(s) URL, e.g. http://127.0.0.1:8126',
      'HTTP_PROXY must be an http(s) URL, e.g. http://127.0.0.1:8126',
    ],
  });
  expect(JSON.stringify(loaded)).not.toContain('proxy-host-1');
});

test("a proxy's password is masked like the tokens", () => {
  const loaded = loadBotConfig({ ...BASE, HTTPS_PROXY: 'http://me:proxy-pass-0123@proxy:3128' });
  expect(loaded.ok && secretValues(loaded.config)).toContain('proxy-pass-0123');
});
