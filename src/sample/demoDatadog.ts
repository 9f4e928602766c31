import type { DatadogConfig } from '../config';
import { DatadogClient } from '../datadog/client';
import { startSampleDatadog, type SampleDatadog } from './sampleDatadog';

/** Placeholder keys: the sample Datadog checks that keys are sent, and the real ones never leave for it. */
const SAMPLE_KEYS = { apiKey: 'sample-api-key', appKey: 'sample-app-key' };

export interface OpenedDatadog {
  client: DatadogClient;
  /** The embedded sample Datadog, when the config asks for the demo. */
  sample?: SampleDatadog;
  close(): Promise<void>;
}

/** The Datadog the config asks for: the real one, or with DD_DEMO the embedded sample, its times moved to now. */
export async function openDatadog(config: DatadogConfig, now = new Date()): Promise<OpenedDatadog> {
  if (!config.demo) {
    const client = new DatadogClient(config);
    return { client, close: () => client.close() };
  }
  const sample = await startSampleDatadog({ keys: SAMPLE_KEYS, timesRelativeTo: now });
  const client = new DatadogClient({ ...config, ...SAMPLE_KEYS, apiUrl: sample.url });
  return {
    client,
    sample,
    close: async () => {
      await client.close();
      await sample.close();
    },
  };
}
