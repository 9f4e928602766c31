/**
 * Measures what an on-call engineer waits for: a signed /dd-instance request to the running bot (HTTP mode),
 * until the reply lands at response_url, with Datadog served from loopback. Also the pure render cost of
 * the worst body. Loopback only; bounded in count. Prints numbers, asserts nothing.
 */

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadBotConfig } from '../src/config/load';
import { createLog } from '../src/core/log';
import { parseInstanceBody } from '../src/datadog/schemas';
import { renderRun } from '../src/render/runReply';
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { startBot } from '../src/wiring';
import { hugeRunBody } from '../test/support/runs';
import { postSigned, SIGNING_SECRET, slashCommand } from '../test/support/signedRequest';
import { startSlackStandIn } from '../test/support/slackStandIn';

const FAILED_RUN = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const FAILED_RUN_PATH =
  '/api/v2/workflows/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f/instances/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
/** Near the client's 2 MiB cap: 600,000 empty steps, which Datadog's own JSON must still be parsed through. */
const HUGE_STEP_COUNT = 600_000;

/** The worst body, as the answer about FAILED_RUN (a body about another run is refused as invalid). */
function worstBodyForFailedRun(): { data: { id: string; attributes: Record<string, unknown> } } {
  const body = hugeRunBody() as { data: { id: string; attributes: Record<string, unknown> } };
  body.data.id = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
  return body;
}

/** Four distinct runs, so that single flight does not merge their reads into one. */
const HOSTILE_RUNS = [5, 6, 7, 8].map((n) => `a1b2c3d4-000${n}-4e5f-8a9b-0c1d2e3f4a5b`);

/** A body about `instanceId`, just under the size cap, whose steps are one huge array of empty objects. */
function nearCapHugeArrayBody(instanceId: string): string {
  const body = worstBodyForFailedRun();
  body.data.id = instanceId;
  body.data.attributes.stepStateAssociations = 'STEPS';
  return JSON.stringify(body).replace('"STEPS"', `[${'{},'.repeat(HUGE_STEP_COUNT - 1)}{}]`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `${name.padEnd(44)} n=${String(samples.length).padStart(4)}  p50 ${fmt(percentile(sorted, 50))} ms  p95 ${fmt(percentile(sorted, 95))} ms  max ${fmt(sorted.at(-1) ?? NaN)} ms`,
  );
}

async function main(): Promise<void> {
  const datadog = await startSampleDatadog();
  const slack = await startSlackStandIn();
  const loaded = loadBotConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    DD_API_KEY: 'bench',
    DD_APP_KEY: 'bench',
    PORT: '0',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALLOW_LOOPBACK_RESPONSE_URL: '1',
    // Each lookup goes to Datadog here (nothing kept); bench/burst.ts measures the cache.
    CACHE_FINISHED_TTL_MS: '0',
    CACHE_RUNNING_TTL_MS: '0',
    CACHE_NOT_FOUND_TTL_MS: '0',
    // One user sends every lookup here; the per-user limit is not what this measures.
    RATE_LIMIT_PER_MINUTE: '1000000',
    // The audit trail would go to stdout between the numbers.
    AUDIT_LOG_FILE: '/dev/null',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const bot = await startBot(loaded.config, createLog('warn'));
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  let id = 0;

  const oneLookup = async (run = FAILED_RUN): Promise<{ ack: number; reply: number }> => {
    const name = `bench-${++id}`;
    const started = performance.now();
    await postSigned(eventsUrl, slashCommand(run, slack.responseUrl(name)));
    const ack = performance.now() - started;
    await slack.repliesTo(name);
    return { ack, reply: performance.now() - started };
  };

  for (let i = 0; i < 20; i++) await oneLookup(); // warm-up
  const sequential = [];
  for (let i = 0; i < 200; i++) sequential.push(await oneLookup());
  report(
    'slash command: ack (sequential)',
    sequential.map((s) => s.ack),
  );
  report(
    'slash command: reply at response_url (seq.)',
    sequential.map((s) => s.reply),
  );

  const burst = await Promise.all(Array.from({ length: 50 }, () => oneLookup()));
  report(
    'reply, 50 at once',
    burst.map((s) => s.reply),
  );

  datadog.script(FAILED_RUN_PATH, { delayMs: 300, body: worstBodyForFailedRun() });
  const slow = [];
  for (let i = 0; i < 20; i++) slow.push(await oneLookup());
  report(
    'ack while Datadog takes 300 ms',
    slow.map((s) => s.ack),
  );
  report(
    'reply, worst body, Datadog 300 ms',
    slow.map((s) => s.reply),
  );

  const workflowId = FAILED_RUN.split(' ')[0]!;
  for (const instanceId of HOSTILE_RUNS)
    datadog.script(`/api/v2/workflows/${workflowId}/instances/${instanceId}`, {
      raw: nearCapHugeArrayBody(instanceId),
      contentType: 'application/json',
    });
  const healthz = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let reading = true;
  const fourHostile = Promise.all(HOSTILE_RUNS.map((instanceId) => oneLookup(`${workflowId} ${instanceId}`))).finally(
    () => {
      reading = false;
    },
  );
  while (reading) {
    const started = performance.now();
    await fetch(`http://127.0.0.1:${bot.port}/healthz`).then((response) => response.arrayBuffer());
    healthz.push(performance.now() - started);
  }
  delay.disable();
  const hostile = await fourHostile;
  report(`/healthz, 4 near-cap bodies (${HUGE_STEP_COUNT / 1000}k steps) read`, healthz);
  report(
    'reply, those 4 near-cap bodies',
    hostile.map((s) => s.reply),
  );
  console.log(`event loop delay during those 4: max ${(delay.max / 1e6).toFixed(1)} ms`);

  const parsed = parseInstanceBody(hugeRunBody(), {
    workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
    instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  const renders = [];
  for (let i = 0; i < 500; i++) {
    const started = performance.now();
    renderRun(parsed.value, { site: 'datadoghq.com', now: new Date() });
    renders.push(performance.now() - started);
  }
  report('renderRun, worst body (300 steps, 20k error)', renders);

  await bot.stop(1000);
  await Promise.all([datadog.close(), slack.close()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
