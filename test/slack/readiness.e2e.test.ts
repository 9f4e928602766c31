import { eventually } from '../support/follows';
import { freePort } from '../support/freePort';
import { withBotUnderTest } from '../support/runningBot';

/** Slack out of reach at start-up: /readyz names Slack's host, the cause, and the setting to check. */

async function readyz(port: number): Promise<{ status: number; slackToken: string }> {
  const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
  const body = (await answer.json()) as { checks: { slack_token: string } };
  return { status: answer.status, slackToken: body.checks.slack_token };
}

async function readinessWhenUnreachable(apiUrl: string): Promise<{ status: number; slackToken: string }> {
  let seen = { status: 0, slackToken: '' };
  await withBotUnderTest({ SLACK_API_URL: apiUrl }, async ({ bot, logs }) => {
    await eventually('auth.test failed once', () => logs.some((line) => line.includes('slack auth.test failed')));
    seen = await readyz(bot.port);
    // The start-up log names the host and the cause too.
    const reason = seen.slackToken.replace(/^Slack has not answered auth\.test yet: /, '').replace(/; retrying$/, '');
    expect(logs.find((line) => line.includes('slack auth.test failed'))).toContain(JSON.stringify(reason));
  });
  return seen;
}

test('a closed port: 503, the host and "refused", and SLACK_API_URL to check', async () => {
  const port = await freePort();
  const { status, slackToken } = await readinessWhenUnreachable(`http://127.0.0.1:${port}/api`);
  expect(status).toBe(503);
  expect(slackToken).toBe(
    `Slack has not answered auth.test yet: Slack (127.0.0.1:${port}) cannot be reached: the connection was refused (ECONNREFUSED). Next: check SLACK_API_URL, or the proxy in HTTPS_PROXY; retrying`,
  );
});

test('an unknown host: 503, the host and the name that does not resolve', async () => {
  const { status, slackToken } = await readinessWhenUnreachable('https://nonexistent.invalid/api');
  expect(status).toBe(503);
  expect(slackToken).toMatch(
    /^Slack has not answered auth\.test yet: Slack \(nonexistent\.invalid\) cannot be reached: the host name does not resolve \((ENOTFOUND|EAI_AGAIN)\)\. Next: check SLACK_API_URL for a typo; /,
  );
});
