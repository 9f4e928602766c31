import type { AddressInfo } from 'node:net';
import type { BotConfig, DatadogConfig } from './config';
import { errorMessage } from './core/errorMessage';
import { InFlight } from './core/inflight';
import type { Log } from './core/log';
import type { Clock } from './core/ports';
import { RunLookup } from './core/runLookup';
import { DatadogClient } from './datadog/client';
import { wireFollows } from './followWiring';
import { type SampleDatadog, startSampleDatadog } from './sample/sampleDatadog';
import { createSlackApp } from './slack/app';
import { SlackNotifier } from './slack/notifier';

/** The one composition root: config → Datadog source (real or sample) → use cases → the bot, the CLI or the demo. */

/** Placeholder keys: the sample Datadog checks that keys are sent, and the real ones never leave for it. */
const SAMPLE_KEYS = { apiKey: 'sample-api-key', appKey: 'sample-app-key' };

export interface Wired {
  lookup: RunLookup;
  /** The Datadog client behind the lookups, for `dd-instance --check`. */
  client: DatadogClient;
  /** The embedded sample Datadog, when the config asks for the demo. */
  sample?: SampleDatadog;
  close(): Promise<void>;
}

/** The Datadog the config asks for (the real one, or with DD_DEMO the embedded sample, its times moved to now), and the use cases on it. */
export async function wireLookup(config: DatadogConfig, log: Log, clock?: Clock): Promise<Wired> {
  const sample = config.demo
    ? await startSampleDatadog({ keys: SAMPLE_KEYS, timesRelativeTo: clock?.() ?? new Date() })
    : undefined;
  const client = new DatadogClient(sample ? { ...config, ...SAMPLE_KEYS, apiUrl: sample.url } : config);
  return {
    lookup: new RunLookup({ source: client, site: config.site, log, clock }),
    client,
    sample,
    close: async () => {
      await client.close();
      await sample?.close();
    },
  };
}

export interface RunningBot {
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  mode: 'http' | 'socket';
  /** Stops taking work, waits up to `graceMs` for replies under way, then closes connections. */
  stop(graceMs?: number): Promise<void>;
}

export async function startBot(config: BotConfig, log: Log): Promise<RunningBot> {
  const wired = await wireLookup(config, log);
  if (wired.sample)
    log.warn('DD_DEMO: answering from the embedded sample Datadog (sample data), not from real Datadog', {
      url: wired.sample.url,
    });
  const inflight = new InFlight();
  const followsWired = await wireFollows(config.follow, log);
  const app = createSlackApp(config.slack, { lookup: wired.lookup, inflight, log, follows: followsWired.follows });
  const started = (await app.start(config.slack.port)) as unknown;
  // The watcher reads Datadog directly: a run still going must never be answered from a cache.
  await followsWired.startWatching(wired.client, new SlackNotifier(app.client, log));
  const mode = config.slack.appToken ? 'socket' : 'http';
  const address = (started as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
  const port = typeof address === 'object' && address ? address.port : config.slack.port;
  log.info('dd-instance started', {
    mode,
    port,
    site: config.site,
    datadog: config.demo ? 'sample' : config.apiUrl ? 'DD_API_URL' : 'site',
  });

  return {
    port,
    mode,
    stop: async (graceMs = 4000) => {
      // Leases go back first, so another replica takes the runs over at once.
      const watchStopped = followsWired.stopWatching();
      const stopping = app
        .stop()
        .catch((err: unknown) => log.warn('stop: slack receiver', { error: errorMessage(err) }));
      const drained = await inflight.drain(graceMs);
      if (!drained) log.warn('stop: replies still under way were dropped', { count: inflight.size });
      await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      await watchStopped;
      await followsWired.close();
      await wired.close();
    },
  };
}
