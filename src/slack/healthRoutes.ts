import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { InFlight } from '../core/inflight';
import type { Readiness } from './readiness';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Liveness: the process answers, from the moment the port is open. Readiness: config valid, what lookups need
 * loaded, token accepted, and in Socket Mode the socket is up.
 */
export function healthRoutes(inflight: Pick<InFlight, 'size'>, readiness: Readiness): CustomRoute[] {
  return [
    {
      path: HEALTH_PATH,
      method: ['GET'],
      handler: (_req, res) => json(res, 200, { ok: true, inFlight: inflight.size }),
    },
    {
      path: READY_PATH,
      method: ['GET'],
      handler: (_req, res) => {
        const report = readiness.report();
        json(res, report.ready ? 200 : 503, report);
      },
    },
  ];
}
