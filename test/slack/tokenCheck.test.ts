import { Readiness } from '../../src/slack/readiness';
import { checkBotToken, SlackIdentity, type TokenCheckDeps } from '../../src/slack/tokenCheck';
import { RecordingLog } from '../support/recordingLog';
import { type SlackStandIn, startSlackStandIn, webClientOn } from '../support/slackStandIn';

/** auth.test against a loopback Slack Web API: accepted, rejected, and unreachable until it answers. */

const TOKEN = 'xoxb-token-check-test';

let slack: SlackStandIn;
beforeEach(async () => {
  slack = await startSlackStandIn();
});
afterEach(() => slack.close());

function deps(signal = new AbortController().signal): TokenCheckDeps & { readiness: Readiness; log: RecordingLog } {
  return {
    client: webClientOn(slack),
    token: TOKEN,
    apiHost: new URL(slack.apiUrl).host,
    readiness: new Readiness({ slack_token: 'not checked yet' }),
    log: new RecordingLog(),
    backoff: { firstMs: 10, maxMs: 20 },
    signal,
  };
}

test('an accepted token: the bot identity, slack_token ready, the token sent to auth.test', async () => {
  const check = deps();
  const answer = await checkBotToken(check);
  expect(answer).toEqual({ ok: true, identity: { botId: 'B0BOT', botUserId: 'U0BOT' } });
  expect(check.readiness.report().checks.slack_token).toBe('ok');
  expect(slack.apiCalls('auth.test')[0]?.body.token).toBe(TOKEN);
  const identity = new SlackIdentity();
  expect(identity.current).toEqual({});
  identity.learn(answer);
  expect(identity.current).toEqual({ botUserId: 'U0BOT', botId: 'B0BOT' });
});

test('a rejected token is not retried: the rejection, and slack_token names it', async () => {
  slack.answerAuthTest({ error: 'token_revoked' });
  const check = deps();
  const answer = await checkBotToken(check);
  expect(answer).toEqual({ ok: false, rejection: 'token_revoked' });
  expect(check.readiness.report().checks.slack_token).toBe('Slack rejected SLACK_BOT_TOKEN (token_revoked)');
  expect(slack.apiCalls('auth.test')).toHaveLength(1);
  const identity = new SlackIdentity();
  identity.learn(answer);
  expect(identity.current).toEqual({});
});

test('Slack dropping the connection, then failing, then answering: retried with warnings until accepted', async () => {
  slack.answerAuthTest('drop', { error: 'internal_error' }, 'ok');
  const check = deps();
  expect(await checkBotToken(check)).toMatchObject({ ok: true });
  expect(slack.apiCalls('auth.test')).toHaveLength(3);
  const retries = check.log.events.filter((event) => event.message === 'slack auth.test failed, retrying');
  expect(retries.map((event) => event.fields?.attempt)).toEqual([1, 2]);
  expect(retries[1]?.fields?.reason).toBe('internal_error');
  // A dropped connection is named with Slack's host and what happened.
  expect(retries[0]?.fields?.reason).toBe(
    `Slack (${new URL(slack.apiUrl).host}) cannot be reached: the connection was cut before an answer (UND_ERR_SOCKET). Next: check SLACK_API_URL and HTTPS_PROXY`,
  );
  expect(JSON.stringify(check.log.events)).not.toContain(TOKEN);
});

test('stopping while Slack is unreachable ends the retries with no answer', async () => {
  slack.answerAuthTest('drop');
  const stopping = new AbortController();
  const check = deps(stopping.signal);
  const answered = checkBotToken(check);
  while (slack.apiCalls('auth.test').length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  stopping.abort();
  expect(await answered).toBeUndefined();
  expect(check.readiness.report().checks.slack_token).toMatch(/^Slack has not answered auth\.test yet/);
});
