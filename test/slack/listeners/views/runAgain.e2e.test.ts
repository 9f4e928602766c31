import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockKitProblems } from '../../../../src/render/limits';
import { parseRunButtonValue } from '../../../../src/render/runButtonValue';
import { SECRET_MASK } from '../../../../src/render/secretMask';
import { RUN_ACTIONS, RUN_AGAIN_VIEW } from '../../../../src/render/slackIds';
import { blockActions, buttonOf, CLICK_TRIGGER_ID } from '../../../support/blockActions';
import { instancePath } from '../../../support/fixtures';
import { eventually } from '../../../support/follows';
import { type BotUnderTest, TEST_SECRETS, useBotUnderTest, withBotUnderTest } from '../../../support/runningBot';
import { interactive, messageShortcut, postSigned } from '../../../support/signedRequest';
import { checkedReply, command, type Reply } from '../../../support/slackUser';

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
const WORKFLOW_PATH = `/api/v2/workflows/${WF}`;
const EXECUTE_PATH = `${WORKFLOW_PATH}/instances`;
const ACTOR = 'U0ONCALL';
const READER = 'U0READER';

const dir = mkdtempSync(join(tmpdir(), 'dd-run-again-e2e-'));
const auditFile = join(dir, 'audit.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bot = useBotUnderTest({ ACTIONS_ENABLED: '1', ALLOWED_ACTOR_USER_IDS: ACTOR, AUDIT_LOG_FILE: auditFile });

let clicks = 0;
let views = 0;
let submissions = 0;

function executions(harness: BotUnderTest) {
  return harness.datadog.requests.filter((request) => request.method === 'POST' && request.path === EXECUTE_PATH);
}

function runAudits(): Array<Record<string, unknown>> {
  if (!existsSync(auditFile)) return [];
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.audit === 'act' && line.action === 'run');
}

/**
 * Clicks Run again on the run's reply: a loading modal opens with the click's trigger_id and is then updated, guarded
 * by its hash, with what the click ended in (the form, or why there is none). Returns that view and the click's reply name.
 */
async function clickRunAgain(
  harness: BotUnderTest,
  instanceId = FAILED,
  userId = ACTOR,
): Promise<{ view: Reply; replies: string }> {
  const reply = await command(harness, `${WF} ${instanceId}`);
  const button = buttonOf(reply, RUN_ACTIONS.runAgain);
  expect(button).toBeDefined();
  const replies = `run-again-${++clicks}`;
  const opensBefore = harness.slack.apiCalls('views.open').length;
  const updatesBefore = harness.slack.apiCalls('views.update').length;
  const responseUrl = harness.slack.responseUrl(replies);
  const ack = await postSigned(
    harness.eventsUrl,
    blockActions({ actionId: RUN_ACTIONS.runAgain, value: button?.value, responseUrl, userId }),
  );
  expect(ack.status).toBe(200);
  const opened = (await harness.slack.apiCallsTo('views.open', opensBefore + 1))[opensBefore];
  expect(opened?.body.trigger_id).toBe(CLICK_TRIGGER_ID);
  expect(String(opened?.body.view)).toContain('Reading the workflow');
  const updated = (await harness.slack.apiCallsTo('views.update', updatesBefore + 1))[updatesBefore];
  // Updated after it was opened, on the view and hash the open answered, and Slack took it.
  expect(harness.slack.posts.indexOf(updated!)).toBeGreaterThan(harness.slack.posts.indexOf(opened!));
  const { view: openedView } = opened!.answer as { view: { id: string; hash: string } };
  expect(updated?.body).toMatchObject({ view_id: openedView.id, hash: openedView.hash });
  expect(updated?.answer).toMatchObject({ ok: true });
  const view = JSON.parse(String(updated?.body.view)) as Reply;
  expect(blockKitProblems(view as never, 'modal')).toEqual([]);
  return { view, replies };
}

/** Clicks Run again and returns the form it ended in. */
async function openForm(harness: BotUnderTest, instanceId = FAILED): Promise<{ view: Reply; replies: string }> {
  const opened = await clickRunAgain(harness, instanceId);
  expect(opened.view).toMatchObject({ callback_id: RUN_AGAIN_VIEW, submit: { text: 'Start run' } });
  return opened;
}

