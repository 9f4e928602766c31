import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDatadogConfig } from '../src/config/load';
import { createLog } from '../src/core/log';
import { withSampleNotice } from '../src/render/sampleNotice';
import { presentCommand } from '../src/render/slackReplies';
import { renderTerminal } from '../src/render/terminal';
import { SAMPLE_DATA } from '../src/sample/sampleDatadog';
import { wireLookup } from '../src/wiring';

/** The README's example replies are real: `dd-instance --demo <ids>` at the moment the sample was recorded, in UTC. */

const MARKER = /<!-- example: dd-instance --demo ([^>]+) -->\n```text\n([\s\S]*?)\n```/g;

/** What `dd-instance --demo <text>` prints, with the clock at the sample's recording time. */
async function demoOutput(text: string): Promise<string> {
  const loaded = loadDatadogConfig({ DD_DEMO: '1' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const recordedAt = new Date(SAMPLE_DATA.recordedAt!);
  const wired = await wireLookup(loaded.config, { log: createLog('error'), clock: () => recordedAt });
  try {
    const reply = withSampleNotice(presentCommand(await wired.lookup.lookUpCommand(text, {}), wired.lookup.site));
    return renderTerminal(reply, { color: false, timeZone: 'UTC' });
  } finally {
    await wired.close();
  }
}

test("each of the README's example replies is the demo's real output for that run", async () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const examples = [...readme.matchAll(MARKER)];
  // The first reply, and a run with its workflow's history under "Reading a reply".
  expect(examples).toHaveLength(2);
  for (const [, command, shown] of examples) expect(shown).toBe(await demoOutput(command!.trim()));
});
