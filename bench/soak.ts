/**
 * Soak through the front door: the built app as its own process with a 96 MB heap (HTTP mode), signed slash commands
 * over HTTP, replies captured at a loopback response_url, Datadog the sample one in this process.
 * Phase 1: 30,000 lookups of mixed outcomes from a few senders that each wait for their reply, printing the child's
 * memory every 3,000. Phase 2 (overload): 8,000 lookups from 64 senders that wait only for the ack: how many were
 * answered with the run, how many "busy" in the ack, and how many had no answer. A script that prints numbers, not a
 * test. `npm run soak`; SOAK_APP=<path to index.js> runs it against another build.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { metricSample } from '../test/support/metricsText';
import { hugeRunBody } from '../test/support/runs';
import { startSlackStandIn } from '../test/support/slackStandIn';
import { freePort, signedCommand, startReplyServer } from './signedCommands';

const STEADY_LOOKUPS = Number(process.env.SOAK_LOOKUPS ?? 30_000);
const PRINT_EVERY = STEADY_LOOKUPS / 10;
const STEADY_SENDERS = 8;
const OVERLOAD_LOOKUPS = 8000;
const OVERLOAD_SENDERS = 64;
const REPLY_TIMEOUT_MS = 30_000;
/** After the last overload ack, how long replies still under way may take to land. */
const STRAGGLERS_MS = 60_000;
const MEMORY_EVERY_MS = 250;
const SECRET = 'soak-signing-secret';
const APP = process.env.SOAK_APP ?? join(__dirname, '..', '..', 'dist', 'index.js');
const BUSY = 'busy, try again';

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const MISSING = 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b';
const FORBIDDEN = 'a1b2c3d4-0403-4e5f-8a9b-0c1d2e3f4a5b';
const JUNK = 'a1b2c3d4-0bad-4e5f-8a9b-0c1d2e3f4a5b';
const HUGE = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const HUGE_WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';

/** Phase 1 asks these in turn: found, not found, refused by Datadog, junk from Datadog, a huge run, a list, usage. */
const STEADY_ASKS = [
  `${WF} ${FAILED}`,
  `${WF} ${MISSING}`,
  `${WF} ${FORBIDDEN}`,
  `${WF} ${JUNK}`,
  `${HUGE_WF} ${HUGE}`,
  `${WF} --last 25`,
  'nonsense words',
];
/** Phase 2 asks for one run, so an answer with the run is told apart from any other. */
const OVERLOAD_ASK = `${WF} ${FAILED}`;

type Landed = 'run' | 'busy' | 'other' | 'none';

/** The response_url: each reply lands under its request's number and is sorted by what it says. */
async function startReplySink() {
  const waiting = new Map<number, { land: (landed: Landed) => void; timer: NodeJS.Timeout }>();
  const server = await startReplyServer((id, text) =>
    waiting.get(id)?.land(text.includes(BUSY) ? 'busy' : text.includes(FAILED) ? 'run' : 'other'),
  );
  return {
    url: server.url,
    /** What lands for request `id`, or 'none' after `timeoutMs`; set up before sending, as a reply can beat the ack. */
    landing(id: number, timeoutMs: number): Promise<Landed> {
      return new Promise((resolve) => {
        const land = (landed: Landed) => {
          clearTimeout(waiting.get(id)?.timer);
          waiting.delete(id);
          resolve(landed);
        };
        waiting.set(id, { land, timer: setTimeout(() => land('none'), timeoutMs) });
      });
    },
    /** No reply is awaited for `id` after all (its ack answered, or it failed). */
    forget(id: number): void {
      clearTimeout(waiting.get(id)?.timer);
      waiting.delete(id);
    },
    close: () => server.close(),
  };
}

interface App {
  child: ChildProcess;
  port: number;
  exit: { code: number | null; signal: string | null } | undefined;
  stderrTail(): string;
}

