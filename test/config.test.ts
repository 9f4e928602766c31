import { loadBotConfig, loadDatadogConfig } from '../src/config';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-config-test', SLACK_SIGNING_SECRET: 'config-test-secret' };

test('without DD_DEMO both Datadog keys are required, each named once', () => {
  const loaded = loadDatadogConfig({});
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.problems.filter((p) => p.startsWith('DD_API_KEY'))).toEqual(['DD_API_KEY is required (a Datadog API key)']);
  expect(loaded.problems.filter((p) => p.startsWith('DD_APP_KEY'))).toHaveLength(1);
});

test('DD_DEMO=1 needs no Datadog keys, for the CLI and for the bot', () => {
  const datadog = loadDatadogConfig({ DD_DEMO: '1' });
  expect(datadog).toMatchObject({ ok: true, config: { demo: true, apiKey: '', site: 'datadoghq.com' } });
  expect(loadBotConfig({ ...SLACK, DD_DEMO: 'true' })).toMatchObject({ ok: true, config: { demo: true } });
});

test('DD_DEMO off, empty or absent is the real Datadog', () => {
  for (const value of ['0', 'false', '', undefined]) {
    expect(loadDatadogConfig({ DD_API_KEY: 'a', DD_APP_KEY: 'b', DD_DEMO: value })).toMatchObject({ ok: true, config: { demo: false } });
  }
});

test('a DD_DEMO that is not a yes or no is named, with the key problems, never with its value', () => {
  const loaded = loadBotConfig({ ...SLACK, DD_DEMO: 'maybe-later' });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.problems).toEqual(expect.arrayContaining(['DD_DEMO must be 1 or 0', expect.stringMatching(/^DD_API_KEY is required/)]));
  expect(loaded.problems.join('\n')).not.toContain('maybe-later');
});
