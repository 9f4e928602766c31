import type { App } from '@slack/bolt';
import type { SlackTokenAnswer } from '../core/healthCheck';
import type { Log } from '../core/log';
import { type Backoff, nextDelay, RetryWarnings, sleep } from './backoff';
import type { Readiness } from './readiness';
import { whySlackFailed } from './whySlackFailed';

/** Slack's answers that mean the token itself is wrong: retrying cannot help, a person must fix it. */
export const TOKEN_REJECTIONS = ['invalid_auth', 'token_revoked', 'account_inactive'] as const;

export interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

export type TokenCheck = { ok: true; identity: BotIdentity } | { ok: false; rejection: string };

/** Who the bot is, as far as Slack has said: nothing until auth.test has accepted the token. */
export class SlackIdentity {
  private known: BotIdentity = {};

  get current(): BotIdentity {
    return this.known;
  }

  learn(check: TokenCheck | undefined): void {
    if (check?.ok) this.known = check.identity;
  }
}

export interface TokenCheckDeps {
  /** The Bolt app's own WebClient, so SLACK_API_URL and its timeouts apply. */
  client: App['client'];
  token: string;
  /** Slack's Web API host, named when it cannot be reached. */
  apiHost: string;
  readiness: Readiness;
  log: Log;
  backoff: Backoff;
  /** Stops the retries when the bot is stopping. */
  signal: AbortSignal;
}

/** Slack's error code on a platform error (`{ ok: false, error }`); undefined for network and HTTP errors. */
function platformError(err: unknown): string | undefined {
  const data = (err as { code?: unknown; data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function tokenRejectedMessage(rejection: string): string {
  return `SLACK_BOT_TOKEN was rejected by Slack (${rejection}): set the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page, then start again`;
}

/** One auth.test with `token`. */
export async function askSlack(client: App['client'], token: string, apiHost: string): Promise<SlackTokenAnswer> {
  try {
    const answer = await client.auth.test({ token });
    return { status: 'pass', team: answer.team_id, botId: answer.bot_id, botUserId: answer.user_id };
  } catch (err) {
    const code = platformError(err);
    if (code && (TOKEN_REJECTIONS as readonly string[]).includes(code)) return { status: 'rejected', code };
    return { status: 'unanswered', why: code ?? whySlackFailed(err, apiHost) };
  }
}

/**
 * `auth.test` until Slack answers: accepted → ready; rejected → the caller stops the bot; unreachable or
 * failing → tries again with capped backoff, for as long as it takes.
 */
export async function checkBotToken(deps: TokenCheckDeps): Promise<TokenCheck | undefined> {
  let delay = deps.backoff.firstMs;
  const warnings = new RetryWarnings(deps.log);
  for (let attempt = 1; !deps.signal.aborted; attempt++) {
    const answer = await askSlack(deps.client, deps.token, deps.apiHost);
    if (answer.status === 'pass') {
      deps.readiness.pass('slack_token');
      deps.log.info('slack accepted the bot token', { team: answer.team, bot: answer.botId, attempt });
      return { ok: true, identity: { botId: answer.botId, botUserId: answer.botUserId } };
    }
    if (answer.status === 'rejected') {
      deps.readiness.fail('slack_token', `Slack rejected SLACK_BOT_TOKEN (${answer.code})`);
      return { ok: false, rejection: answer.code };
    }
    deps.readiness.fail('slack_token', `Slack has not answered auth.test yet: ${answer.why}; retrying`);
    warnings.failed('slack auth.test failed, retrying', { reason: answer.why, attempt, retry_in_ms: delay });
    await sleep(delay, deps.signal);
    delay = nextDelay(delay, deps.backoff);
  }
  return undefined;
}
