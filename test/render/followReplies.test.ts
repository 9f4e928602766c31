import type { Follow } from '../../src/core/follows';
import type { RunOutcome } from '../../src/core/outcomes';
import type { SiteRun, WorkflowRun } from '../../src/core/run';
import { section } from '../../src/render/blocks';
import { renderFailure, renderRefusal } from '../../src/render/failureReply';
import {
  presentFollow,
  presentLiveUpdate,
  presentRunEnded,
  presentSharedRun,
  presentStopFollowing,
  presentWatchExpired,
} from '../../src/render/followReplies';
import { blockKitProblems } from '../../src/render/limits';
import { runButtonValue } from '../../src/render/runButtonValue';
import { renderRun } from '../../src/render/runReply';

const run: SiteRun = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
  site: 'datadoghq.eu',
};
const follow: Follow = { userId: 'U0FOLLOW', run, channelId: 'C0INCIDENT', createdAt: 0 };
const at = new Date('2026-11-28T03:10:00Z');
const slackAt = '<!date^1795835400^{date_short_pretty} {time_secs}|2026-11-28 03:10:00 UTC>';
const runCode = `run \`${run.instanceId}\``;

const ended: WorkflowRun = {
  workflowId: run.workflowId,
  instanceId: run.instanceId,
  workflowName: 'Roll back <!channel> & co',
  statusKind: 'SUCCEEDED',
  statusName: 'Succeeded',
  startedAt: new Date('2026-11-28T02:58:11Z'),
  endedAt: new Date('2026-11-28T02:59:47Z'),
  steps: [{ name: 'Drain', state: 'SUCCEEDED' }],
};
const endedOutcome: RunOutcome = { ref: run, result: { ok: true, value: ended }, at };
const goneOutcome: RunOutcome = {
  ref: run,
  result: { ok: false, failure: { kind: 'not_found', what: 'instance' } },
  at,
};

const button = (actionId: string, label: string) => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: label },
  value: runButtonValue(run, run.site),
});

describe('follow and stop replies', () => {
  test('following: when the DM comes, how often it is checked, and a Stop button', () => {
    const text = `You will get a DM from dd-instance when ${runCode} finishes.`;
    expect(presentFollow({ kind: 'following', follow })).toEqual({
      text,
      blocks: [
        section(`:bell: ${text} It is checked every few seconds at first, then about once a minute.`),
        { type: 'actions', elements: [button('run_stop_following', 'Stop following')] },
      ],
    });
  });

  test('already following: one DM comes, with the same Stop button', () => {
    expect(presentFollow({ kind: 'already_following', run })).toEqual({
      text: `You already follow ${runCode}.`,
      blocks: [
        section(`:bell: You already follow ${runCode}: one DM comes when it finishes.`),
        { type: 'actions', elements: [button('run_stop_following', 'Stop following')] },
      ],
    });
  });

  test('caps and an unreachable store say what to do', () => {
    expect(presentFollow({ kind: 'user_cap', cap: 20 }).blocks).toEqual([
      section(
        ":warning: You already follow 20 runs, the most one person can. Stop following one (in its confirmation or in the app's Home tab), or wait for one to finish, then try again.",
      ),
    ]);
    expect(presentFollow({ kind: 'total_cap', cap: 500 }).text).toBe(
      'The bot is already watching 500 runs, its limit, so this one was not followed. Try again when some have finished, or look the run up by hand with /dd-instance.',
    );
    const unavailable =
      'Following runs is unavailable right now: the bot cannot reach its store. Nothing was recorded. Try again later, or look the run up again by hand; tell whoever runs the bot if it persists.';
    expect(presentFollow({ kind: 'unavailable' }).text).toBe(unavailable);
    expect(presentStopFollowing({ kind: 'unavailable' }).text).toBe(unavailable);
  });

  test('a refused follow reads as any refusal', () => {
    expect(presentFollow({ kind: 'refused', reason: 'channel' })).toEqual(renderRefusal('channel'));
  });

  test('stopped and not following', () => {
    const stopped = `You no longer follow ${runCode}: no DM will come.`;
    expect(presentStopFollowing({ kind: 'stopped', follow })).toEqual({
      text: stopped,
      blocks: [section(`:no_bell: ${stopped}`)],
    });
    const notFollowing = `You were not following ${runCode} (it may have finished already).`;
    expect(presentStopFollowing({ kind: 'not_following', run })).toEqual({
      text: notFollowing,
      blocks: [section(notFollowing)],
    });
  });
});

