/**
 * Incident load: the built app as its own process (HTTP mode) against a loopback sample Datadog with +50 ms.
 * A warm-up of 1,500 signed commands (to steady state: JIT, pools, caches), then 4,000 at concurrency 50 over 20
 * distinct runs: ack and reply latency, Datadog requests made, the child's CPU per lookup, RSS after all 5,500 and
 * where the app's memory is (its /metrics); the same burst against the reference handler (the floor, Bolt-free);
 * and bare node holding the same dependencies (the memory floor). Rounds alternate the three, each a fresh process;
 * ratios are medians over the rounds. Start-up is bench/startup.ts. Prints numbers.
 */
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { SAMPLE_DATA, type SampleData, type SampleDatadog, startSampleDatadog } from '../src/sample/sampleDatadog';
import { startSlackStandIn } from '../test/support/slackStandIn';
import {
  APP,
  BARE_WITH_DEPENDENCIES,
  cpuMs,
  loadAverage,
  median,
  percentile,
  rssMb,
  spawnTarget,
  type Target,
} from './processes';
import { signedCommand, startReplyServer } from './signedCommands';

const COMMANDS = 4000;
const CONCURRENCY = 50;
const DISTINCT_RUNS = 20;
const WARM_UP_COMMANDS = 1500;
const DATADOG_LATENCY_MS = 50;
const ROUNDS = 5;
const REPLY_TIMEOUT_MS = 60_000;
const SECRET = 'bench-signing-secret';
const MB = 1024 * 1024;
const DIST = join(__dirname, '..');

const TARGETS = { datadogRequests: 40, ackP99Ms: 50, replyOverDatadogMs: 50, cpuRatio: 2, rssMb: 150, overFloorMb: 40 };

const REFERENCE: Target = { name: 'reference', script: join(DIST, 'bench', 'referenceHandler.js') };

// --- sample data: 20 runs for the burst (4 of them still running) and 5 others to warm up on ---

const uuid = (group: number, index: number) =>
  `b0000000-0000-4000-8000-${String(group).padStart(4, '0')}${String(index).padStart(8, '0')}`;
const STATES = ['STEP_ERROR', 'SUCCEEDED', 'CANCELED', 'INSTANCE_ERROR', 'IN_PROGRESS'];

function benchData(): { data: SampleData; burstRuns: string[]; warmRuns: string[]; runningIds: string[] } {
  const template = SAMPLE_DATA.workflows[0]!.instances[0]!;
  const workflow = (group: number, runs: number) => ({
    id: uuid(group, 0),
    name: `Bench workflow ${group}`,
    instances: Array.from({ length: runs }, (_, i) => {
      const state = STATES[i % STATES.length]!;
      const attributes: Record<string, unknown> = {
        ...template.attributes,
        instanceStatus: { detailsKind: state, displayName: state },
      };
      if (state === 'IN_PROGRESS') delete attributes.endTimestamp;
      return { ...template, id: uuid(group, i + 1), attributes };
    }),
  });
  const burst = [1, 2, 3, 4].map((group) => workflow(group, DISTINCT_RUNS / 4));
  const warm = workflow(9, 5);
  const texts = (w: ReturnType<typeof workflow>) => w.instances.map((run) => `${w.id} ${run.id}`);
  return {
    data: { recordedAt: SAMPLE_DATA.recordedAt, workflows: [...burst, warm] },
    burstRuns: burst.flatMap(texts),
    warmRuns: texts(warm),
    runningIds: burst.flatMap((w) =>
      w.instances.filter((run) => !('endTimestamp' in run.attributes)).map((run) => run.id),
    ),
  };
}

// --- the response_url sink: records when each reply lands ---

interface Sink {
  url: string;
  /** Resolves with the time the reply for `id` landed, and whether it named the run it was for. */
  expect(id: number, runText: string): Promise<{ at: number; right: boolean }>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const waiting = new Map<number, { runText: string; land: (at: number, right: boolean) => void }>();
  const server = await startReplyServer((id, text) => {
    const at = performance.now();
    const waiter = waiting.get(id);
    waiting.delete(id);
    const instanceId = waiter?.runText.split(' ')[1] ?? '';
    waiter?.land(at, text.includes(instanceId));
  });
  return {
    url: server.url,
    expect: (id, runText) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply ${id}`)), REPLY_TIMEOUT_MS);
        waiting.set(id, {
          runText,
          land: (at, right) => {
            clearTimeout(timer);
            resolve({ at, right });
          },
        });
      }),
    close: () => server.close(),
  };
}

// --- the burst ---

interface BurstResult {
  acks: number[];
  replies: number[];
  missing: number;
  wrong: number;
  datadogRequests: number;
  /** Of those, for the runs still going, which the cache keeps only seconds. */
  runningRequests: number;
  cpuMsPerLookup: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** The app's own account of its memory after the burst (from /metrics); absent for the reference. */
  memory?: MemoryShares;
  seconds: number;
}

/** Responders the commands come from: each stays under the default per-user rate limit (30 a minute) in a round. */
const RESPONDERS = 250;

/** Where the app's RSS is, in MB: V8's heap by space, memory outside it that V8 knows of, and the rest (native). */
interface MemoryShares {
  heapTotal: number;
  heapUsed: number;
  spaces: Record<string, number>;
  external: number;
  native: number;
}

/** Reads the default metrics prom-client serves on /metrics. */
async function memoryShares(port: number, rss: number): Promise<MemoryShares> {
  const response = await request(`http://127.0.0.1:${port}/metrics`);
  const text = await response.body.text();
  const value = (name: string) => Number(text.match(new RegExp(`^dd_instance_${name} (\\S+)$`, 'm'))?.[1] ?? NaN) / MB;
  const spaces = Object.fromEntries(
    [...text.matchAll(/^dd_instance_nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\S+)$/gm)].map(
      ([, space, bytes]) => [space!, Number(bytes) / MB],
    ),
  );
  const heapTotal = value('nodejs_heap_size_total_bytes');
  const external = value('nodejs_external_memory_bytes');
  return {
    heapTotal,
    heapUsed: value('nodejs_heap_size_used_bytes'),
    spaces,
    external,
    native: rss - heapTotal - external,
  };
}

