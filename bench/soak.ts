/**
 * Soak: 10,000 lookups of mixed outcomes through the use cases (cache off, so each reaches the loopback Datadog),
 * 50 at a time, each answer presented as its Slack reply. Prints RSS every 1,000 lookups and the count of
 * unhandled errors. A script that prints numbers, not a test. `npm run soak`.
 */

import { loadDatadogConfig } from '../src/config';
import { AccessPolicy } from '../src/core/access';
import { createLog } from '../src/core/log';
import { PerUserRateLimit } from '../src/core/rateLimit';
import { blockKitProblems } from '../src/render/limits';
import { presentCommand, presentMessage } from '../src/render/slackReplies';
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { wireLookup } from '../src/wiring';
import { hugeRunBody } from '../test/support/runs';

const TOTAL = Number(process.env.SOAK_LOOKUPS ?? 10_000);
const PARALLEL = 50;
const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const MISSING = 'a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b';
const FORBIDDEN = 'a1b2c3d4-0403-4e5f-8a9b-0c1d2e3f4a5b';
const JUNK = 'a1b2c3d4-0bad-4e5f-8a9b-0c1d2e3f4a5b';
const HUGE = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const HUGE_WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const OTHER_WF = '0b7e8c9d-1a2b-4c3d-9e8f-7a6b5c4d3e2f';

/** What each lookup asks, in turn: found, not found, refused by Datadog, junk, huge, a list, usage, a refusal by the bot. */
const ASKS: Array<{ command?: string; message?: unknown; user?: string }> = [
  { command: `${WF} ${FAILED}` },
  { command: `${WF} ${MISSING}` },
  { command: `${WF} ${FORBIDDEN}` },
  { command: `${WF} ${JUNK}` },
  { command: `${HUGE_WF} ${HUGE}` },
  { command: `${WF} --last 25` },
  { command: 'nonsense words' },
  { command: `${OTHER_WF} ${FAILED}` },
  {
    message: {
      text: `workflow ${WF} run ${FAILED}`,
      blocks: [{ type: 'section', text: { text: `<http://${'a'.repeat(5000)}` } }],
    },
  },
  { command: `${WF} ${FAILED}`, user: 'U0BUSY' },
];

const gc = (globalThis as { gc?: () => void }).gc;

/** RSS, and the heap in use after a full collection when node runs with --expose-gc (npm run soak does). */
function memory(): string {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).padStart(6);
  return `RSS ${mb(rss)} MB  heap after GC ${mb(heapUsed)} MB`;
}

async function main(): Promise<void> {
  let unhandled = 0;
  process.on('unhandledRejection', () => unhandled++);
  process.on('uncaughtException', () => unhandled++);
  const datadog = await startSampleDatadog();
  const path = (wf: string, run: string) => `/api/v2/workflows/${wf}/instances/${run}`;
  datadog.script(path(WF, FORBIDDEN), { status: 403, body: { errors: ['Forbidden'] } });
  datadog.script(path(WF, JUNK), { raw: '<html>proxy error</html>', contentType: 'text/html' });
  datadog.script(path(HUGE_WF, HUGE), { body: hugeRunBody() });
  const loaded = loadDatadogConfig({
    DD_API_KEY: 'soak',
    DD_APP_KEY: 'soak',
    DD_API_URL: datadog.url,
    CACHE_FINISHED_TTL_MS: '0',
    CACHE_RUNNING_TTL_MS: '0',
    CACHE_NOT_FOUND_TTL_MS: '0',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  let audited = 0;
  const wired = await wireLookup(loaded.config, createLog('error'), undefined, undefined, {
    access: new AccessPolicy({ workflowIds: [WF, HUGE_WF] }),
    // Each of the 200 users makes about 45 lookups; U0BUSY makes 1,000 and meets the limit.
    rateLimit: new PerUserRateLimit(60),
    showInitiatorEmail: false,
    observer: () => audited++,
  });
  const { lookup } = wired;
  const outcomes = new Map<string, number>();
  let overLimits = 0;
  let done = 0;
  const started = performance.now();
  console.log(`soak: ${TOTAL} lookups, ${PARALLEL} at a time; at start ${memory()}`);
  const worker = async (): Promise<void> => {
    while (done < TOTAL) {
      const index = done++;
      const ask = ASKS[index % ASKS.length]!;
      const asker = { userId: ask.user ?? `U${index % 200}`, channelId: 'C1', via: 'command' as const };
      const reply = ask.command
        ? presentCommand(await lookup.lookUpCommand(ask.command, asker), lookup.site)
        : presentMessage(await lookup.lookUpMessage(ask.message, asker), lookup.site);
      if (blockKitProblems(reply).length > 0) overLimits++;
      const title = reply.text.split(/[.:]/)[0]!.slice(0, 40);
      outcomes.set(title, (outcomes.get(title) ?? 0) + 1);
      if ((index + 1) % (TOTAL / 10) === 0) console.log(`  ${String(index + 1).padStart(6)} lookups  ${memory()}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(`done in ${seconds.toFixed(1)} s (${(TOTAL / seconds).toFixed(0)} lookups/s); after: ${memory()}`);
  console.log(`Datadog requests: ${datadog.requests.length}; audit events: ${audited}`);
  console.log(`replies over Block Kit limits: ${overLimits}; unhandled errors: ${unhandled}`);
  console.log('replies by first words:');
  for (const [title, count] of [...outcomes].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(count).padStart(6)}  ${title}`);
  await wired.close();
  await datadog.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
