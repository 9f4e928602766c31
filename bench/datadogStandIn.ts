/**
 * The sample Datadog in its own process for bench/clients.ts, so the clients' CPU is measured without the server's.
 * Told over IPC which latency to add; serves the recorded failed-run body on one instance path.
 */
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import stepError from '../test/fixtures/get-instance-200-step-error.json';

export const BENCH_REF = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
};
export const BENCH_PATH = `/api/v2/workflows/${BENCH_REF.workflowId}/instances/${BENCH_REF.instanceId}`;

/** What Datadog sends on every answer; a budget far from spent. */
const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': '1000',
  'x-ratelimit-period': '10',
  'x-ratelimit-remaining': '999',
  'x-ratelimit-reset': '10',
  'x-ratelimit-name': 'get_workflow_instance',
};

export interface StandInCommand {
  latencyMs: number;
}

async function main(): Promise<void> {
  const datadog = await startSampleDatadog();
  process.on('message', ({ latencyMs }: StandInCommand) => {
    datadog.reset(); // also drops the recorded requests, which would otherwise grow for the whole run
    datadog.script(BENCH_PATH, { body: stepError.body, headers: RATE_LIMIT_HEADERS, delayMs: latencyMs });
    process.send?.({ url: datadog.url });
  });
  process.on('disconnect', () => void datadog.close());
  process.send?.({ url: datadog.url });
}

if (require.main === module) void main();
