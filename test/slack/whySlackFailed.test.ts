import { slackApiHost, whySlackFailed } from '../../src/slack/whySlackFailed';

/** Slack's failures as its SDK throws them, each said as one line naming the host. */

test("Slack's host: SLACK_API_URL's, or slack.com", () => {
  expect(slackApiHost(undefined)).toBe('slack.com');
  expect(slackApiHost('http://127.0.0.1:8080/api')).toBe('127.0.0.1:8080');
});

test('a network failure inside the SDK error: host, cause, next step', () => {
  const socketError = Object.assign(new Error('getaddrinfo ENOTFOUND slak.com'), { code: 'ENOTFOUND' });
  const sdkError = Object.assign(new Error('A request error occurred: fetch failed'), {
    original: new TypeError('fetch failed', { cause: socketError }),
  });
  expect(whySlackFailed(sdkError, 'slak.com')).toMatch(
    /^Slack \(slak\.com\) cannot be reached: the host name does not resolve \(ENOTFOUND\)\. Next: check SLACK_API_URL/,
  );
});

test("Socket Mode's apps.connections.open without a URL is said plainly, not as [object Object]", () => {
  const text = whySlackFailed(
    new Error('apps.connections.open did not return a URL! (response: [object Object])'),
    'proxy.example:8080',
  );
  expect(text).toBe(
    "Slack (proxy.example:8080) answered apps.connections.open without a WebSocket URL. Next: check that SLACK_API_URL is Slack's Web API (https://slack.com/api)",
  );
});

test('an HTTP error status from something that is not Slack names SLACK_API_URL', () => {
  const httpError = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 404'), { statusCode: 404 });
  expect(whySlackFailed(httpError, 'example.com')).toBe(
    "Slack (example.com) answered HTTP 404. Next: check that SLACK_API_URL is Slack's Web API (https://slack.com/api)",
  );
});

test("the WebSocket's own failure names the socket's host", () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  expect(whySlackFailed(refused, 'wss-primary.slack.com', "Slack's Socket Mode WebSocket")).toMatch(
    /^Slack's Socket Mode WebSocket \(wss-primary\.slack\.com\) cannot be reached: the connection was refused/,
  );
});