async function startApp(env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=96', APP], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), SLACK_SIGNING_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  const app: App = { child, port, exit: undefined, stderrTail: () => stderr };
  child.once('exit', (code, signal) => {
    app.exit = { code, signal };
  });
  for (let tries = 0; (await health(port)) !== 200; tries++) {
    if (app.exit || tries > 500) throw new Error(`the app did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return app;
}

async function health(port: number): Promise<number> {
  return request(`http://127.0.0.1:${port}/healthz`)
    .then(async (response) => {
      await response.body.dump();
      return response.statusCode;
    })
    .catch(() => 0);
}

/** The child's heap in use and RSS, from its /metrics; the lowest heap since the last reading approximates heap after GC. */
function watchMemory(port: number) {
  let heapMb = Number.NaN;
  let rssMb = Number.NaN;
  let floorMb = Number.POSITIVE_INFINITY;
  const mb = (bytes: number | undefined) => (bytes ?? Number.NaN) / 1024 / 1024;
  const timer = setInterval(() => {
    request(`http://127.0.0.1:${port}/metrics`)
      .then((response) => response.body.text())
      .then((text) => {
        heapMb = mb(metricSample(text, 'dd_instance_nodejs_heap_size_used_bytes'));
        rssMb = mb(metricSample(text, 'dd_instance_process_resident_memory_bytes'));
        floorMb = Math.min(floorMb, heapMb);
      })
      .catch(() => undefined);
  }, MEMORY_EVERY_MS);
  return {
    /** The readings now, and the heap floor since the last call, which starts a new floor. */
    take(): { heapMb: number; floorMb: number; rssMb: number } {
      const reading = { heapMb, floorMb, rssMb };
      floorMb = Number.POSITIVE_INFINITY;
      return reading;
    },
    stop: () => clearInterval(timer),
  };
}

const fmt = (n: number) => n.toFixed(1).padStart(6);

async function main(): Promise<void> {
  const datadog = await startSampleDatadog();
  const path = (wf: string, run: string) => `/api/v2/workflows/${wf}/instances/${run}`;
  datadog.script(path(WF, FORBIDDEN), { status: 403, body: { errors: ['Forbidden'] } });
  datadog.script(path(WF, JUNK), { raw: '<html>proxy error</html>', contentType: 'text/html' });
  datadog.script(path(HUGE_WF, HUGE), { body: hugeRunBody() });
  const slack = await startSlackStandIn();
  const sink = await startReplySink();
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-instance-soak-'));
  const app = await startApp({
    SLACK_BOT_TOKEN: 'xoxb-soak',
    DD_API_KEY: 'soak',
    DD_APP_KEY: 'soak',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALLOW_LOOPBACK_RESPONSE_URL: '1',
    RATE_LIMIT_PER_MINUTE: '1000000',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const memory = watchMemory(app.port);
  const pool = new Pool(`http://127.0.0.1:${app.port}`, { connections: OVERLOAD_SENDERS });
  let nextId = 0;
  /** Sends one signed command; the ack's body, or undefined when it was not a 200 (or the app is gone). */
  const send = async (text: string, id: number): Promise<string | undefined> => {
    const { body, headers } = signedCommand(SECRET, text, `${sink.url}/${id}`, `U0SOAK${id % 200}`);
    try {
      const response = await pool.request({ path: '/slack/events', method: 'POST', headers, body });
      const ack = await response.body.text();
      return response.statusCode === 200 ? ack : undefined;
    } catch {
      return undefined;
    }
  };
  console.log(`soak of ${APP} (--max-old-space-size=96)`);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2 * MEMORY_EVERY_MS));
    const start = memory.take();
    console.log(`phase 1: ${STEADY_LOOKUPS} lookups, ${STEADY_SENDERS} senders each waiting for its reply`);
    console.log(`  ${'lookups'.padStart(7)}  heap MB  floor MB  RSS MB  unanswered`);
    console.log(`  ${'0'.padStart(7)}  ${fmt(start.heapMb)}  ${fmt(start.heapMb)}  ${fmt(start.rssMb)}`);
    const floors: Array<{ lookups: number; floorMb: number }> = [];
    let steadySent = 0;
    let steadyDone = 0;
    let unanswered = 0;
    const started = performance.now();
    const steadySender = async (): Promise<void> => {
      while (steadySent < STEADY_LOOKUPS && !app.exit) {
        steadySent++;
        const id = nextId++;
        const landing = sink.landing(id, REPLY_TIMEOUT_MS);
        const ack = await send(STEADY_ASKS[id % STEADY_ASKS.length]!, id);
        if (ack !== '') sink.forget(id);
        if (ack === undefined || (ack === '' && (await landing) === 'none')) unanswered++;
        const done = ++steadyDone;
        if (done % PRINT_EVERY === 0) {
          const { heapMb, floorMb, rssMb } = memory.take();
          floors.push({ lookups: done, floorMb });
          console.log(`  ${String(done).padStart(7)}  ${fmt(heapMb)}  ${fmt(floorMb)}  ${fmt(rssMb)}  ${unanswered}`);
        }
      }
    };
    await Promise.all(Array.from({ length: STEADY_SENDERS }, steadySender));
    const seconds = (performance.now() - started) / 1000;
    const [first, last] = [floors[0], floors.at(-1)];
    const growth =
      first && last && last !== first ? ((last.floorMb - first.floorMb) / (last.lookups - first.lookups)) * 1000 : NaN;
    console.log(
      `phase 1: ${steadyDone} lookups in ${seconds.toFixed(0)} s (${(steadyDone / seconds).toFixed(0)}/s); ` +
        `unanswered ${unanswered}; heap floor growth ${growth.toFixed(2)} MB per 1,000 lookups ` +
        `(from ${first?.lookups ?? '-'} to ${last?.lookups ?? '-'})`,
    );

    const counts: Record<'busyInAck' | Landed, number> = { run: 0, busyInAck: 0, busy: 0, other: 0, none: 0 };
    const landings: Array<Promise<void>> = [];
    let sent = 0;
    let lastAck = performance.now();
    const overloadSender = async (): Promise<void> => {
      while (sent < OVERLOAD_LOOKUPS) {
        sent++;
        const id = nextId++;
        const landing = sink.landing(id, REPLY_TIMEOUT_MS + STRAGGLERS_MS);
        const ack = await send(OVERLOAD_ASK, id);
        lastAck = performance.now();
        if (ack === undefined) counts.none++;
        else if (ack.includes(BUSY)) counts.busyInAck++;
        else if (ack !== '') counts.other++;
        // Only an empty ack promises a reply at response_url.
        if (ack !== '') sink.forget(id);
        else
          landings.push(
            landing.then((landed) => {
              counts[landed]++;
            }),
          );
      }
    };
    const overloadStarted = performance.now();
    await Promise.all(Array.from({ length: OVERLOAD_SENDERS }, overloadSender));
    await Promise.all(landings);
    const ackSeconds = (lastAck - overloadStarted) / 1000;
    console.log(
      `phase 2 (overload): ${OVERLOAD_LOOKUPS} lookups from ${OVERLOAD_SENDERS} senders waiting only for the ack, ` +
        `acked over ${ackSeconds.toFixed(1)} s`,
    );
    console.log(
      `  answered with the run ${counts.run} · busy in the ack ${counts.busyInAck} · busy at response_url ${counts.busy} · ` +
        `other answer ${counts.other} · no answer ${counts.none}`,
    );
    const after = memory.take();
    console.log(`  after: heap ${fmt(after.heapMb)} MB, floor ${fmt(after.floorMb)} MB, RSS ${fmt(after.rssMb)} MB`);
  } finally {
    memory.stop();
    await pool.close();
    console.log(
      app.exit
        ? `the app DIED: exit code ${app.exit.code} signal ${app.exit.signal}\n${app.stderrTail()}`
        : 'the app is still alive',
    );
    if (!app.exit) {
      app.child.kill('SIGTERM');
      await new Promise((resolve) => app.child.once('exit', resolve));
    }
    await Promise.all([datadog.close(), slack.close(), sink.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