describe('the DM when a run ends', () => {
  test('a finished run: its title escaped, its state, where it was followed, then the run with only its link', () => {
    const reply = presentRunEnded(follow, endedOutcome);
    const runReply = renderRun(ended, { site: run.site, now: at }, { linkOnly: true });
    const where = 'You followed this run in <#C0INCIDENT>.';
    expect(reply).toEqual({
      text: `Finished: ${runReply.text} ${where}`,
      blocks: [
        section(`:bell: *Roll back &lt;!channel&gt; &amp; co* finished: :white_check_mark: Succeeded. ${where}`),
        ...runReply.blocks,
      ],
    });
    expect(blockKitProblems(reply)).toEqual([]);
  });

  test('a follow made with no channel says "a conversation"', () => {
    const reply = presentRunEnded({ ...follow, channelId: undefined }, endedOutcome);
    expect(reply.text).toMatch(/ You followed this run in a conversation\.$/);
  });

  test('a run Datadog no longer gives: the watch stopped, and why', () => {
    const reply = presentRunEnded(follow, goneOutcome);
    const failure = renderFailure({ kind: 'not_found', what: 'instance' }, { site: run.site, ref: run });
    const where = 'You followed this run in <#C0INCIDENT>.';
    expect(reply).toEqual({
      text: `${failure.text} ${where}`,
      blocks: [
        section(`:bell: dd-instance stopped watching ${runCode}: Datadog no longer gives it. ${where}`),
        ...failure.blocks,
      ],
    });
  });

  test('a watch that aged out says after how long, how to look it up, and shows the last state seen', () => {
    const running: WorkflowRun = { ...ended, statusKind: 'RUNNING', statusName: 'Running', endedAt: undefined };
    const last: RunOutcome = { ref: run, result: { ok: true, value: running }, at };
    const text = `dd-instance stopped watching ${runCode} after 1d; it had not finished. You followed it in <#C0INCIDENT>.`;
    const lookUp = `Look it up again with \`/dd-instance ${run.workflowId} ${run.instanceId}\`.`;
    expect(presentWatchExpired(follow, 24 * 3600_000, last)).toEqual({
      text,
      blocks: [
        section(`:hourglass: ${text} ${lookUp}`),
        ...renderRun(running, { site: run.site, now: at }, { linkOnly: true }).blocks,
      ],
    });
    expect(presentWatchExpired({ ...follow, channelId: undefined }, 60_000, goneOutcome)).toEqual({
      text: `dd-instance stopped watching ${runCode} after 1m; it had not finished. You followed it in a conversation.`,
      blocks: [
        section(
          `:hourglass: dd-instance stopped watching ${runCode} after 1m; it had not finished. You followed it in a conversation. ${lookUp}`,
        ),
      ],
    });
    expect(presentWatchExpired(follow, 60_000, undefined).blocks).toHaveLength(1);
  });
});

describe('shared messages', () => {
  const noteOf = (state: Parameters<typeof presentSharedRun>[1], value: WorkflowRun = ended) =>
    presentSharedRun(value, state, at, run.site, 'U0SHARER');
  const expectNote = (state: Parameters<typeof presentSharedRun>[1], note: string, value: WorkflowRun = ended) =>
    expect(noteOf(state, value)).toEqual(renderRun(value, { site: run.site, now: at }, { sharedBy: 'U0SHARER', note }));

  test('each state of a shared message says what it is', () => {
    expectNote('running', `:large_green_circle: Live: kept up to date until the run ends (last checked ${slackAt})`);
    expectNote('final', 'Final state, after 1m 36s');
    expectNote('final', 'Final state', { ...ended, endedAt: undefined });
    expectNote('final', 'Final state', { ...ended, startedAt: undefined });
    expectNote('stopped', `No longer updated since ${slackAt}`);
    expectNote('snapshot', `Snapshot taken ${slackAt}; not kept up to date`);
  });

  test('a live update with the run is the shared run at the time it was fetched', () => {
    const fetched = new Date('2026-11-28T03:05:00Z');
    expect(presentLiveUpdate(run, 'U0SHARER', 'final', { ...endedOutcome, at: fetched }, at)).toEqual(
      presentSharedRun(ended, 'final', fetched, run.site, 'U0SHARER'),
    );
  });

  test('a live update without the run says since when it is no longer updated, and why when known', () => {
    const text = `Shared by <@U0SHARER>: ${runCode} is no longer updated (since ${slackAt}).`;
    expect(presentLiveUpdate(run, 'U0SHARER', 'stopped', undefined, at)).toEqual({ text, blocks: [section(text)] });
    const failure = renderFailure({ kind: 'not_found', what: 'instance' }, { site: run.site, ref: run });
    expect(presentLiveUpdate(run, 'U0SHARER', 'stopped', goneOutcome, at)).toEqual({
      text,
      blocks: [section(text), ...failure.blocks],
    });
  });
});

test('a workflow name longer than a line is cut in the DM lead', () => {
  const reply = presentRunEnded(follow, {
    ...endedOutcome,
    result: { ok: true, value: { ...ended, workflowName: 'n'.repeat(500) } },
  });
  expect(JSON.stringify(reply.blocks[0])).toContain(`*${'n'.repeat(199)}…*`);
});

describe('a run the bot cancelled', () => {
  const canceled: RunOutcome = {
    ...endedOutcome,
    result: { ok: true, value: { ...ended, statusKind: 'CANCELED', statusName: 'Canceled' } },
    canceledBy: 'U0ACTOR',
  };

  test("the follower's DM names who cancelled it, in the lead and the fallback", () => {
    const reply = presentRunEnded(follow, canceled);
    expect(JSON.stringify(reply.blocks[0])).toContain('finished: :no_entry_sign: Canceled. Canceled by <@U0ACTOR>.');
    expect(reply.text).toContain('Canceled by <@U0ACTOR>');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  test("a live shared message's final state names who cancelled it; one nobody cancelled names no one", () => {
    const final = presentLiveUpdate(run, 'U0SHARER', 'final', canceled, at);
    expect(JSON.stringify(final.blocks)).toContain(
      'Shared by <@U0SHARER> · Final state, after 1m 36s · Canceled by <@U0ACTOR>',
    );
    expect(JSON.stringify(presentLiveUpdate(run, 'U0SHARER', 'final', endedOutcome, at))).not.toContain('Canceled by');
  });
});
