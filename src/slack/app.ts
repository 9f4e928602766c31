import type { RequestListener } from 'node:http';
import { App, type CustomRoute, HTTPModuleFunctions, SocketModeReceiver } from '@slack/bolt';
import type { Dispatcher } from 'undici';
import type { Config } from '../config/settings';
import type { Log } from '../core/log';
import type { EventClaims } from '../core/surfacePorts';
import type { SecretMask } from '../render/secretMask';
import { boltLogger } from './boltLogger';
import { maskedFetch } from './maskedFetch';
import { fetchThrough } from './outbound';
import { FreshRequestReceiver } from './requestFreshness';
import type { SlackIdentity } from './tokenCheck';

export { HEALTH_PATH } from './healthRoutes';

/** The Slack settings, as declared in config/settings.ts. */
export type SlackSettings = Config['slack'];

export interface SlackAppParts {
  log: Log;
  /** LOG_LEVEL is debug: only then are Bolt's debug lines built. */
  debug: boolean;
  /** Every Web API call goes out through it (the proxy settings). */
  dispatcher: Dispatcher;
  /** `createSocketReceiver`'s in Socket Mode, `createHttpReceiver`'s over HTTP. */
  receiver: SocketModeReceiver | FreshRequestReceiver;
  /** Who the bot is, once auth.test has said so. */
  identity: SlackIdentity;
  /** Masks the configured secrets in everything sent through the Web API. */
  mask?: SecretMask;
}

/** Bolt's default WebClient retries for ~30 minutes: far too long behind an interactive click. */
export function slackClientOptions(slack: Pick<SlackSettings, 'apiUrl'>, dispatcher: Dispatcher, mask?: SecretMask) {
  const fetch = fetchThrough(dispatcher);
  return {
    slackApiUrl: slack.apiUrl ? `${slack.apiUrl}/` : undefined,
    retryConfig: { retries: 1, maxTimeout: 1000 },
    timeout: 5000,
    fetch: mask ? maskedFetch(mask, fetch) : fetch,
  };
}

/**
 * Socket Mode's receiver, serving no HTTP (the operations routes have a server of their own, see opsServer.ts).
 * Its own reconnect is off: `keepSocketConnected` reconnects, with backoff, also after the network errors on which
 * the SDK gives up. Its WebSocket and apps.connections.open go out through `dispatcher`.
 */
export function createSocketReceiver(
  slack: SlackSettings & { appToken: string },
  log: Log,
  debug: boolean,
  { dispatcher, pingTimeoutMs }: { dispatcher: Dispatcher; pingTimeoutMs?: number | undefined },
): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: slack.appToken,
    dispatcher,
    logger: boltLogger(log, debug),
    autoReconnectEnabled: false,
    clientPingTimeout: pingTimeoutMs,
    // Socket Mode opens its connection with its own WebClient, which reads installerOptions.clientOptions.
    installerOptions: { clientOptions: slackClientOptions(slack, dispatcher) },
  });
}

/**
 * Slack's requests over HTTP (fresh ones, once), with the extra routes. It opens no port: `slackListener` is handed
 * to the server start-up opened (earlyServer.ts).
 */
export function createHttpReceiver(
  slack: SlackSettings,
  log: Log,
  debug: boolean,
  { routes, claims }: { routes: CustomRoute[]; claims: EventClaims | undefined },
): { receiver: FreshRequestReceiver; slackListener: RequestListener } {
  const logger = boltLogger(log, debug);
  const receiver = new FreshRequestReceiver(
    { signingSecret: slack.signingSecret ?? '', customRoutes: routes, logger },
    { claims, log },
  );
  // As Bolt's own server does: a path the receiver does not serve throws, and its dispatch error handler says 404.
  const slackListener: RequestListener = (request, response) => {
    try {
      receiver.requestListener(request, response);
    } catch (error) {
      HTTPModuleFunctions.defaultDispatchErrorHandler({ error: error as Error, logger, request, response });
    }
  };
  return { receiver, slackListener };
}

/** Bolt on `receiver`. Built before the use cases that need its client; listeners are registered on it after. */
export function createSlackApp(slack: SlackSettings, parts: SlackAppParts): App {
  const { log, identity, mask, dispatcher, receiver } = parts;
  const logger = boltLogger(log, parts.debug);
  const app = new App({
    logger,
    receiver,
    // Not `token`: Bolt would call auth.test once in its constructor and fail every request forever after a
    // failed call. The token is checked (and retried) at start-up instead; see tokenCheck.ts.
    authorize: async () => ({ botToken: slack.botToken, ...identity.current }),
    clientOptions: slackClientOptions(slack, dispatcher, mask),
    // The default conversation store builds an Error on every request, and no listener reads it.
    convoStore: false,
  });
  app.error(async (error) => {
    log.error('slack handler failed', { error: error.message });
  });
  return app;
}
