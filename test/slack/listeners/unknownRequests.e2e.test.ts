import { blockKitProblems } from '../../../src/render/limits';
import {
  HOME_STOP_FOLLOWING_ACTION,
  OPEN_IN_DATADOG_ACTION,
  RUN_ACTIONS,
  STOP_FOLLOWING_ACTION,
} from '../../../src/render/slackIds';
import { blockActions } from '../../support/blockActions';
import { logLine } from '../../support/logs';
import { useBotUnderTest } from '../../support/runningBot';
import { interactive, messageShortcut, postSigned, slashCommand } from '../../support/signedRequest';

/**
 * Requests no listener takes (a button, shortcut or command of an older version), end to end: acked at once, well
 * before Bolt's 3 s "not acknowledged" 404, the sender told in one private line, and a warning logged, not an error.
 */

const harness = useBotUnderTest();

/** Far below Bolt's 3 s time-out, which answers an unacked request 404; generous for a loaded machine. */
const ACKED_AT_ONCE_MS = 2500;

const OUTDATED = /answered as outdated/;

async function postAcked(form: Record<string, string>) {
  const answer = await postSigned(harness().eventsUrl, form);
  expect(answer.status).toBe(200);
  expect(answer.ms).toBeLessThan(ACKED_AT_ONCE_MS);
  return answer;
}

function expectNoErrorLogged() {
  expect(harness().logs.filter((line) => / ERROR /.test(line))).toEqual([]);
}

test('a button from an older version: 200 at once, one private line at its response_url, a warning with its ID', async () => {
  const { slack, logs } = harness();
  await postAcked(blockActions({ actionId: 'run_retired', value: 'x', responseUrl: slack.responseUrl('old-button') }));
  const [reply] = await slack.repliesTo('old-button');
  expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  expect(String(reply!.text)).toMatch(/^This button is from an older version of dd-instance\. Look the run up again/);
  expect(blockKitProblems(reply as never, 'message')).toEqual([]);
  expect(await logLine(logs, OUTDATED)).toMatch(/WARN .*type=block_actions id=run_retired user=U0ONCALL/);
  expectNoErrorLogged();
});

test('a message shortcut of an older version and a global shortcut: acked; the one with a response_url told so', async () => {
  const { slack, logs } = harness();
  const old = JSON.parse(messageShortcut({ text: 'x' }, slack.responseUrl('old-shortcut')).payload!);
  await postAcked(interactive({ ...old, callback_id: 'lookup_run_v1' }));
  expect(String((await slack.repliesTo('old-shortcut'))[0]!.text)).toMatch(/^This shortcut is from an older version/);
  const global = { type: 'shortcut', callback_id: 'new_thing', trigger_id: '1.2.3', team: old.team, user: old.user };
  await postAcked(interactive(global));
  await logLine(logs, /WARN .*type=message_action id=lookup_run_v1/);
  await logLine(logs, /WARN .*type=shortcut id=new_thing/);
  expectNoErrorLogged();
});

test('a slash command other than /dd-instance: 200 at once, and a private line naming it', async () => {
  const { slack, logs } = harness();
  await postAcked({ ...slashCommand('x y', slack.responseUrl('old-command')), command: '/dd-run' });
  const [reply] = await slack.repliesTo('old-command');
  expect(String(reply!.text)).toMatch(/^The command \/dd-run is from an older version of dd-instance\./);
  expect(reply).toMatchObject({ response_type: 'ephemeral' });
  await logLine(logs, /WARN .*type=slash_command id=\/dd-run/);
  expectNoErrorLogged();
});

test('a modal submitted or closed under a callback ID the bot does not know: an empty ack, nothing posted', async () => {
  const { slack, logs } = harness();
  const posted = slack.posts.length;
  for (const type of ['view_submission', 'view_closed']) {
    const view = { id: 'V0OLD', type: 'modal', callback_id: `old_${type}`, state: { values: {} } };
    const answer = await postAcked(
      interactive({ type, team: { id: 'T0001', domain: 'example' }, user: { id: 'U0ONCALL' }, view }),
    );
    expect(answer.body).toBe('');
    await logLine(logs, new RegExp(`WARN .*type=${type} id=old_${type}`));
  }
  expect(slack.posts.length).toBe(posted);
  expectNoErrorLogged();
});

test('every button the bot handles goes to its own listener, never answered as outdated', async () => {
  const { slack, logs } = harness();
  const handled = [
    ...Object.values(RUN_ACTIONS),
    STOP_FOLLOWING_ACTION,
    HOME_STOP_FOLLOWING_ACTION,
    OPEN_IN_DATADOG_ACTION,
  ];
  for (const actionId of handled)
    await postAcked(
      blockActions({ actionId, value: 'not|a|run', responseUrl: slack.responseUrl(`known-${actionId}`) }),
    );
  const outdated = logs.filter((line) => OUTDATED.test(line)).join('\n');
  for (const actionId of handled) expect(outdated).not.toContain(`id=${actionId} `);
  // The run buttons' own answer to a damaged value, one each.
  for (const actionId of Object.values(RUN_ACTIONS))
    expect(String((await slack.repliesTo(`known-${actionId}`))[0]!.text)).not.toMatch(/older version/);
});
