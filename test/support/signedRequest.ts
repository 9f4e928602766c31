import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
}

/** Posts a form body to the app the way Slack does: v0 HMAC-SHA256 over `v0:{timestamp}:{body}`. */
export async function postSigned(
  url: string,
  form: Record<string, string>,
  options: SignedPostOptions = {},
): Promise<{ status: number; body: string; ms: number }> {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
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
