import { loadBotConfig, loadDatadogConfig } from '../src/config';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', DD_API_KEY: 'api', DD_APP_KEY: 'app' };

test('defaults: US1 site, port 3000, info logs, 8 s per try and 20 s in all', () => {
  const loaded = loadBotConfig(BASE);
  expect(loaded).toMatchObject({ ok: true, warnings: [], config: { site: 'datadoghq.com', apiUrl: undefined, logLevel: 'info', attemptTimeoutMs: 8000, deadlineMs: 20000, slack: { port: 3000, appToken: undefined } } });
});

test('Socket Mode needs an app token instead of the signing secret', () => {
  const { SLACK_SIGNING_SECRET: _unused, ...withoutSecret } = BASE;
  expect(loadBotConfig({ ...withoutSecret, SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ ok: true, config: { slack: { appToken: 'xapp-1', signingSecret: undefined } } });
  expect(loadBotConfig(withoutSecret)).toEqual({ ok: false, problems: ['SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)'] });
  expect(loadBotConfig({ ...BASE, SLACK_APP_TOKEN: 'xoxb-wrong' })).toEqual({ ok: false, problems: ['SLACK_APP_TOKEN must be an app-level token starting with xapp-'] });
});

test('sites are checked and normalised; URLs lose their trailing slash; empty values count as unset', () => {
  expect(loadDatadogConfig({ ...BASE, DD_SITE: ' DatadogHQ.EU ', DD_API_URL: 'http://127.0.0.1:9999/' })).toMatchObject({ ok: true, config: { site: 'datadoghq.eu', apiUrl: 'http://127.0.0.1:9999' } });
  expect(loadDatadogConfig({ ...BASE, DD_API_KEY: '  ' })).toEqual({ ok: false, problems: ['DD_API_KEY is required (a Datadog API key)'] });
  expect(loadBotConfig({ ...BASE, SLACK_APP_TOKEN: '' })).toMatchObject({ ok: true, config: { slack: { appToken: undefined } } });
});

test('timeouts must be positive whole milliseconds', () => {
  expect(loadDatadogConfig({ ...BASE, DD_TIMEOUT_MS: '-5', DD_DEADLINE_MS: 'soon' })).toEqual({
    ok: false,
    problems: ['DD_TIMEOUT_MS must be above 0', 'DD_DEADLINE_MS must be a number of milliseconds'],
  });
});

test('the government sites warn that Workflow Automation is not offered there', () => {
  expect(loadDatadogConfig({ ...BASE, DD_SITE: 'us2.ddog-gov.com' })).toMatchObject({ ok: true, warnings: [expect.stringContaining('does not offer Workflow Automation')] });
});
