import type { AddressInfo } from 'node:net';
import type { BotConfig } from './config';
import { InFlight } from './core/inflight';
import type { Log } from './core/log';
import { RunLookup } from './core/runLookup';
import { openDatadog } from './sample/demoDatadog';
import { createSlackApp } from './slack/app';

export interface RunningBot {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  mode: 'http' | 'socket';
  /** Stops taking work, waits up to `graceMs` for replies under way, then closes connections. */
  stop(graceMs?: number): Promise<void>;
}

export async function startBot(config: BotConfig, log: Log): Promise<RunningBot> {
  const datadog = await openDatadog(config);
  if (datadog.sample) log.warn('DD_DEMO: answering from the embedded sample Datadog (sample data), not from real Datadog', { url: datadog.sample.url });
  const inflight = new InFlight();
  const lookup = new RunLookup({ datadog: datadog.client, site: config.site, log });
  const app = createSlackApp(config, { lookup, inflight, log });
  const started = (await app.start(config.slack.port)) as unknown;
  const mode = config.slack.appToken ? 'socket' : 'http';
  const address = (started as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
  const port = typeof address === 'object' && address ? address.port : config.slack.port;
  log.info('dd-instance started', { mode, port, site: config.site, datadog: config.demo ? 'sample' : config.apiUrl ? 'DD_API_URL' : 'site' });

  return {
    port,
    mode,
    stop: async (graceMs = 4000) => {
      const stopping = app.stop().catch((err: unknown) => log.warn('stop: slack receiver', { error: String(err) }));
      const drained = await inflight.drain(graceMs);
      if (!drained) log.warn('stop: replies still under way were dropped', { count: inflight.size });
      await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await datadog.close();
    },
  };
}
