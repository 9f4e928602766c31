import { RUN_ACTIONS } from '../../src/render/slackIds';
import { buttonOf } from '../support/blockActions';
import { historyPath, listPath } from '../support/fixtures';
import { type BotUnderTest, useBotUnderTest, withBotUnderTest } from '../support/runningBot';
import { postSigned, slashCommand } from '../support/signedRequest';
import { checkedReply, click, command } from '../support/slackUser';

/** The history line end to end: signed requests to the running bot, the sample Datadog on loopback. */

/** The sample workflow with 20 runs, 4 failed; its latest run failed after 12m 10s, about 8× its usual 1m 30s. */
const TWENTY = '9d3e5f70-1b2c-4d3e-8f4a-5b6c7d8e9f01';
const LATEST = 'b2c3d4e5-0001-4f6a-8b7c-1d2e3f4a5b6c';
const LINE = '4 of the last 20 runs failed · usually 1m 30s · this one 12m 10s, 8× the usual';
/** The sample workflow with 3 runs, and its failed one. */
const THREE = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';

const historyRequests = (bot: BotUnderTest, workflowId: string) =>
  bot.datadog.requests.filter((request) => request.path === historyPath(workflowId)).length;

describe('on one bot', () => {
  const bot = useBotUnderTest();

  test('a run of the workflow with 20 runs (4 failed) shows its history line, on Refresh and Share too', async () => {
    const reply = await command(bot(), `${TWENTY} ${LATEST}`);
    expect(JSON.stringify(reply)).toContain(LINE);
    const [refreshed] = await click(bot(), RUN_ACTIONS.refresh, buttonOf(reply, RUN_ACTIONS.refresh)?.value);
    expect(JSON.stringify(refreshed)).toContain(LINE);
    const [shared] = await click(bot(), RUN_ACTIONS.share, buttonOf(reply, RUN_ACTIONS.share)?.value);
    expect(shared).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(shared)).toContain(LINE);
  });

  test("Recent runs show the runs' states newest first and their median; View shows the run's history line", async () => {
    const recent = await command(bot(), `${TWENTY} --last 6`);
    expect(JSON.stringify(recent)).toContain(
      ':x::white_check_mark::white_check_mark::x::white_check_mark::no_entry_sign: · median 1m 29s',
    );
    const [viewed] = await click(bot(), RUN_ACTIONS.view, buttonOf(recent, RUN_ACTIONS.view)?.value);
    expect(JSON.stringify(viewed)).toContain(LINE);
  });

  test('a failing list call: the run reply still comes, without the line', async () => {
    bot().datadog.script(listPath(THREE), { status: 500, body: { errors: ['Internal Server Error'] } });
    const reply = JSON.stringify(await command(bot(), `${THREE} ${FAILED}`));
    expect(reply).toContain('Failed');
    expect(reply).toContain('Rollback_deployment');
    expect(reply).not.toContain('of the last');
    expect(historyRequests(bot(), THREE)).toBeGreaterThanOrEqual(1);
  });
});

test('40 responders on one run at once: every reply has the history line, and the list is asked at most twice', async () => {
  await withBotUnderTest({}, async (bot) => {
    const text = `${TWENTY} ${LATEST}`;
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postSigned(bot.eventsUrl, slashCommand(text, bot.slack.responseUrl(`responder-${i}`))),
      ),
    );
    expect(acks.map((ack) => ack.status)).toEqual(Array(40).fill(200));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => bot.slack.repliesTo(`responder-${i}`)));
    for (const [reply] of replies) expect(JSON.stringify(checkedReply(reply))).toContain(LINE);
    expect(historyRequests(bot, TWENTY)).toBeGreaterThanOrEqual(1);
    expect(historyRequests(bot, TWENTY)).toBeLessThanOrEqual(2);
  });
});

test('a list call that hangs does not hold the reply up: it comes without the line, long before Datadog gives up', async () => {
  // Datadog's own deadline is far past the test's time-out: a reply that waited for the list would never come in time.
  await withBotUnderTest({ DD_TIMEOUT_MS: '120000', DD_DEADLINE_MS: '120000' }, async (bot) => {
    bot.datadog.script(listPath(THREE), { hang: true });
    const reply = JSON.stringify(await command(bot, `${THREE} ${FAILED}`));
    expect(reply).toContain('Failed');
    expect(reply).not.toContain('of the last');
    expect(historyRequests(bot, THREE)).toBe(1);
  });
});
