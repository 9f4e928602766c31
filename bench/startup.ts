/**
 * Start-up: spawn to /healthz 200 for the built app (HTTP mode, Slack and Datadog on loopback stand-ins), bare node,
 * and bare node holding the app's dependencies; for the app also spawn to /readyz 200 (everything loaded, token
 * accepted). Rounds alternate the three, each a fresh process; prints every time and the medians side by side.
 */
import { startSampleDatadog } from '../src/sample/sampleDatadog';
import { startSlackStandIn } from '../test/support/slackStandIn';
import { APP, BARE, BARE_WITH_DEPENDENCIES, loadAverage, median, spawnTarget } from './processes';

const ROUNDS = 5;
const TARGET_MS = 280;

async function main(): Promise<void> {
  const datadog = await startSampleDatadog();
  const slack = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    DD_API_KEY: 'bench',
    DD_APP_KEY: 'bench',
    DD_API_URL: datadog.url,
    SLACK_API_URL: slack.apiUrl,
  };
  const times: Record<string, number[]> = {};
  const record = (name: string, ms: number) => {
    times[name] = [...(times[name] ?? []), ms];
  };
  console.log(
    `start-up, ${ROUNDS} alternating rounds, Node ${process.version}, load average ${loadAverage()} at start`,
  );
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const target of [APP, BARE, BARE_WITH_DEPENDENCIES]) {
        const running = await spawnTarget(target, env);
        record(`${target.name} → /healthz`, running.startMs);
        record(`${target.name} CPU to /healthz`, running.startCpuMs);
        if (target === APP) record('app → /readyz', await running.answers('/readyz'));
        await running.stop();
      }
  } finally {
    await Promise.all([datadog.close(), slack.close()]);
  }
  for (const [name, list] of Object.entries(times))
    console.log(
      `  ${name.padEnd(26)} median ${median(list).toFixed(0).padStart(4)} ms  (${list.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  const at = (name: string) => median(times[name] ?? []);
  const app = at('app → /healthz');
  const mark = app <= TARGET_MS ? 'ok' : 'MISSED';
  console.log(
    `summary: app spawn → /healthz ${app.toFixed(0)} ms (≤${TARGET_MS} ${mark}), ` +
      `${(app / at('bare node → /healthz')).toFixed(1)}× bare node; CPU to /healthz ${at('app CPU to /healthz').toFixed(0)} ms, ` +
      `${(at('app CPU to /healthz') / at('bare node CPU to /healthz')).toFixed(1)}× bare node; load average ${loadAverage()} at the end`,
  );
}

if (require.main === module) void main();
