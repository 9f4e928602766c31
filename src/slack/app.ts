import { App } from '@slack/bolt';
import { boltLogger } from './boltLogger';
import { registerListeners } from './listeners';
import type { BotServices } from './services';

export const HEALTH_PATH = '/healthz';

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

/** Bolt, in Socket Mode when an app token is set and over HTTP otherwise, with GET /healthz in both. */
export function createSlackApp(slack: SlackSettings, services: BotServices): App {
  const healthz = {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (
      _req: unknown,
      res: { writeHead(status: number, headers: Record<string, string>): void; end(body: string): void },
    ) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, inFlight: services.inflight.size }));
    },
  };
  const common = {
    token: slack.botToken,
    logger: boltLogger(services.log),
    customRoutes: [healthz],
    // The default conversation store builds an Error on every request, and no listener reads it.
    convoStore: false as const,
    // Bolt's default WebClient retries for ~30 minutes: far too long behind an interactive click.
    clientOptions: {
      slackApiUrl: slack.apiUrl ? `${slack.apiUrl}/` : undefined,
      retryConfig: { retries: 1, maxTimeout: 1000 },
      timeout: 5000,
    },
  };
  // Socket Mode opens its connection with its own WebClient, which reads installerOptions.clientOptions.
  const app = slack.appToken
    ? new App({
        ...common,
        socketMode: true,
        appToken: slack.appToken,
        installerOptions: { port: slack.port, clientOptions: common.clientOptions },
      })
    : new App({ ...common, signingSecret: slack.signingSecret, port: slack.port });
  registerListeners(app, services);
  app.error(async (error) => {
    services.log.error('slack handler failed', { error: error.message });
  });
  return app;
}
