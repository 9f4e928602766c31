import type { IncomingMessage, ServerResponse } from 'node:http';
import { deferred } from '../core/deferred';
import type { ActionEvent } from '../core/ports';

/** The bot's Prometheus metrics, in a registry of its own (no global state, so tests can build several). */

export const METRICS_PATH = '/metrics';

// Loaded after the port is open (or at the first metric), not during start-up.
const promClient = deferred(() => require('prom-client') as typeof import('prom-client'));

export interface BotMetrics {
  /** The ActionObserver: each lookup, recent list, App Home open, follow and unfollow, counted by its outcome. */
  acted(event: ActionEvent): void;
  /** One Datadog API call: which, how it ended, and its HTTP status (or timeout/unreachable). */
  datadogRequest(method: string, status: string, seconds: number): void;
  /** A reply Slack did not take (response_url, views.open/update). */
  replyFailed(how: string): void;
  /** Whether the follow store is up now. */
  storeUp(up: boolean): void;
  /** A route serving the metrics in Prometheus/OpenMetrics text. */
  route: {
    path: string;
    method: string[];
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  };
}

/** The registry and its metrics; gauges read their value when scraped. */
function buildRegistry(inFlight: () => number, storeUp: () => number) {
  const { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } = promClient();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dd_instance_' });
  const lookups = new Counter({
    name: 'dd_instance_lookups_total',
    help: 'Lookups answered, by entry point and outcome (found, listed, or the failure)',
    labelNames: ['entry_point', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const datadog = new Histogram({
    name: 'dd_instance_datadog_request_duration_seconds',
    help: 'Datadog API calls, retries included, by method and status',
    labelNames: ['method', 'status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    registers: [registry],
  });
  new Gauge({
    name: 'dd_instance_replies_in_flight',
    help: 'Replies promised to Slack and not yet sent',
    registers: [registry],
    collect() {
      this.set(inFlight());
    },
  });
  const replyFailures = new Counter({
    name: 'dd_instance_reply_failures_total',
    help: 'Replies Slack did not take, by how they were sent',
    labelNames: ['via'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'dd_instance_store_up',
    help: 'Whether the follow store (SQLite or Redis) is up: 1, or 0 while it is down and being retried',
    registers: [registry],
    collect() {
      this.set(storeUp());
    },
  });
  return { registry, lookups, datadog, replyFailures };
}

/** Cheap to create: the registry is built at the first metric or scrape, once prom-client is wanted. */
export function createMetrics(inFlight: () => number): BotMetrics {
  let storeUpValue = 0;
  let built: ReturnType<typeof buildRegistry> | undefined;
  const metrics = () => {
    built ??= buildRegistry(inFlight, () => storeUpValue);
    return built;
  };
  return {
    acted: (event) =>
      metrics().lookups.inc({ entry_point: event.entryPoint, kind: event.kind, outcome: event.outcome }),
    datadogRequest: (method, status, seconds) => metrics().datadog.observe({ method, status }, seconds),
    replyFailed: (how) => metrics().replyFailures.inc({ via: how }),
    storeUp: (up) => {
      storeUpValue = up ? 1 : 0;
    },
    route: {
      path: METRICS_PATH,
      method: ['GET'],
      handler: (_req, res) => {
        const { registry } = metrics();
        registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': registry.contentType });
            res.end(text);
          },
          () => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end('metrics unavailable\n');
          },
        );
      },
    },
  };
}
