import { blockKitProblems } from '../../src/render/limits';
import { parseRunButtonValue, runButtonValue } from '../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { buttonOf, buttonsIn, CLICK_TRIGGER_ID } from '../support/blockActions';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { instanceId, listBody } from '../support/runLists';
import { TEST_SECRETS, useBotUnderTest } from '../support/runningBot';
import { messageShortcut, postSigned } from '../support/signedRequest';
import { checkedReply, click, command, type Reply } from '../support/slackUser';

const FAILED_REF = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
};
const WORKFLOW_PATH = `/api/v2/workflows/${FAILED_REF.workflowId}`;
const LIST_PATH = `${WORKFLOW_PATH}/instances`;

const bot = useBotUnderTest();
let shortcutCount = 0;

function instanceFetches(ref: { workflowId: string; instanceId: string }): number {
  return bot().datadog.requests.filter((request) => request.path === instancePath(ref)).length;
}

/** The Web API calls the bot made, with the form-encoded `view` read back as JSON. */
async function viewCalls(method: string, count: number): Promise<Reply[]> {
  const deadline = Date.now() + 10_000;
  while (bot().slack.apiCalls(method).length < count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return bot()
    .slack.apiCalls(method)
    .slice(0, count)
    .map((call) => ({ ...call.body, view: JSON.parse(String(call.body.view)) as Reply }));
}

describe('run reply buttons', () => {
  test('a run reply carries Refresh, Share and Open in Datadog, with values that name only the run', async () => {
    const reply = await command(bot(), `${FAILED_REF.workflowId} ${FAILED_REF.instanceId}`);
    const actionIds = buttonsIn(reply).map((found) => found.action_id);
    expect(actionIds).toEqual([RUN_ACTIONS.refresh, RUN_ACTIONS.share, 'open_in_datadog']);
    expect(parseRunButtonValue(buttonOf(reply, RUN_ACTIONS.refresh)?.value)).toEqual({
      ...FAILED_REF,
      site: 'datadoghq.com',
    });
    expect(JSON.stringify(reply)).toContain('Fetched <!date^');
  });

  test('Refresh fetches again and replaces the ephemeral reply in place', async () => {
    const reply = await command(bot(), `${FAILED_REF.workflowId} ${FAILED_REF.instanceId}`);
    expect(instanceFetches(FAILED_REF)).toBe(1);
    const [refreshed] = await click(bot(), RUN_ACTIONS.refresh, buttonOf(reply, RUN_ACTIONS.refresh)?.value);
    expect(refreshed).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(instanceFetches(FAILED_REF)).toBe(2);
    expect(JSON.stringify(refreshed)).toContain('Rollback_deployment');
    expect(JSON.stringify(refreshed)).toContain('Fetched <!date^');
  });

  test("Refresh on a run that has vanished replaces the reply with the lookup's not-found reply", async () => {
    bot().datadog.script(instancePath(FAILED_REF), {
      status: 404,
      body: { errors: [{ code: 'INSTANCE_NOT_FOUND', detail: 'gone' }] },
    });
    const [refreshed] = await click(bot(), RUN_ACTIONS.refresh, runButtonValue(FAILED_REF, 'datadoghq.com'));
    expect(refreshed).toMatchObject({ replace_original: true });
    expect(JSON.stringify(refreshed)).toContain('Run not found');
  });

  test('Share posts the run in the channel, names the sharer, keeps only the link, and leaves the ephemeral copy', async () => {
    const reply = await command(bot(), `${FAILED_REF.workflowId} ${FAILED_REF.instanceId}`);
    const [shared] = await click(bot(), RUN_ACTIONS.share, buttonOf(reply, RUN_ACTIONS.share)?.value, {
      userId: 'U0SHARER',
    });
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(shared)).toContain('Shared by <@U0SHARER>');
    expect(buttonsIn(shared!).map((found) => found.action_id)).toEqual(['open_in_datadog']);
  });

  test('Share of a run Datadog refuses stays private', async () => {
    bot().datadog.script(instancePath(FAILED_REF), { status: 403, body: { errors: ['Forbidden'] } });
    const [answer] = await click(bot(), RUN_ACTIONS.share, runButtonValue(FAILED_REF, 'datadoghq.com'));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer)).toContain('workflows_read');
  });

  test.each([
    ['a forged value', 'not|a|run'],
    ['a value that is not text', { workflowId: FAILED_REF.workflowId }],
    ['IDs with path tricks', `../../v1/validate|${FAILED_REF.instanceId}|datadoghq.com`],
    ['an unknown site', `${FAILED_REF.workflowId}|${FAILED_REF.instanceId}|evil.example.com`],
  ])('%s gets a clear private error and nothing reaches Datadog', async (_name, value) => {
    for (const actionId of [RUN_ACTIONS.refresh, RUN_ACTIONS.share, RUN_ACTIONS.view, RUN_ACTIONS.fullError]) {
      const [answer] = await click(bot(), actionId, value);
      expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(JSON.stringify(answer)).toContain('This button’s data is damaged');
    }
    expect(bot().datadog.requests).toHaveLength(0);
    expect(bot().slack.apiCalls('views.open')).toHaveLength(0);
  });
});

