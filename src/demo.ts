import { loadDatadogConfig } from './config/load';
import { errorMessage } from './core/errorMessage';
import { createLog } from './core/log';
import { blockKitBuilderUrl } from './render/blockKitBuilder';
import { withSampleNotice } from './render/sampleNotice';
import { COMMAND } from './render/slackIds';
import { presentCommand } from './render/slackReplies';
import { colorWanted, mrkdwnToTerminal, renderTerminal } from './render/terminal';
import { demoRuns, SAMPLE_DATA } from './sample/sampleDatadog';
import { wireLookup } from './wiring';

/** `npm run demo`: every sample run through the bot's real lookup path, printed for a terminal, with a Block Kit Builder link. */

/** What a user would type for each sample run, then for the ones Datadog does not know, then for recent runs (the first workflow's, and those of a workflow kept for its history). */
function sampleCommands(): string[] {
  const known = SAMPLE_DATA.workflows.flatMap((workflow) => demoRuns(workflow).map((id) => `${workflow.id} ${id}`));
  const missing = (SAMPLE_DATA.missingRuns ?? []).map((run) => `${run.workflowId} ${run.instanceId}`);
  const recent = SAMPLE_DATA.workflows
    .filter((workflow, index) => index === 0 || workflow.shownInDemo)
    .map((workflow) => workflow.id);
  return [...known, ...missing, ...recent];
}

async function runDemo(write: (text: string) => void, color: boolean): Promise<void> {
  // Defaults only: the demo ignores any real keys or site in the environment.
  const loaded = loadDatadogConfig({ DD_DEMO: '1' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const datadog = await wireLookup(loaded.config, { log: createLog('warn') });
  try {
    const { lookup } = datadog;
    const show = (mrkdwn: string) => write(`${mrkdwnToTerminal(mrkdwn, { color })}\n`);
    show(
      `*dd-instance demo*: _sample data_ from the embedded sample Datadog on ${datadog.sample?.url}, not a real Datadog account.`,
    );
    show("Each reply below comes from the bot's real path: command parsing → Datadog client → Block Kit reply.");
    const commands = sampleCommands();
    for (const [index, text] of commands.entries()) {
      const reply = withSampleNotice(presentCommand(await lookup.lookUpCommand(text, {}), lookup.site));
      show(`\n*━━ ${index + 1}/${commands.length}* \`${COMMAND} ${text}\``);
      write(`${renderTerminal(reply, { color })}\n`);
      show('_See it as Slack shows it (Block Kit Builder):_');
      write(`${blockKitBuilderUrl(reply)}\n`);
    }
    show(
      `\nTry your own: \`npx dd-instance --demo <workflow_id> <instance_id>\`; or the real bot on this data: \`DD_DEMO=1 npm start\`.`,
    );
  } finally {
    await datadog.close();
  }
}

runDemo((text) => process.stdout.write(text), colorWanted(process.stdout, process.env)).catch((err: unknown) => {
  process.stderr.write(`The demo failed: ${errorMessage(err)}\n`);
  process.exit(1);
});
