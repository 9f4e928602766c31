import type { SocketModeReceiver } from '@slack/bolt';
import type { Log } from '../core/log';
import { type Backoff, nextDelay, RetryWarnings } from './backoff';
import type { Readiness } from './readiness';
import { whySlackFailed } from './whySlackFailed';

type SocketModeClient = SocketModeReceiver['client'];

export interface SocketKeeper {
  stop(): void;
}

/**
 * Keeps the Socket Mode connection up: the SDK's own reconnect is off because it gives up on a network error,
 * so every drop and every failed connect is retried here with capped backoff, and readiness follows the socket.
 */
export function keepSocketConnected(
  client: SocketModeClient,
  firstConnect: () => Promise<unknown>,
  deps: { readiness: Readiness; log: Log; backoff: Backoff; apiHost: string },
): SocketKeeper {
  let delay = deps.backoff.firstMs;
  const warnings = new RetryWarnings(deps.log);
  let timer: NodeJS.Timeout | undefined;
  let connecting = false;
  let stopped = false;

  const retry = (reason: string) => {
    if (stopped || connecting || timer) return;
    deps.readiness.fail('socket_connection', `Socket Mode is not connected: ${reason}; reconnecting`);
    warnings.failed('slack socket not connected, retrying', { reason, retry_in_ms: delay });
    timer = setTimeout(() => {
      timer = undefined;
      connect(() => client.start());
    }, delay);
    delay = nextDelay(delay, deps.backoff);
  };
  // The WebSocket's own failure comes as an 'error' event; its start() then fails with nothing to say why.
  let socketHost = 'the WebSocket URL from apps.connections.open';
  let socketError: unknown;
  const why = (err: unknown): string => {
    if (err !== undefined) return whySlackFailed(err, deps.apiHost);
    if (socketError === undefined) return 'the connection closed';
    return whySlackFailed(socketError, socketHost, "Slack's Socket Mode WebSocket");
  };
  const connect = (start: () => Promise<unknown>) => {
    connecting = true;
    socketError = undefined;
    start().then(
      () => {
        connecting = false;
      },
      (err: unknown) => {
        connecting = false;
        retry(why(err));
      },
    );
  };

  client.on('authenticated', (opened: { url?: string }) => {
    if (opened.url && URL.canParse(opened.url)) socketHost = new URL(opened.url).host;
  });
  client.on('error', (err: unknown) => {
    socketError = err;
  });
  client.on('connected', () => {
    delay = deps.backoff.firstMs;
    warnings.succeeded();
    deps.readiness.pass('socket_connection');
    deps.log.info('slack socket connected');
  });
  client.on('disconnected', () => retry('the connection closed'));
  connect(firstConnect);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