describe('Show full error', () => {
  const hugeError = `${'panic: <!channel> goroutine stack & more\n'.repeat(1500)}THE LAST LINE`;
  const hugeRun = {
    data: {
      id: FAILED_REF.instanceId,
      type: 'instances',
      attributes: {
        instanceStatus: { detailsKind: 'STEP_ERROR', displayName: 'Failed' },
        startTimestamp: '2026-11-28T02:58:11Z',
        endTimestamp: '2026-11-28T02:59:47Z',
        stepStateAssociations: [{ stepName: 'Crash', stepState: 'ERROR' }],
        errorDetail: hugeError,
      },
    },
  };

  test('appears only when something was cut', async () => {
    const reply = await command(bot(), `${FAILED_REF.workflowId} ${FAILED_REF.instanceId}`);
    expect(buttonOf(reply, RUN_ACTIONS.fullError)).toBeUndefined();
  });

  test("opens a loading modal with the click's trigger_id, then updates it with the whole error in valid modal blocks", async () => {
    bot().datadog.script(instancePath(FAILED_REF), { body: hugeRun });
    const reply = await command(bot(), `${FAILED_REF.workflowId} ${FAILED_REF.instanceId}`);
    const fullError = buttonOf(reply, RUN_ACTIONS.fullError);
    expect(fullError).toBeDefined();
    const opensBefore = bot().slack.apiCalls('views.open').length;
    const updatesBefore = bot().slack.apiCalls('views.update').length;
    await click(bot(), RUN_ACTIONS.fullError, fullError?.value, { replies: 0 });
    const [opened] = (await viewCalls('views.open', opensBefore + 1)).slice(opensBefore);
    expect(opened).toMatchObject({ trigger_id: CLICK_TRIGGER_ID });
    expect(blockKitProblems(opened!.view as Reply, 'modal')).toEqual([]);
    const [updated] = (await viewCalls('views.update', updatesBefore + 1)).slice(updatesBefore);
    expect(updated).toMatchObject({ view_id: 'V0001' });
    const view = updated!.view as Reply;
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    const serialized = JSON.stringify(view);
    expect(serialized).toContain('THE LAST LINE');
    expect(serialized).not.toContain('<!channel>');
    expect(serialized).toContain('&lt;!channel&gt;');
    for (const secret of Object.values(TEST_SECRETS)) expect(serialized).not.toContain(secret);
  });

  test('when Slack refuses the update, the modal is updated again with an error view instead of spinning', async () => {
    bot().slack.failViewsUpdate(1, 'invalid_arguments');
    const updatesBefore = bot().slack.apiCalls('views.update').length;
    await click(bot(), RUN_ACTIONS.fullError, runButtonValue(FAILED_REF, 'datadoghq.com'), { replies: 0 });
    const updates = (await viewCalls('views.update', updatesBefore + 2)).slice(updatesBefore);
    expect(updates.map((update) => update.view_id)).toEqual(['V0001', 'V0001']);
    const errorView = updates[1]!.view as Reply;
    expect(blockKitProblems(errorView, 'modal')).toEqual([]);
    const serialized = JSON.stringify(errorView);
    expect(serialized).toContain('Slack did not take the run’s details');
    expect(serialized).toContain(`instance=${FAILED_REF.instanceId}`);
    expect(bot().logs.join('\n')).toMatch(/views.update failed error=.*invalid_arguments/);
  });

  test("a failed step's action is in the reply and its inputs in the modal, the secret ones hidden", async () => {
    const specRef = { workflowId: FAILED_REF.workflowId, instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b' };
    bot().datadog.script(instancePath(specRef), { body: recorded('get-instance-200-step-error-spec').body });
    const reply = await command(bot(), `${specRef.workflowId} ${specRef.instanceId}`);
    const shown = JSON.stringify(reply);
    expect(shown).toContain(':gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`');
    expect(shown).toContain(':x: `Rollback_deployment` error · step 2 of 4');
    const fullError = buttonOf(reply, RUN_ACTIONS.fullError);
    expect(fullError).toBeDefined();
    const updatesBefore = bot().slack.apiCalls('views.update').length;
    await click(bot(), RUN_ACTIONS.fullError, fullError?.value, { replies: 0 });
    const [updated] = (await viewCalls('views.update', updatesBefore + 1)).slice(updatesBefore);
    const view = updated!.view as Reply;
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    const inModal = JSON.stringify(view);
    expect(inModal).toContain('`namespace` = `payments`');
    expect(inModal).toContain('`connectionId` = `9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d`');
    expect(inModal).toContain('`apiToken` = `••• (hidden)`');
    for (const payload of [shown, inModal]) {
      expect(payload).not.toContain('rollback-token-do-not-show-42');
      expect(payload).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
    }
  });

  test("a Datadog failure fills the modal with the lookup's failure text", async () => {
    bot().datadog.script(instancePath(FAILED_REF), { status: 403, body: { errors: ['Forbidden'] } });
    const updatesBefore = bot().slack.apiCalls('views.update').length;
    await click(bot(), RUN_ACTIONS.fullError, runButtonValue(FAILED_REF, 'datadoghq.com'), { replies: 0 });
    const [updated] = (await viewCalls('views.update', updatesBefore + 1)).slice(updatesBefore);
    expect(blockKitProblems(updated!.view as Reply, 'modal')).toEqual([]);
    expect(JSON.stringify(updated!.view)).toContain('workflows_read');
  });
});

describe('recent runs', () => {
  test.each([0, 1, 10, 25])('lists %i runs within the message limits, each with a View button', async (count) => {
    bot().datadog.script(LIST_PATH, { body: listBody(count) });
    const reply = await command(bot(), `${FAILED_REF.workflowId}${count === 25 ? ' --last 25' : ''}`);
    const serialized = JSON.stringify(reply);
    expect(serialized).toContain('Roll back payments-api on elevated 5xx');
    expect(serialized).toContain('30 failed · 60 succeeded · 10 canceled');
    const views = buttonsIn(reply).filter((found) => found.action_id === RUN_ACTIONS.view);
    expect(views).toHaveLength(count);
    expect(views.map((found) => parseRunButtonValue(found.value)?.instanceId)).toEqual(
      Array.from({ length: count }, (_unused, index) => instanceId(index)),
    );
    if (count === 0) expect(serialized).toContain('no runs of this workflow yet');
    if (count > 0) expect(serialized).toContain('<!date^');
    const list = bot().datadog.requests.find((request) => request.path.startsWith(LIST_PATH));
    expect(list?.path).toContain(`page%5Bsize%5D=${count === 25 ? 25 : 10}`);
  });

  test('25 runs with 400-character hostile names still fit, escaped', async () => {
    const hostile = `<!channel> <@U0BOSS> <https://evil.example|click> & ${'x'.repeat(400)}`;
    bot().datadog.script(LIST_PATH, { body: listBody(25, { userName: hostile, displayName: hostile }) });
    bot().datadog.script(WORKFLOW_PATH, {
      body: { data: { id: FAILED_REF.workflowId, type: 'workflows', attributes: { name: hostile } } },
    });
    const reply = await command(bot(), `${FAILED_REF.workflowId} --last 25`);
    // A plain_text header never links or pings; everything read as mrkdwn must be escaped.
    const mrkdwnParts = {
      text: reply.text,
      blocks: (reply.blocks as Reply[]).filter((block) => block.type !== 'header'),
    };
    const serialized = JSON.stringify(mrkdwnParts);
    expect(serialized).toContain('&lt;!channel&gt;');
    expect(serialized).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil/);
    expect(buttonsIn(reply).filter((found) => found.action_id === RUN_ACTIONS.view)).toHaveLength(25);
  });

  test('a workflow name Datadog will not give does not fail the list', async () => {
    bot().datadog.script(WORKFLOW_PATH, { status: 500, body: { errors: ['boom'] } });
    const reply = await command(bot(), FAILED_REF.workflowId);
    expect(buttonsIn(reply).filter((found) => found.action_id === RUN_ACTIONS.view)).toHaveLength(3);
    expect(JSON.stringify(reply)).toContain(`Workflow ${FAILED_REF.workflowId}`);
  });

  test("a workflow Datadog does not know gets the lookup's not-found reply", async () => {
    const reply = await command(bot(), '11111111-2222-4333-8444-555555555555');
    expect(JSON.stringify(reply)).toContain('Workflow not found');
  });

  test("View answers with that run's full reply, as a new private message", async () => {
    const list = await command(bot(), FAILED_REF.workflowId);
    const view = buttonsIn(list).find(
      (found) => found.action_id === RUN_ACTIONS.view && found.value?.includes(FAILED_REF.instanceId),
    );
    const [answer] = await click(bot(), RUN_ACTIONS.view, view?.value);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer)).toContain('Rollback_deployment');
    expect(buttonsIn(answer!).map((found) => found.action_id)).toContain(RUN_ACTIONS.refresh);
  });

  test('a message shortcut on a workflow ID alone lists its recent runs', async () => {
    const name = `shortcut-${++shortcutCount}`;
    await postSigned(
      bot().eventsUrl,
      messageShortcut({ text: `workflow ${FAILED_REF.workflowId} keeps failing` }, bot().slack.responseUrl(name)),
    );
    const [reply] = await bot().slack.repliesTo(name);
    expect(buttonsIn(checkedReply(reply)).filter((found) => found.action_id === RUN_ACTIONS.view)).toHaveLength(3);
  });

  test('a message shortcut with several runs uses the same list rows', async () => {
    const name = `shortcut-${++shortcutCount}`;
    const text = `workflow ${FAILED_REF.workflowId} run ${FAILED_REF.instanceId}\nworkflow ${CANCELED_REF.workflowId} run ${CANCELED_REF.instanceId}`;
    await postSigned(bot().eventsUrl, messageShortcut({ text }, bot().slack.responseUrl(name)));
    const [reply] = await bot().slack.repliesTo(name);
    const serialized = JSON.stringify(checkedReply(reply));
    expect(serialized).toContain('2 workflow runs in this message');
    expect(serialized).toContain('failed at `Rollback_deployment`');
    expect(buttonsIn(reply!).filter((found) => found.action_id === RUN_ACTIONS.view)).toHaveLength(2);
  });
});
