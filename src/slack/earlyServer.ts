import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Config } from '../config/settings';
import { healthRoutes } from './healthRoutes';
import { type ListenAddress, routesListener, serve } from './opsServer';
import { Readiness } from './readiness';

/** How many requests may wait for the bot while it is built, and how long each may wait, before "try again". */
export interface WaitBound {
  requests: number;
  ms: number;
}

export const WAIT_BOUND: WaitBound = { requests: 100, ms: 10_000 };

/** The port opened before Bolt and the rest load: /healthz answers at once, /readyz 503, the rest wait. */
export interface EarlyServer {
  server: Server;
  /** From now on every request goes to `listener`, the ones waiting first. */
  handOver(listener: RequestListener): void;
}

interface Waiting {
  req: IncomingMessage;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

function tryAgain(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('starting, try again\n');
}

/** Where /healthz is served first: PORT over HTTP; in Socket Mode the operations port, OPS_PORT or else PORT. */
export function earlyAddress({ host, port, opsPort, appToken }: Config['slack']): ListenAddress {
  return { host, port: appToken ? (opsPort ?? port) : port };
}

/** Listens at `address` before the bot is built, so start-up is not what keeps the port closed. */
export async function listenEarly(address: ListenAddress, bound: WaitBound = WAIT_BOUND): Promise<EarlyServer> {
  const waiting = new Set<Waiting>();
  const starting = new Readiness({ modules: 'still loading the bot' });
  const early = routesListener(healthRoutes({ size: 0 }, starting), (req, res) => {
    if (waiting.size >= bound.requests) return tryAgain(res);
    const entry: Waiting = {
      req,
      res,
      timer: setTimeout(() => {
        waiting.delete(entry);
        tryAgain(res);
      }, bound.ms).unref(),
    };
    waiting.add(entry);
  });
  let current = early;
  const server = await serve((req, res) => current(req, res), address);
  return {
    server,
    handOver(listener) {
      current = listener;
      for (const { req, res, timer } of waiting) {
        clearTimeout(timer);
        listener(req, res);
      }
      waiting.clear();
    },
  };
}