async function burst(port: number, sink: Sink, runs: string[], count: number, firstId: number) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY });
  const acks: number[] = [];
  const replies: number[] = [];
  let next = 0;
  let missing = 0;
  let wrong = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const id = firstId + index;
      const runText = runs[index % runs.length]!;
      const { body, headers } = signedCommand(SECRET, runText, `${sink.url}/${id}`, `U0BENCH${id % RESPONDERS}`);
      const landing = sink.expect(id, runText);
      // Counted as missing below; a reply that times out while its ack is still awaited must not crash the bench.
      landing.catch(() => undefined);
      const sent = performance.now();
      const response = await pool.request({ path: '/slack/events', method: 'POST', headers, body });
      await response.body.dump();
      acks.push(performance.now() - sent);
      try {
        const { at, right } = await landing;
        replies.push(at - sent);
        if (!right || response.statusCode !== 200) wrong++;
      } catch {
        missing++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await pool.close();
  return { acks, replies, missing, wrong };
}

async function burstRound(target: Target, datadog: SampleDatadog, sink: Sink, env: Record<string, string>) {
  const { burstRuns, warmRuns } = DATA;
  const running = await spawnTarget(target, env);
  try {
    await burst(running.port, sink, warmRuns, WARM_UP_COMMANDS, 0);
    datadog.requests.length = 0;
    const rssBeforeMb = rssMb(running.child.pid!);
    const cpuBefore = cpuMs(running.child.pid!);
    const started = performance.now();
    const measured = await burst(running.port, sink, burstRuns, COMMANDS, WARM_UP_COMMANDS);
    const seconds = (performance.now() - started) / 1000;
    const cpuMsPerLookup = (cpuMs(running.child.pid!) - cpuBefore) / COMMANDS;
    const rssAfterMb = rssMb(running.child.pid!);
    const result: BurstResult = {
      ...measured,
      datadogRequests: datadog.requests.length,
      runningRequests: datadog.requests.filter((r) => DATA.runningIds.some((id) => r.path.includes(id))).length,
      cpuMsPerLookup,
      rssBeforeMb,
      rssAfterMb,
      memory: target === APP ? await memoryShares(running.port, rssAfterMb) : undefined,
      seconds,
    };
    return result;
  } finally {
    await running.stop();
    if (running.stderr().trim()) process.stderr.write(`${target.name} stderr:\n${running.stderr()}\n`);
  }
}

function summarize(results: BurstResult[]) {
  const each = (pick: (result: BurstResult) => number) => median(results.map(pick));
  const sorted = (pick: (result: BurstResult) => number[]) => results.map((r) => [...pick(r)].sort((a, b) => a - b));
  const acks = sorted((r) => r.acks);
  const replies = sorted((r) => r.replies);
  return {
    ackP50: median(acks.map((s) => percentile(s, 50))),
    ackP99: median(acks.map((s) => percentile(s, 99))),
    ackMax: Math.max(...acks.map((s) => s.at(-1) ?? NaN)),
    replyP50: median(replies.map((s) => percentile(s, 50))),
    replyP99: median(replies.map((s) => percentile(s, 99))),
    datadogRequests: each((r) => r.datadogRequests),
    runningRequests: each((r) => r.runningRequests),
    cpuMsPerLookup: each((r) => r.cpuMsPerLookup),
    rssBeforeMb: each((r) => r.rssBeforeMb),
    rssAfterMb: each((r) => r.rssAfterMb),
    seconds: each((r) => r.seconds),
    missing: results.reduce((sum, r) => sum + r.missing, 0),
    wrong: results.reduce((sum, r) => sum + r.wrong, 0),
  };
}

const DATA = benchData();