/** Submits the form as Slack does, with these field states by input name; returns the ack. */
function submit(
  harness: BotUnderTest,
  view: Reply,
  values: Record<string, Record<string, unknown>>,
  { viewId = `V0FORM${++views}`, userId = ACTOR } = {},
) {
  return postSigned(
    harness.eventsUrl,
    interactive({
      type: 'view_submission',
      team: { id: 'T0001', domain: 'example' },
      user: { id: userId, username: 'oncall', name: 'oncall', team_id: 'T0001' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      // Each submission is its own signed request, as Slack's would be (the same one again is refused as a replay).
      trigger_id: `1111.2222.submit${++submissions}`,
      view: {
        id: viewId,
        type: 'modal',
        callback_id: RUN_AGAIN_VIEW,
        private_metadata: view.private_metadata,
        state: { values },
        hash: '1700000000.abc',
      },
    }),
  );
}

const FILLED = {
  service: { STRING: { type: 'plain_text_input', value: 'ledger-api' } },
  revisions: { NUMBER: { type: 'number_input', value: '3' } },
  dryRun: { BOOLEAN: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
  regions: { ARRAY_STRING: { type: 'plain_text_input', value: '["eu-west-1", "us-east-1"]' } },
};
const FILLED_PAYLOAD = { service: 'ledger-api', revisions: 3, dryRun: true, regions: ['eu-west-1', 'us-east-1'] };

describe('Run again', () => {
  test('the form starts from the declared defaults; submitted, it makes exactly 1 POST with the payload and links the new run', async () => {
    const harness = bot();
    const { view, replies } = await openForm(harness);
    const serialized = JSON.stringify(view);
    expect(serialized).toContain('"initial_value":"payments-api"');
    expect(serialized).toContain('"initial_value":"1"');
    const ack = await submit(harness, view, FILLED);
    expect(ack).toMatchObject({ status: 200, body: '' });
    const [reply] = (await harness.slack.repliesTo(replies)).map(checkedReply);
    expect(executions(harness)).toHaveLength(1);
    expect(JSON.parse(executions(harness)[0]?.body ?? '')).toEqual({ meta: { payload: FILLED_PAYLOAD } });
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const follow = buttonOf(reply!, RUN_ACTIONS.follow);
    const started = parseRunButtonValue(follow?.value);
    expect(started?.workflowId).toBe(WF);
    expect(started?.instanceId).not.toBe(FAILED);
    expect(buttonOf(reply!, 'open_in_datadog')?.url).toContain(`instance=${started?.instanceId}`);
    await eventually('the audit line', () => runAudits().some((line) => line.new_instance === started?.instanceId));
    const audit = runAudits().find((line) => line.new_instance === started?.instanceId);
    expect(audit).toMatchObject({ user: ACTOR, workflow: WF, instance: FAILED, outcome: 'done', via: 'run' });
    expect(audit?.inputs).toEqual(Object.keys(FILLED_PAYLOAD));
    expect(readFileSync(auditFile, 'utf8')).not.toContain('ledger-api');
  });

  test("a form for a run started with inputs starts from that run's inputs", async () => {
    const harness = bot();
    const { view, replies } = await openForm(harness);
    await submit(harness, view, FILLED);
    const [reply] = await harness.slack.repliesTo(replies);
    const started = parseRunButtonValue(buttonOf(reply!, RUN_ACTIONS.follow)?.value);
    expect(started).toBeDefined();
    const ended = {
      instanceStatus: { detailsKind: 'SUCCEEDED', displayName: 'Succeeded' },
      endTimestamp: '2026-12-04T18:00:00Z',
    };
    harness.datadog.script(instancePath(started!), harness.datadog.runReply(WF, started!.instanceId, ended));
    const again = await openForm(harness, started!.instanceId);
    const fields = JSON.stringify(again.view);
    expect(fields).toContain('"initial_value":"ledger-api"');
    expect(fields).toContain('"initial_value":"3"');
    expect(fields).toContain(JSON.stringify(JSON.stringify(['eu-west-1', 'us-east-1'], null, 2)).slice(1, -1));
  });

  test('the same form submitted twice at once starts one run', async () => {
    const harness = bot();
    const { view, replies } = await openForm(harness);
    const acks = await Promise.all([
      submit(harness, view, FILLED, { viewId: 'V0TWICE' }),
      submit(harness, view, FILLED, { viewId: 'V0TWICE' }),
    ]);
    for (const ack of acks) expect(ack.status).toBe(200);
    await harness.slack.repliesTo(replies, 2);
    expect(executions(harness)).toHaveLength(1);
    await submit(harness, view, FILLED, { viewId: 'V0TWICE' });
    const answers = await harness.slack.repliesTo(replies, 3);
    expect(JSON.stringify(answers[2])).toContain('This form was already submitted');
    expect(executions(harness)).toHaveLength(1);
  });

  test('a field that does not hold its type is sent back with its error, and nothing is started', async () => {
    const harness = bot();
    const { view } = await openForm(harness);
    const ack = await submit(harness, view, {
      ...FILLED,
      regions: { ARRAY_STRING: { type: 'plain_text_input', value: '["eu-west-1", 7]' } },
      revisions: { NUMBER: { type: 'number_input', value: '1e300' } },
    });
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({
      response_action: 'errors',
      errors: { regions: expect.stringContaining('Item 2'), revisions: expect.stringContaining('between') },
    });
    expect(executions(harness)).toHaveLength(0);
  });

  test('the message shortcut on a message naming one ended run shows Run again too', async () => {
    const harness = bot();
    const link = `https://app.datadoghq.com/workflow/${WF}?instance=${FAILED}`;
    const ack = await postSigned(
      harness.eventsUrl,
      messageShortcut({ text: `it failed: ${link}` }, harness.slack.responseUrl('shortcut')),
    );
    expect(ack.status).toBe(200);
    const [reply] = (await harness.slack.repliesTo('shortcut')).map(checkedReply);
    expect(buttonOf(reply!, RUN_ACTIONS.runAgain)).toBeDefined();
  });

  test('a reader sees no Run again, and a forged submission is refused with 0 POST and an audit line', async () => {
    const harness = bot();
    const reply = await command(harness, `${WF} ${FAILED}`, { user_id: READER });
    expect(buttonOf(reply, RUN_ACTIONS.runAgain)).toBeUndefined();
    const { view, replies } = await openForm(harness);
    await submit(harness, view, FILLED, { userId: READER });
    const [refusal] = (await harness.slack.repliesTo(replies)).map(checkedReply);
    expect(JSON.stringify(refusal)).toContain('ALLOWED_ACTOR_USER_IDS');
    expect(executions(harness)).toHaveLength(0);
    await eventually('the refusal audit line', () => runAudits().some((line) => line.user === READER));
    expect(runAudits().find((line) => line.user === READER)).toMatchObject({
      outcome: 'refused',
      refusal: 'not_actor',
    });
  });

  test('a click the actor rules refuse ends in the modal saying which setting, with Close and nothing to submit', async () => {
    const harness = bot();
    const { view, replies } = await clickRunAgain(harness, FAILED, READER);
    expect(view).toMatchObject({ close: { text: 'Close' } });
    expect(view).not.toHaveProperty('submit');
    expect(JSON.stringify(view)).toContain('You may not act on runs');
    expect(JSON.stringify(view)).toContain('ALLOWED_ACTOR_USER_IDS');
    expect(harness.slack.posts.filter((post) => post.path.endsWith(replies))).toHaveLength(0);
    expect(harness.datadog.requests.filter((request) => request.path === WORKFLOW_PATH)).toHaveLength(0);
  });

  test("a workflow Datadog will not read ends in the modal with the lookup's words for it", async () => {
    const harness = bot();
    harness.datadog.script(WORKFLOW_PATH, { status: 403, body: { errors: ['Forbidden'] } });
    const { view } = await clickRunAgain(harness);
    expect(view).not.toHaveProperty('submit');
    expect(JSON.stringify(view)).toContain('workflows_read');
  });

  test('a starting value holding a configured secret leaves its field empty, with a hint, and the secret reaches no Slack call', async () => {
    const harness = bot();
    const inputs = { service: `rollback ${TEST_SECRETS.DD_API_KEY}`, revisions: 2 };
    harness.datadog.script(
      instancePath({ workflowId: WF, instanceId: FAILED }),
      harness.datadog.runReply(WF, FAILED, { inputs }),
    );
    const { view } = await openForm(harness);
    const fields = Object.fromEntries(
      (view.blocks as Array<{ block_id?: string; element?: Record<string, unknown>; hint?: { text: string } }>).map(
        (block) => [block.block_id, block],
      ),
    );
    expect(fields.service?.element).not.toHaveProperty('initial_value');
    expect(fields.service?.hint?.text).toContain('held a secret, which is not shown here: enter it again');
    expect(fields.revisions?.element).toMatchObject({ initial_value: '2' });
    expect(JSON.stringify(view)).not.toContain(SECRET_MASK);
    const sent = JSON.stringify(harness.slack.posts.map((post) => post.body));
    expect(sent).not.toContain(TEST_SECRETS.DD_API_KEY);
  });

  test.each([
    [403, { errors: ['Forbidden'] }, /workflows_run/],
    [404, { errors: [{ status: '404', title: 'Not Found', detail: 'WORKFLOW_NOT_FOUND' }] }, /not found|no workflow/i],
  ])('Datadog answering %i gets its words, and an audit line', async (status, body, words) => {
    const harness = bot();
    const { view, replies } = await openForm(harness);
    harness.datadog.script(EXECUTE_PATH, { status, body });
    await submit(harness, view, {});
    const [reply] = (await harness.slack.repliesTo(replies)).map(checkedReply);
    expect(JSON.stringify(reply)).toMatch(words);
    expect(JSON.stringify(reply)).not.toContain('"errors"');
    await eventually('the failure audit line', () =>
      runAudits().some((line) => line.outcome !== 'done' && line.outcome !== 'refused'),
    );
  });
});

test('with actions off: no Run again, and a forged submission starts nothing', async () => {
  await withBotUnderTest({}, async (harness) => {
    const reply = await command(harness, `${WF} ${FAILED}`);
    expect(buttonOf(reply, RUN_ACTIONS.runAgain)).toBeUndefined();
    const responseUrl = harness.slack.responseUrl('forged');
    const metadata = JSON.stringify({ w: WF, i: FAILED, s: 'datadoghq.com', u: responseUrl });
    await submit(harness, { private_metadata: metadata }, FILLED);
    const [refusal] = (await harness.slack.repliesTo('forged')).map(checkedReply);
    expect(JSON.stringify(refusal)).toContain('ACTIONS_ENABLED');
    expect(executions(harness)).toHaveLength(0);
  });
});

test('Datadog answering the workflow read after 3 s still ends in the form: the loading modal, opened at once, is updated with it', async () => {
  const env = { ACTIONS_ENABLED: '1', ALLOWED_ACTOR_USER_IDS: ACTOR, DD_TIMEOUT_MS: '10000', DD_DEADLINE_MS: '10000' };
  await withBotUnderTest(env, async (harness) => {
    // The sample's own answer for the workflow, as the bot would read it, served late.
    const keys = { 'dd-api-key': TEST_SECRETS.DD_API_KEY, 'dd-application-key': TEST_SECRETS.DD_APP_KEY };
    const workflow = (await (
      await fetch(`${harness.datadog.url}${WORKFLOW_PATH}`, { headers: keys })
    ).json()) as unknown;
    harness.datadog.script(WORKFLOW_PATH, { body: workflow, delayMs: 3000 });
    const { view } = await openForm(harness);
    expect(JSON.stringify(view)).toContain('"initial_value":"payments-api"');
    const methods = harness.slack.posts.map((post) => post.path).filter((path) => path.startsWith('/api/views.'));
    expect(methods).toEqual(['/api/views.open', '/api/views.update']);
  });
});
