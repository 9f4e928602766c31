import type { SocketModeReceiver } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';
import { type Backoff, nextDelay } from './backoff';
import type { Readiness } from './readiness';

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
  deps: { readiness: Readiness; log: Log; backoff: Backoff },
): SocketKeeper {
  let delay = deps.backoff.firstMs;
  let timer: NodeJS.Timeout | undefined;
  let connecting = false;
  let stopped = false;

  const retry = (reason: string) => {
    if (stopped || connecting || timer) return;
    deps.readiness.fail('socket_connection', `Socket Mode is not connected (${reason}); reconnecting`);
    deps.log.warn('slack socket not connected, retrying', { reason, retry_in_ms: delay });
    timer = setTimeout(() => {
      timer = undefined;
      connect(() => client.start());
    }, delay);
    delay = nextDelay(delay, deps.backoff);
  };
  const connect = (start: () => Promise<unknown>) => {
    connecting = true;
    start().then(
      () => {
        connecting = false;
      },
      (err: unknown) => {
        connecting = false;
        retry(errorMessage(err));
      },
    );
  };

  client.on('connected', () => {
    delay = deps.backoff.firstMs;
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
