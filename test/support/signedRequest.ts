import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
}

/** Posts a form body to the app the way Slack does: v0 HMAC-SHA256 over `v0:{timestamp}:{body}`. */
export function postSigned(
  url: string,
  form: Record<string, string>,
  options: SignedPostOptions = {},
): Promise<{ status: number; body: string; ms: number }> {
  return postSignedBody(url, new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded', options);
}

export interface SignedEventOptions extends SignedPostOptions {
  /** Slack's X-Slack-Retry-Num on a redelivery (with X-Slack-Retry-Reason http_timeout). */
  retryNum?: number;
}

/** Posts an Events API delivery (a JSON body), signed; a retry carries Slack's retry headers. */
export function postSignedEvent(
  url: string,
  envelope: Record<string, unknown>,
  { retryNum, ...options }: SignedEventOptions = {},
): Promise<{ status: number; body: string; ms: number }> {
  if (retryNum === undefined) return postSignedBody(url, JSON.stringify(envelope), 'application/json', options);
  const retry = { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' };
  // Slack signs each retry anew, later than the first delivery: never the same signature, which would be a replay.
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000) + retryNum;
  return postSignedBody(url, JSON.stringify(envelope), 'application/json', { ...options, timestamp }, retry);
}

async function postSignedBody(
  url: string,
  body: string,
  contentType: string,
  options: SignedPostOptions,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; ms: number }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}

export function slashCommand(text: string, responseUrl: string): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: 'C0INCIDENT',
    channel_name: 'incident-42',
    user_id: 'U0ONCALL',
    user_name: 'oncall',
    command: '/dd-instance',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: '1234.5678.abcdef',
  };
}

/** An interactive payload (shortcut, block action) is form-encoded JSON under `payload`. */
export function interactive(payload: Record<string, unknown>): Record<string, string> {
  return { payload: JSON.stringify(payload) };
}

export function messageShortcut(message: Record<string, unknown>, responseUrl: string): Record<string, string> {
  return interactive({
    type: 'message_action',
    callback_id: 'lookup_datadog_run',
    trigger_id: '1234.5678.abcdef',
    response_url: responseUrl,
    team: { id: 'T0001', domain: 'example' },
    channel: { id: 'C0INCIDENT', name: 'incident-42' },
    user: { id: 'U0ONCALL', name: 'oncall' },
    message_ts: '1700000000.000100',
    message: { type: 'message', ts: '1700000000.000100', user: 'U0OTHER', ...message },
    token: 'deprecated-verification-token',
    api_app_id: 'A0APP',
  });
}

/** The Events API envelope Slack posts for one event. */
export function eventEnvelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'U0BOT', is_bot: true }],
  };
}

/** A message with these links was posted in #incident-42 (source conversations_history). */
export function linkShared(eventId: string, urls: string[]): Record<string, unknown> {
  return eventEnvelope(eventId, {
    type: 'link_shared',
    channel: 'C0INCIDENT',
    is_bot_user_member: true,
    user: 'U0ONCALL',
    message_ts: '1700000000.000200',
    unfurl_id: 'C0INCIDENT.1700000000.000200.abcdef',
    source: 'conversations_history',
    links: urls.map((url) => ({ domain: new URL(url).hostname.split('.').slice(-2).join('.'), url })),
    event_ts: '1700000000.000200',
  });
}

/** The user opened the app's Home tab. */
export function appHomeOpened(eventId: string, user = 'U0ONCALL'): Record<string, unknown> {
  return eventEnvelope(eventId, {
    type: 'app_home_opened',
    user,
    channel: 'D0HOME',
    tab: 'home',
    event_ts: '1700000000.000300',
  });
}