async function main(): Promise<void> {
  const datadog = await startSampleDatadog({
    data: DATA.data,
    timesRelativeTo: new Date(),
    latencyMs: DATADOG_LATENCY_MS,
  });
  const slack = await startSlackStandIn();
  const sink = await startSink();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    DD_API_KEY: 'bench',
    DD_APP_KEY: 'bench',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALLOW_LOOPBACK_RESPONSE_URL: '1',
    LOG_LEVEL: 'info',
  };
  console.log(
    `incident burst: ${WARM_UP_COMMANDS} warm-up then ${COMMANDS} signed commands, concurrency ${CONCURRENCY}, ` +
      `${DISTINCT_RUNS} distinct runs (4 running), Datadog +${DATADOG_LATENCY_MS} ms; ${ROUNDS} rounds alternating ` +
      `app, reference and bare node + deps; medians; Node ${process.version}, load average ${loadAverage()} at start`,
  );
  const results: Record<string, BurstResult[]> = { app: [], reference: [] };
  const floorRss: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of [APP, REFERENCE]) results[target.name]?.push(await burstRound(target, datadog, sink, env));
      const bare = await spawnTarget(BARE_WITH_DEPENDENCIES, env);
      floorRss.push(rssMb(bare.child.pid!));
      await bare.stop();
    }
  } finally {
    await Promise.all([datadog.close(), slack.close(), sink.close()]);
  }
  const appRounds = results.app ?? [];
  const referenceRounds = results.reference ?? [];
  const app = summarize(appRounds);
  const floor = summarize(referenceRounds);
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  for (const [name, s] of [
    ['app (Bolt)', app],
    ['reference (node:http)', floor],
  ] as const) {
    console.log(
      `  ${name.padEnd(22)} ack p50 ${fmt(s.ackP50)} p99 ${fmt(s.ackP99)} max ${fmt(s.ackMax)} ms · ` +
        `reply p50 ${fmt(s.replyP50)} p99 ${fmt(s.replyP99)} ms · Datadog requests ${s.datadogRequests} (${s.runningRequests} for running runs) · ` +
        `CPU ${fmt(s.cpuMsPerLookup, 3)} ms/lookup · RSS ${fmt(s.rssBeforeMb)} → ${fmt(s.rssAfterMb)} MB · ` +
        `${fmt(s.seconds, 2)} s · missing ${s.missing} · wrong ${s.wrong}`,
    );
  }
  const bareRss = median(floorRss);
  console.log(
    `  ${'bare node + deps'.padEnd(22)} RSS ${fmt(bareRss)} MB at rest (${floorRss.map((mb) => fmt(mb)).join(', ')})`,
  );
  const shares = appRounds.flatMap((round) => (round.memory ? [round.memory] : []));
  const share = (pick: (memory: MemoryShares) => number) => fmt(median(shares.map(pick)));
  const spaceNames = Object.keys(shares[0]?.spaces ?? {});
  console.log(
    `  app memory after the burst (MB, medians): heap ${share((m) => m.heapUsed)} used of ${share((m) => m.heapTotal)} ` +
      `(${spaceNames.map((space) => `${space} ${share((m) => m.spaces[space] ?? NaN)}`).join(', ')}) · ` +
      `external ${share((m) => m.external)} · native and the rest ${share((m) => m.native)}`,
  );

  // Each round's app against the reference that ran next to it, then the median of those ratios.
  const cpuRatio = median(
    appRounds.map((round, i) => round.cpuMsPerLookup / (referenceRounds[i]?.cpuMsPerLookup ?? NaN)),
  );
  const overFloor = app.rssAfterMb - bareRss;
  const replyOver = app.replyP99 - DATADOG_LATENCY_MS;
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log(
    `summary: Datadog requests ${app.datadogRequests}/${COMMANDS} (≤${TARGETS.datadogRequests} ${mark(app.datadogRequests <= TARGETS.datadogRequests)}) · ` +
      `ack p99 ${fmt(app.ackP99)} ms (<${TARGETS.ackP99Ms} ${mark(app.ackP99 < TARGETS.ackP99Ms && app.ackMax < 1000)}; ${fmt(app.ackP99 / floor.ackP99, 2)}× floor) · ` +
      `reply p99 Datadog+${fmt(replyOver)} ms (≤+${TARGETS.replyOverDatadogMs} ${mark(replyOver <= TARGETS.replyOverDatadogMs)}; ${fmt(app.replyP99 / floor.replyP99, 2)}× floor) · ` +
      `CPU/lookup ${fmt(cpuRatio, 2)}× floor (≤${TARGETS.cpuRatio} ${mark(cpuRatio <= TARGETS.cpuRatio)}) · ` +
      `RSS after ${WARM_UP_COMMANDS + COMMANDS} lookups ${fmt(app.rssAfterMb, 0)} MB (≤${TARGETS.rssMb} ${mark(app.rssAfterMb <= TARGETS.rssMb)}), ` +
      `${fmt(overFloor, 0)} MB over bare node + deps (≤${TARGETS.overFloorMb} ${mark(overFloor <= TARGETS.overFloorMb)}) · ` +
      `load average ${loadAverage()} at the end`,
  );
}

if (require.main === module) void main();
