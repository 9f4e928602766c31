import { App, type CustomRoute, SocketModeReceiver } from '@slack/bolt';
import type { Log } from '../core/log';
import { boltLogger } from './boltLogger';
import { healthRoutes } from './healthRoutes';
import { registerListeners } from './listeners';
import { maskedFetch } from './maskedFetch';
import { Readiness } from './readiness';
import { FreshRequestReceiver } from './requestFreshness';
import type { BotServices } from './services';
import type { BotIdentity } from './tokenCheck';

export { HEALTH_PATH } from './healthRoutes';

/** What the Slack side needs from the config. */
export interface SlackSettings {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  /** Replies may go to an http:// response_url on loopback (tests and benchmarks); Slack's are always https. */
  allowLoopbackResponseUrl: boolean;
}

export interface SlackAppOptions {
  /** Routes served on PORT beside Slack's: /healthz, /readyz, /metrics. */
  routes: CustomRoute[];
  /** In Socket Mode, the receiver from `createSocketReceiver`. */
  socketReceiver?: SocketModeReceiver;
  /** Who the bot is, once auth.test has said so. */
  identity?: () => BotIdentity;
}

/** Bolt's default WebClient retries for ~30 minutes: far too long behind an interactive click. */
function clientOptions(slack: SlackSettings) {
  return {
    slackApiUrl: slack.apiUrl ? `${slack.apiUrl}/` : undefined,
    retryConfig: { retries: 1, maxTimeout: 1000 },
    timeout: 5000,
  };
}

/**
 * Socket Mode's receiver, with `routes` on PORT. Its own reconnect is off: `keepSocketConnected` reconnects,
 * with backoff, also after the network errors on which the SDK gives up.
 */
export function createSocketReceiver(
  slack: SlackSettings & { appToken: string },
  routes: CustomRoute[],
  log: Log,
  pingTimeoutMs?: number,
): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: slack.appToken,
    logger: boltLogger(log),
    customRoutes: routes,
    autoReconnectEnabled: false,
    clientPingTimeout: pingTimeoutMs,
    // Socket Mode opens its connection with its own WebClient, which reads installerOptions.clientOptions.
    installerOptions: { port: slack.port, clientOptions: clientOptions(slack) },
  });
}

/** Bolt, in Socket Mode when given its receiver and over HTTP otherwise (fresh requests, once), with the extra routes in both. */
export function createSlackApp(
  slack: SlackSettings,
  services: BotServices,
  options: SlackAppOptions = { routes: healthRoutes(services.inflight, new Readiness({})) },
): App {
  const identity = options.identity ?? (() => ({}));
  const common = {
    logger: boltLogger(services.log),
    // Not `token`: Bolt would call auth.test once in its constructor and fail every request forever after a
    // failed call. The token is checked (and retried) at start-up instead; see tokenCheck.ts.
    authorize: async () => ({ botToken: slack.botToken, ...identity() }),
    clientOptions: { ...clientOptions(slack), fetch: services.mask && maskedFetch(services.mask) },
    // The default conversation store builds an Error on every request, and no listener reads it.
    convoStore: false as const,
  };
  const receiver =
    options.socketReceiver ??
    new FreshRequestReceiver(
      {
        signingSecret: slack.signingSecret ?? '',
        port: slack.port,
        customRoutes: options.routes,
        logger: common.logger,
      },
      { claims: services.eventClaims, log: services.log },
    );
  const app = new App({ ...common, receiver });
  registerListeners(app, services);
  app.error(async (error) => {
    services.log.error('slack handler failed', { error: error.message });
  });
  return app;
}
