import { blockKitProblems } from '../../src/render/limits';
import { RUN_ACTIONS, STOP_FOLLOWING_ACTION } from '../../src/render/slackIds';
import { buttonOf } from '../support/blockActions';
import { instancePath } from '../support/fixtures';
import { eventually, RUNNING_PATH, RUNNING_REF, requestTimes, runStates } from '../support/follows';
import { useBotUnderTest } from '../support/runningBot';
import { click, command, type Reply } from '../support/slackUser';

const POLL_MIN_MS = 100;
const bot = useBotUnderTest({
  FOLLOW_POLL_MIN_MS: String(POLL_MIN_MS),
  FOLLOW_POLL_MAX_MS: '200',
  FOLLOW_LEASE_MS: '1500',
  FOLLOW_MAX_PER_USER: '2',
  FOLLOW_MAX_TOTAL: '3',
});

/** Clicks as `userId` and returns the one reply to the click. */
async function clickAs(actionId: string, value: string | undefined, userId: string): Promise<Reply> {
  const [reply] = await click(bot(), actionId, value, { userId });
  return reply!;
}

/** Watches of the running sample run that have finished; other runs' watches (the caps test's) do not count. */
function finishedLines(): number {
  return bot().logs.filter((line) => line.includes('watch: finished') && line.includes(RUNNING_REF.instanceId)).length;
}

describe('following a run', () => {
  test('IN_PROGRESS → STEP_ERROR: one DM per follower, naming the channel, and one poll per interval for all of them', async () => {
    const states = runStates(bot().datadog);
    bot().datadog.script(RUNNING_PATH, states.running());
    const reply = await command(bot(), `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`);
    const follow = buttonOf(reply, RUN_ACTIONS.follow)?.value;
    expect(follow).toBeDefined();

    const followers = ['U0FOLLOWA', 'U0FOLLOWB', 'U0FOLLOWC'];
    for (const userId of followers) {
      const confirmation = await clickAs(RUN_ACTIONS.follow, follow, userId);
      expect(confirmation).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(JSON.stringify(confirmation)).toContain('You will get a DM');
      expect(buttonOf(confirmation, STOP_FOLLOWING_ACTION)?.value).toBe(follow);
    }
    const before = requestTimes(bot().datadog, RUNNING_PATH).length;
    bot().datadog.script(RUNNING_PATH, states.running(), states.furtherOn(), states.stepError());
    await eventually('the watch finishes', () => finishedLines() === 1);

    for (const userId of followers) {
      const dms = bot().slack.postedTo(userId);
      expect(dms).toHaveLength(1);
      const dm = dms[0]!.body;
      expect(blockKitProblems({ text: dm.text, blocks: JSON.parse(String(dm.blocks)) })).toEqual([]);
      expect(String(dm.text)).toContain('Finished');
      expect(String(dm.blocks)).toContain('<#C0INCIDENT>');
      expect(String(dm.blocks)).toContain('Rollback_deployment');
    }
    const times = requestTimes(bot().datadog, RUNNING_PATH);
    // The command's lookup came first; every request after it is the one watcher's poll.
    const polls = times.slice(1);
    const pollLines = bot().logs.filter(
      (line) => line.includes('watch: poll') && line.includes(RUNNING_REF.instanceId),
    );
    expect(pollLines).toHaveLength(polls.length);
    expect(times.length - before).toBe(3);
    // One poll per interval, however many follow: never two polls closer than the shortest jittered interval.
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(POLL_MIN_MS * 0.8 - 5);
    process.stdout.write(
      `follow e2e: ${followers.length} followers, ${polls.length} polls, gaps ${gaps.join(',')} ms\n`,
    );
  });

  test('Stop following: no DM comes, and the confirmation says so', async () => {
    const states = runStates(bot().datadog);
    bot().datadog.script(RUNNING_PATH, states.running());
    const reply = await command(bot(), `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`);
    const confirmation = await clickAs(RUN_ACTIONS.follow, buttonOf(reply, RUN_ACTIONS.follow)?.value, 'U0QUITTER');
    const stopped = await clickAs(
      STOP_FOLLOWING_ACTION,
      buttonOf(confirmation, STOP_FOLLOWING_ACTION)?.value,
      'U0QUITTER',
    );
    expect(stopped).toMatchObject({ replace_original: true });
    expect(JSON.stringify(stopped)).toContain('You no longer follow');
    const again = await clickAs(
      STOP_FOLLOWING_ACTION,
      buttonOf(confirmation, STOP_FOLLOWING_ACTION)?.value,
      'U0QUITTER',
    );
    expect(JSON.stringify(again)).toContain('You were not following');
    expect(bot().slack.postedTo('U0QUITTER')).toHaveLength(0);
  });

  test('caps: per user, then in total, each with its own reply', async () => {
    const runs = [1, 2, 3, 4].map((n) => ({
      workflowId: RUNNING_REF.workflowId,
      instanceId: `a1b2c3d4-00${n}9-4e5f-8a9b-0c1d2e3f4a5b`,
    }));
    const values = runs.map((ref) => `${ref.workflowId}|${ref.instanceId}|datadoghq.com`);
    // Each stays running while the caps are tried.
    for (const ref of runs) bot().datadog.script(instancePath(ref), runStates(bot().datadog).running());
    const confirmations = [
      await clickAs(RUN_ACTIONS.follow, values[0], 'U0CAPPED'),
      await clickAs(RUN_ACTIONS.follow, values[1], 'U0CAPPED'),
    ];
    for (const confirmation of confirmations) expect(JSON.stringify(confirmation)).toContain('You will get a DM');
    expect(JSON.stringify(await clickAs(RUN_ACTIONS.follow, values[2], 'U0CAPPED'))).toContain(
      'You already follow 2 runs, the most one person can',
    );
    expect(JSON.stringify(await clickAs(RUN_ACTIONS.follow, values[2], 'U0OTHER'))).toContain('You will get a DM');
    expect(JSON.stringify(await clickAs(RUN_ACTIONS.follow, values[3], 'U0OTHER'))).toContain(
      'The bot is already watching 3 runs, its limit',
    );
    // A run whose last follower leaves frees its place at once, not at the watcher's next tick.
    expect(JSON.stringify(await clickAs(STOP_FOLLOWING_ACTION, values[2], 'U0OTHER'))).toContain(
      'You no longer follow',
    );
    expect(JSON.stringify(await clickAs(RUN_ACTIONS.follow, values[3], 'U0OTHER'))).toContain('You will get a DM');
    for (const [user, value] of [
      ['U0CAPPED', values[0]],
      ['U0CAPPED', values[1]],
      ['U0OTHER', values[3]],
    ] as const)
      expect(JSON.stringify(await clickAs(STOP_FOLLOWING_ACTION, value, user))).toContain('You no longer follow');
  });
});

