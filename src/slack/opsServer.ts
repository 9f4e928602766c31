import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** Where a server listens: HOST (every interface when unset) and a port (0: any free one). */
export interface ListenAddress {
  host?: string;
  port: number;
}

const notFound: RequestListener = (_req, res) => {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
};

/** Answers `routes` by path and method, and hands every other request to `otherwise` (a 404 by default). */
export function routesListener(routes: CustomRoute[], otherwise: RequestListener = notFound): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
    if (route) route.handler(req, res);
    else otherwise(req, res);
  };
}

/** A plain server for `listener`, resolved once it listens. */
export async function serve(listener: RequestListener, address: ListenAddress): Promise<Server> {
  const server = createServer(listener);
  server.listen(address.port, address.host);
  // Rejects on 'error' too (EADDRINUSE, a host that does not resolve).
  await once(server, 'listening');
  return server;
}

/**
 * The operations routes (/healthz, /readyz, /metrics) on a server of their own: OPS_PORT, and in Socket Mode
 * PORT too, since Bolt's Socket Mode server cannot be given a bind address. Other paths and methods get a 404.
 */
export function serveRoutes(routes: CustomRoute[], address: ListenAddress): Promise<Server> {
  return serve(routesListener(routes), address);
}

/** Stops listening and ends the connections kept alive, so a stop is not held up by an idle scraper. */
export async function closeServer(server: Server): Promise<void> {
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}
