import { blockKitProblems } from '../../src/render/limits';
import {
  renderBusy,
  renderNothingFound,
  renderOutdated,
  renderProblem,
  renderUsage,
} from '../../src/render/usageReply';

/** Usage and problem replies: what was wrong first, escaped, then how to use the bot; a plain fallback either way. */

test('usage alone: how to use the command and the shortcut, with the fallback naming both forms', () => {
  const reply = renderUsage();
  expect(reply.text).toBe('Usage: /dd-instance <workflow_id> <instance_id>, or a Datadog run link.');
  expect(reply.blocks).toHaveLength(1);
  const how = JSON.stringify(reply.blocks[0]);
  expect(how).toContain('*How to use dd-instance*');
  expect(how).toContain('`/dd-instance <workflow_id> <instance_id>`: the state of one Datadog workflow run');
  expect(how).toContain('`/dd-instance <run link>`: a link from Datadog');
  expect(how).toContain('(`--last 25` for more)');
  expect(how).toContain('More actions (⋮) → Look up Datadog run');
});

test('usage with a problem: the problem first, escaped, in the blocks and the fallback', () => {
  const reply = renderUsage('“<!channel>” is not a workflow or instance ID.');
  expect(reply.text).toBe(
    '“&lt;!channel&gt;” is not a workflow or instance ID. Usage: /dd-instance <workflow_id> <instance_id>',
  );
  expect(reply.blocks).toHaveLength(2);
  expect(reply.blocks[0]).toEqual({
    type: 'section',
    text: { type: 'mrkdwn', text: ':warning: “&lt;!channel&gt;” is not a workflow or instance ID.' },
  });
  expect(JSON.stringify(reply.blocks[1])).toContain('*How to use dd-instance*');
});

test('a problem alone (a click): one warning section, no usage', () => {
  expect(renderProblem('That button is <old>.')).toEqual({
    text: 'That button is &lt;old&gt;.',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':warning: That button is &lt;old&gt;.' } }],
  });
});

test('the shortcut found nothing: says so, then usage', () => {
  const reply = renderNothingFound();
  expect(reply.text).toMatch(
    /^This message has no Datadog workflow run in it: no run link, and no workflow and instance IDs\. Usage:/,
  );
  expect(reply.blocks).toHaveLength(2);
});

test('a button, shortcut or command of an older version: one warning line saying so and how to look the run up now', () => {
  expect(renderOutdated({ kind: 'button' })).toEqual({
    text: 'This button is from an older version of dd-instance. Look the run up again with /dd-instance &lt;workflow_id&gt; &lt;instance_id&gt;.',
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':warning: This button is from an older version of dd-instance. Look the run up again with /dd-instance &lt;workflow_id&gt; &lt;instance_id&gt;.',
        },
      },
    ],
  });
  expect(renderOutdated({ kind: 'shortcut' }).text).toMatch(/^This shortcut is from an older version of dd-instance\./);
  const command = renderOutdated({ kind: 'command', command: '/dd-<!here>' });
  expect(command.text).toMatch(/^The command \/dd-&lt;!here&gt; is from an older version of dd-instance\./);
  expect(blockKitProblems(command, 'message')).toEqual([]);
});

test('busy: one short warning and its fallback, within Block Kit limits', () => {
  const reply = renderBusy();
  expect(reply).toEqual({
    text: 'dd-instance is busy, try again in a few seconds.',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: dd-instance is busy, try again in a few seconds.' } },
    ],
  });
  expect(blockKitProblems(reply)).toEqual([]);
});
