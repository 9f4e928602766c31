import { Readiness } from '../../src/slack/readiness';

test('ready once every pending check passes; a failure makes it not ready again, with its reason', () => {
  const readiness = new Readiness({ slack_token: 'not checked yet', socket_connection: 'connecting' });
  expect(readiness.report()).toEqual({
    ready: false,
    checks: { config: 'ok', slack_token: 'not checked yet', socket_connection: 'connecting' },
  });
  readiness.pass('slack_token');
  expect(readiness.ready).toBe(false);
  readiness.pass('socket_connection');
  expect(readiness.report()).toEqual({
    ready: true,
    checks: { config: 'ok', slack_token: 'ok', socket_connection: 'ok' },
  });
  readiness.fail('socket_connection', 'dropped');
  expect(readiness.report()).toEqual({
    ready: false,
    checks: { config: 'ok', slack_token: 'ok', socket_connection: 'dropped' },
  });
});

test('a reported-only check is shown but does not gate readiness', () => {
  const readiness = new Readiness({}, { store: 'opening' });
  expect(readiness.report()).toEqual({ ready: true, checks: { config: 'ok', store: 'opening' } });
  readiness.fail('store', 'down');
  expect(readiness.report()).toEqual({ ready: true, checks: { config: 'ok', store: 'down' } });
});
