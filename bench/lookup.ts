/**
 * Measures what an on-call engineer waits for: a signed /dd-instance request to the running bot (HTTP mode),
 * until the reply lands at response_url, with Datadog served from loopback. Also the pure render cost of
 * the worst body. Loopback only; bounded in count. Prints numbers, asserts nothing.
 */

import { loadBotConfig } from '../src/config';
import { createLog } from '../src/core/log';
import { parseInstanceBody } from '../src/datadog/schemas';
import { renderRun } from '../src/render/runReply';
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { startBot } from '../src/wiring';
import { hugeRunBody } from '../test/support/runs';
import { postSigned, SIGNING_SECRET, slashCommand } from '../test/support/signedRequest';
import { startSlackStandIn } from '../test/support/slackStandIn';

const FAILED_RUN = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';

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
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const bot = await startBot(loaded.config, createLog('warn'));
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  let id = 0;

  const oneLookup = async (): Promise<{ ack: number; reply: number }> => {
    const name = `bench-${++id}`;
    const started = performance.now();
    await postSigned(eventsUrl, slashCommand(FAILED_RUN, slack.responseUrl(name)));
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

  datadog.script(
    '/api/v2/workflows/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f/instances/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
    { delayMs: 300, body: hugeRunBody() },
  );
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
