import { errorMessage } from '../core/errorMessage';
import { classifyNetworkError } from '../core/networkFailure';
import { unreachableText } from '../render/networkFailure';

/** Slack's Web API host as configured (SLACK_API_URL's, or slack.com). */
export function slackApiHost(apiUrl: string | undefined): string {
  return new URL(apiUrl ?? 'https://slack.com/api').host;
}

/** Socket Mode's SDK, when apps.connections.open answers without one; it would show `[object Object]`. */
const NO_SOCKET_URL = /^apps\.connections\.open did not return a URL/;

/** A failed call to Slack, in one line for /readyz and the log: the host, the cause and what to do next. */
export function whySlackFailed(err: unknown, host: string, service = 'Slack'): string {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number')
    return `Slack (${host}) answered HTTP ${status}. Next: check that SLACK_API_URL is Slack's Web API (https://slack.com/api)`;
  if (NO_SOCKET_URL.test(errorMessage(err)))
    return `Slack (${host}) answered apps.connections.open without a WebSocket URL. Next: check that SLACK_API_URL is Slack's Web API (https://slack.com/api)`;
  const failure = classifyNetworkError(err);
  const message = failure ? undefined : errorMessage(err);
  return unreachableText({ service, host, settings: 'SLACK_API_URL' }, failure, message);
}
