/**
 * Client against client: our DatadogClient.getInstance and the official @datadog/datadog-api-client's
 * getWorkflowInstance, against the same loopback stand-in (its own process) serving a recorded body.
 * Concurrency 1 and 32, 0 and 20 ms added latency, alternating rounds. Prints numbers, asserts nothing.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { client as official, v2 } from '@datadog/datadog-api-client';
import { DatadogClient } from '../src/datadog/client';
import { BENCH_REF, type StandInCommand } from './datadogStandIn';

const ROUNDS = 6;
const ROUND_MS = 1000;
const CELLS = [
  { concurrency: 1, latencyMs: 0 },
  { concurrency: 32, latencyMs: 0 },
  { concurrency: 1, latencyMs: 20 },
  { concurrency: 32, latencyMs: 20 },
];
const KEYS = { apiKey: 'bench-api-key', appKey: 'bench-app-key' };

type Lookup = () => Promise<unknown>;

interface Tally {
  count: number;
  wallMs: number;
  cpuUs: number;
  latencies: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `concurrency` callers in a loop for `durationMs`; adds what they did to `tally`. */
async function round(lookup: Lookup, concurrency: number, durationMs: number, tally: Tally): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + durationMs;
  const caller = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      await lookup();
      tally.latencies.push(performance.now() - sent);
      tally.count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  tally.wallMs += performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  tally.cpuUs += cpu.user + cpu.system;
}

function summary(tally: Tally) {
  const sorted = tally.latencies.sort((a, b) => a - b);
  return {
    perSecond: (tally.count / tally.wallMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuUsPerRequest: tally.cpuUs / tally.count,
  };
}

function startStandIn(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(__dirname, 'datadogStandIn.js'));
  return new Promise((resolve) => child.once('message', ({ url }: { url: string }) => resolve({ child, url })));
}

function setLatency(child: ChildProcess, latencyMs: number): Promise<void> {
  const command: StandInCommand = { latencyMs };
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send(command);
  });
}

async function main(): Promise<void> {
  const { child, url } = await startStandIn();
  const ours = new DatadogClient({
    ...KEYS,
    site: 'datadoghq.com',
    apiUrl: url,
    attemptTimeoutMs: 8000,
    deadlineMs: 20000,
  });
  const theirs = new v2.WorkflowAutomationApi(
    official.createConfiguration({
      authMethods: { apiKeyAuth: KEYS.apiKey, appKeyAuth: KEYS.appKey },
      baseServer: new official.BaseServerConfiguration(url, {}),
    }),
  );
  const clients: Array<[string, Lookup]> = [
    [
      'ours',
      async () => {
        const result = await ours.getInstance(BENCH_REF);
        if (!result.ok) throw new Error(`ours failed: ${result.failure.kind}`);
      },
    ],
    ['official', () => theirs.getWorkflowInstance(BENCH_REF)],
  ];

  console.log(`client against client: ${ROUNDS} alternating rounds of ${ROUND_MS} ms per client and cell`);
  console.log('cell            client      req/s    p50 ms    p99 ms  CPU µs/req');
  const ratios: string[] = [];
  for (const { concurrency, latencyMs } of CELLS) {
    await setLatency(child, latencyMs);
    const tallies = new Map(clients.map(([name]) => [name, { count: 0, wallMs: 0, cpuUs: 0, latencies: [] } as Tally]));
    for (const [, lookup] of clients)
      await round(lookup, concurrency, ROUND_MS / 4, { count: 0, wallMs: 0, cpuUs: 0, latencies: [] }); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate who goes first, so neither always runs on a machine the other just warmed or loaded.
      const order = i % 2 === 0 ? clients : [...clients].reverse();
      for (const [name, lookup] of order) await round(lookup, concurrency, ROUND_MS, tallies.get(name) as Tally);
    }
    const cell = `c${concurrency} +${latencyMs}ms`;
    const [mine, other] = clients.map(([name]) => summary(tallies.get(name) as Tally)) as [
      ReturnType<typeof summary>,
      ReturnType<typeof summary>,
    ];
    for (const [name, s] of [
      ['ours', mine],
      ['official', other],
    ] as const) {
      console.log(
        `${cell.padEnd(16)}${name.padEnd(9)}${s.perSecond.toFixed(0).padStart(8)}${s.p50.toFixed(2).padStart(10)}${s.p99.toFixed(2).padStart(10)}${s.cpuUsPerRequest.toFixed(0).padStart(12)}`,
      );
    }
    const ratio = `${cell}: ${(mine.perSecond / other.perSecond).toFixed(2)}× req/s, ${(mine.cpuUsPerRequest / other.cpuUsPerRequest).toFixed(2)}× CPU`;
    console.log(`${''.padEnd(16)}ours/official: ${ratio.slice(cell.length + 2)}`);
    ratios.push(ratio);
  }
  console.log(`summary, ours/official: ${ratios.join('; ')}`);
  await ours.close();
  child.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
