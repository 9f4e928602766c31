import { loadBotConfig, redisPassword } from '../src/config/load';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', DD_API_KEY: 'api', DD_APP_KEY: 'app' };

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
  expect(redisPassword('rediss://:p%40ss-word-0123@h:6380')).toBe('p@ss-word-0123');
  expect(redisPassword('redis://user:pw-0123456789@h:6379/0')).toBe('pw-0123456789');
  expect(redisPassword('redis://127.0.0.1:6379')).toBeUndefined();
});