describe('sharing a running run', () => {
  test('where the bot is a member: posted, updated while the run moves, then final, then left alone', async () => {
    const states = runStates(bot().datadog);
    bot().slack.setMember('C0INCIDENT', true);
    bot().datadog.script(RUNNING_PATH, states.running());
    const reply = await command(bot(), `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`);
    const finishedBefore = finishedLines();
    await click(bot(), RUN_ACTIONS.share, buttonOf(reply, RUN_ACTIONS.share)?.value, {
      userId: 'U0SHARER',
      replies: 0,
    });
    await eventually('the live message is posted', () => bot().slack.postedTo('C0INCIDENT').length === 1);
    const posted = bot().slack.postedTo('C0INCIDENT')[0]!.body;
    expect(String(posted.blocks)).toContain('Live: kept up to date');
    expect(String(posted.blocks)).toContain('Shared by <@U0SHARER>');
    await eventually('the first live update', () => bot().slack.apiCalls('chat.update').length >= 1);

    bot().datadog.script(RUNNING_PATH, states.furtherOn(), states.stepError());
    await eventually('the watch finishes', () => finishedLines() > finishedBefore);
    const updates = bot()
      .slack.apiCalls('chat.update')
      .map((call) => call.body);
    expect(new Set(updates.map((update) => `${update.channel} ${update.ts}`)).size).toBe(1);
    expect(updates[0]).toMatchObject({ channel: 'C0INCIDENT' });
    for (const update of updates)
      expect(blockKitProblems({ text: update.text, blocks: JSON.parse(String(update.blocks)) })).toEqual([]);
    const last = updates.at(-1)!;
    expect(String(last.blocks)).toContain('Final state, after 6m 2s');
    expect(String(last.text)).toContain('Failed');
    expect(updates.some((update) => String(update.blocks).includes('Rollback_deployment` in_progress'))).toBe(true);

    // Stops: no poll and no update after the final one, through several poll intervals.
    const pollsAtEnd = requestTimes(bot().datadog, RUNNING_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(bot().slack.apiCalls('chat.update')).toHaveLength(updates.length);
    expect(requestTimes(bot().datadog, RUNNING_PATH)).toHaveLength(pollsAtEnd);
    process.stdout.write(`live message: ${updates.length} chat.update calls, the last one final\n`);
  });

  test('where the bot is not a member: a snapshot through response_url, marked with its time', async () => {
    bot().slack.setMember('C0INCIDENT', false);
    bot().datadog.script(RUNNING_PATH, runStates(bot().datadog).running());
    const reply = await command(bot(), `${RUNNING_REF.workflowId} ${RUNNING_REF.instanceId}`);
    const snapshot = await clickAs(RUN_ACTIONS.share, buttonOf(reply, RUN_ACTIONS.share)?.value, 'U0SHARER');
    expect(snapshot).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(snapshot)).toMatch(/Snapshot taken <!date\^\d+\^/);
  });
});
