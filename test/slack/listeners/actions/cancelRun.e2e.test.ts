import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runButtonValue } from '../../../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../../../src/render/slackIds';
import { buttonOf, buttonsIn } from '../../../support/blockActions';
import { recorded } from '../../../support/fixtures';
import { eventually, RUNNING_REF } from '../../../support/follows';
import { type BotUnderTest, withBotUnderTest } from '../../../support/runningBot';
import { click, command } from '../../../support/slackUser';

/** Cancel run through signed Slack requests, against the loopback Datadog: who sees it, who may press it, and what is sent. */
jest.setTimeout(30_000);

const RUN_TEXT = `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`;
const VALUE = runButtonValue(RUNNING_REF, 'datadoghq.com');
const cancelPath = (instanceId: string) => `/api/v2/workflows/${RUNNING_REF.workflowId}/instances/${instanceId}/cancel`;
/** A run the sample Datadog does not know: its cancel is Datadog's recorded 404. */
const UNKNOWN_RUN = { ...RUNNING_REF, instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67' };
const ACTOR = 'U0ACTOR';

let auditDir: string;
beforeEach(() => {
  auditDir = mkdtempSync(join(tmpdir(), 'dd-cancel-audit-'));
});
afterEach(() => rmSync(auditDir, { recursive: true, force: true }));

/** A bot of its own (each cancel changes its sample Datadog) writing its audit trail to a file. */
function withActingBot(env: Record<string, string>, use: (bot: BotUnderTest) => Promise<void>): Promise<void> {
  return withBotUnderTest({ AUDIT_LOG_FILE: join(auditDir, 'audit.jsonl'), ...env }, use);
}

const ACTING = { ACTIONS_ENABLED: '1', ALLOWED_ACTOR_USER_IDS: ACTOR };

const puts = (bot: BotUnderTest) => bot.datadog.requests.filter((request) => request.method === 'PUT').length;

/** The audit trail's act lines, once `count` of them are written. */
async function actLines(count: number): Promise<Array<Record<string, unknown>>> {
  const read = () =>
    readFileSync(join(auditDir, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.audit === 'act');
  await eventually(`${count} act audit lines`, () => {
    try {
      return read().length >= count;
    } catch {
      return false;
    }
  });
  return read();
}

const cancelButton = (reply: Record<string, unknown>) => buttonOf(reply, RUN_ACTIONS.cancel);

test('with actions off there is no Cancel button, and a forged click is refused, audited, and sends nothing', async () => {
  await withActingBot({ ALLOWED_ACTOR_USER_IDS: ACTOR }, async (bot) => {
    const reply = await command(bot, RUN_TEXT, { user_id: ACTOR });
    expect(buttonsIn(reply).map((button) => button.action_id)).toContain(RUN_ACTIONS.follow);
    expect(cancelButton(reply)).toBeUndefined();
    const [answer] = await click(bot, RUN_ACTIONS.cancel, VALUE, { userId: ACTOR });
    expect(JSON.stringify(answer)).toContain('Acting on runs is turned off');
    expect(JSON.stringify(answer)).toContain('ACTIONS_ENABLED');
    expect(puts(bot)).toBe(0);
    expect(await actLines(1)).toMatchObject([
      { action: 'cancel', via: 'cancel', user: ACTOR, outcome: 'refused', refusal: 'actions_off' },
    ]);
  });
});

test('a non-actor sees no Cancel button; a forged click gets the refusal naming the settings, and sends nothing', async () => {
  await withActingBot(ACTING, async (bot) => {
    const reply = await command(bot, RUN_TEXT);
    expect(cancelButton(reply)).toBeUndefined();
    const [answer] = await click(bot, RUN_ACTIONS.cancel, VALUE);
    expect(answer).toMatchObject({ replace_original: true });
    expect(JSON.stringify(answer)).toContain('ALLOWED_ACTOR_USER_IDS');
    expect(puts(bot)).toBe(0);
    expect(await actLines(1)).toMatchObject([{ user: 'U0ONCALL', outcome: 'refused', refusal: 'not_actor' }]);
  });
});

test('an actor confirms and cancels: two clicks at once make one PUT, both replies show Canceled, and the follower is told who', async () => {
  await withActingBot(ACTING, async (bot) => {
    const [followed] = await click(bot, RUN_ACTIONS.follow, VALUE, { userId: 'U0FOLLOWER' });
    expect(JSON.stringify(followed)).toContain('You will get a DM');
    const reply = await command(bot, RUN_TEXT, { user_id: ACTOR });
    const button = cancelButton(reply) as unknown as Record<string, unknown>;
    expect(button).toMatchObject({
      style: 'danger',
      confirm: { title: { text: 'Cancel this run?' }, confirm: { text: 'Cancel run' } },
    });
    const confirmText = JSON.stringify(button.confirm);
    expect(confirmText).toContain(RUNNING_REF.instanceId);
    expect(confirmText).toContain('Roll back payments-api on elevated 5xx');

    const answers = await Promise.all([
      click(bot, RUN_ACTIONS.cancel, button.value, { userId: ACTOR }),
      click(bot, RUN_ACTIONS.cancel, button.value, { userId: ACTOR }),
    ]);
    expect(puts(bot)).toBe(1);
    for (const [answer] of answers) {
      expect(answer).toMatchObject({ replace_original: true });
      expect(JSON.stringify(answer)).toContain('Canceled');
      expect(cancelButton(answer!)).toBeUndefined();
    }
    // The click that made the call is named; the one that joined it says so.
    const notes = answers.map(([answer]) => JSON.stringify(answer).match(/Canceled by (<@\w+>|another click)/)?.[1]);
    expect(notes.sort()).toEqual([`<@${ACTOR}>`, 'another click']);
    await eventually('the follower DM', () => bot.slack.postedTo('U0FOLLOWER').length > 0);
    expect(String(bot.slack.postedTo('U0FOLLOWER')[0]!.body.blocks)).toContain(`Canceled by <@${ACTOR}>`);
    const lines = await actLines(2);
    expect(lines.map((line) => line.outcome).sort()).toEqual(['done', 'joined']);
    expect(lines[0]).toMatchObject({ user: ACTOR, workflow: RUNNING_REF.workflowId, instance: RUNNING_REF.instanceId });
  });
});

test("Datadog's 403 and 404 get their words, each audited, and the reply says nothing was changed", async () => {
  await withActingBot(ACTING, async (bot) => {
    bot.datadog.script(cancelPath(RUNNING_REF.instanceId), { status: 403, body: { errors: ['Forbidden'] } });
    const [refused] = await click(bot, RUN_ACTIONS.cancel, VALUE, { userId: ACTOR });
    expect(JSON.stringify(refused)).toContain('Datadog refused to cancel the run');
    expect(JSON.stringify(refused)).toContain('workflows_run');
    const { status, body } = recorded('cancel-instance-404-instance-not-found');
    bot.datadog.script(cancelPath(UNKNOWN_RUN.instanceId), { status, body });
    const [missing] = await click(bot, RUN_ACTIONS.cancel, runButtonValue(UNKNOWN_RUN, 'datadoghq.com'), {
      userId: ACTOR,
    });
    expect(JSON.stringify(missing)).toContain('Datadog has no running run to cancel');
    expect(JSON.stringify([refused, missing])).not.toMatch(/INSTANCE_NOT_FOUND|Forbidden"/);
    expect(puts(bot)).toBe(2);
    expect((await actLines(2)).map((line) => line.outcome)).toEqual(['forbidden', 'instance_not_found']);
  });
});

test('the ended run that replaces the reply after a cancel offers the actor Run again, as a lookup would', async () => {
  await withActingBot(ACTING, async (bot) => {
    const reply = await command(bot, RUN_TEXT, { user_id: ACTOR });
    expect(buttonOf(reply, RUN_ACTIONS.runAgain)).toBeUndefined();
    const [canceled] = await click(bot, RUN_ACTIONS.cancel, cancelButton(reply)?.value, { userId: ACTOR });
    expect(JSON.stringify(canceled)).toContain('Canceled');
    expect(cancelButton(canceled!)).toBeUndefined();
    expect(buttonOf(canceled!, RUN_ACTIONS.runAgain)).toBeDefined();
    const [refreshed] = await click(bot, RUN_ACTIONS.refresh, buttonOf(canceled!, RUN_ACTIONS.refresh)?.value, {
      userId: ACTOR,
    });
    expect(buttonsIn(refreshed!).map((button) => button.action_id)).toEqual(
      buttonsIn(canceled!).map((button) => button.action_id),
    );
  });
});
