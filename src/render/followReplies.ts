import type { KnownBlock } from '@slack/types';
import type { FollowOutcome, StopFollowingOutcome } from '../core/followRuns';
import type { Follow, LiveState } from '../core/follows';
import type { RunOutcome } from '../core/outcomes';
import type { SiteRun, WorkflowRun } from '../core/run';
import type { RunHistory } from '../core/runHistory';
import { section } from './blocks';
import { renderFailure, renderRefusal } from './failureReply';
import { channelLink, escapedLine, inlineCode } from './mrkdwn';
import type { Reply } from './reply';
import { runButton } from './runButtons';
import { renderRun, runTitle, statusLabel, userMention } from './runReply';
import { COMMAND, STOP_FOLLOWING_ACTION } from './slackIds';
import { formatDuration, slackDate } from './time';
import { renderProblem } from './usageReply';

/** Follow surfaces: the confirmation, the refusals, the DM at the end, and each state of a live shared message. */

const UNAVAILABLE =
  'Following runs is unavailable right now: the bot cannot reach its store. Nothing was recorded. Try again later, or look the run up again by hand; tell whoever runs the bot if it persists.';

function runName(run: SiteRun): string {
  return `run ${inlineCode(run.instanceId, 60)}`;
}

export function presentFollow(outcome: FollowOutcome): Reply {
  switch (outcome.kind) {
    case 'refused':
      return renderRefusal(outcome.reason);
    case 'following': {
      const { run } = outcome.follow;
      const text = `You will get a DM from dd-instance when ${runName(run)} finishes.`;
      return {
        text,
        blocks: [
          section(`:bell: ${text} It is checked every few seconds at first, then about once a minute.`),
          { type: 'actions', elements: [runButton(STOP_FOLLOWING_ACTION, 'Stop following', run, run.site)] },
        ],
      };
    }
    case 'already_following':
      return {
        text: `You already follow ${runName(outcome.run)}.`,
        blocks: [
          section(`:bell: You already follow ${runName(outcome.run)}: one DM comes when it finishes.`),
          {
            type: 'actions',
            elements: [runButton(STOP_FOLLOWING_ACTION, 'Stop following', outcome.run, outcome.run.site)],
          },
        ],
      };
    case 'user_cap':
      return renderProblem(
        `You already follow ${outcome.cap} runs, the most one person can. Stop following one (in its confirmation or in the app's Home tab), or wait for one to finish, then try again.`,
      );
    case 'total_cap':
      return renderProblem(
        `The bot is already watching ${outcome.cap} runs, its limit, so this one was not followed. Try again when some have finished, or look the run up by hand with ${COMMAND}.`,
      );
    case 'unavailable':
      return renderProblem(UNAVAILABLE);
  }
}

export function presentStopFollowing(outcome: StopFollowingOutcome): Reply {
  switch (outcome.kind) {
    case 'stopped': {
      const text = `You no longer follow ${runName(outcome.follow.run)}: no DM will come.`;
      return { text, blocks: [section(`:no_bell: ${text}`)] };
    }
    case 'not_following': {
      const text = `You were not following ${runName(outcome.run)} (it may have finished already).`;
      return { text, blocks: [section(text)] };
    }
    case 'unavailable':
      return renderProblem(UNAVAILABLE);
  }
}

/** The DM at the end: where the follow was made, then the final reply (or why the run could not be read). */
export function presentRunEnded(follow: Follow, { ref, result, at, canceledBy, history }: RunOutcome): Reply {
  const { site } = follow.run;
  const where = `You followed this run in ${channelLink(follow.channelId) ?? 'a conversation'}.`;
  if (!result.ok) {
    const failure = renderFailure(result.failure, { site, ref });
    const lead = `:bell: dd-instance stopped watching ${runName(follow.run)}: Datadog no longer gives it. ${where}`;
    return { text: `${failure.text} ${where}`, blocks: [section(lead), ...failure.blocks] };
  }
  const run = result.value;
  const reply = renderRun(run, { site, now: at, history }, { linkOnly: true });
  const by = canceledBy ? ` ${canceledByText(canceledBy)}.` : '';
  const lead = `:bell: *${escapedLine(runTitle(run), 200)}* finished: ${statusLabel(run)}.${by} ${where}`;
  return { text: `Finished: ${reply.text}${by} ${where}`, blocks: [section(lead), ...reply.blocks] };
}

export function presentWatchExpired(follow: Follow, maxAgeMs: number, last: RunOutcome | undefined): Reply {
  const age = formatDuration(maxAgeMs);
  const text = `dd-instance stopped watching ${runName(follow.run)} after ${age}; it had not finished. You followed it in ${channelLink(follow.channelId) ?? 'a conversation'}.`;
  const lookUp = `Look it up again with \`${COMMAND} ${follow.run.workflowId} ${follow.run.instanceId}\`.`;
  const lastRun = last?.result.ok ? last.result.value : undefined;
  const blocks: KnownBlock[] = [section(`:hourglass: ${text} ${lookUp}`)];
  if (lastRun) {
    const context = { site: follow.run.site, now: last!.at, history: last!.history };
    blocks.push(...renderRun(lastRun, context, { linkOnly: true }).blocks);
  }
  return { text, blocks };
}

/** What a shared message says about itself: live, final, no longer updated, or a snapshot. */
function liveNote(state: LiveState | 'snapshot', at: Date, run: WorkflowRun): string {
  switch (state) {
    case 'running':
      return `:large_green_circle: Live: kept up to date until the run ends (last checked ${slackDate(at)})`;
    case 'final':
      return run.startedAt && run.endedAt
        ? `Final state, after ${formatDuration(run.endedAt.getTime() - run.startedAt.getTime())}`
        : 'Final state';
    case 'stopped':
      return `No longer updated since ${slackDate(at)}`;
    case 'snapshot':
      return `Snapshot taken ${slackDate(at)}; not kept up to date`;
  }
}

/** Who cancelled a run through the bot, as everyone who sees the run afterwards reads it. */
export function canceledByText(userId: string): string {
  return `Canceled by ${userMention(userId)}`;
}

/** A run shared in the channel, as one state of a live message or as a snapshot. */
export function presentSharedRun(
  run: WorkflowRun,
  state: LiveState | 'snapshot',
  at: Date,
  site: SiteRun['site'],
  sharedBy: string,
  { canceledBy, history }: { canceledBy?: string; history?: RunHistory } = {},
): Reply {
  const note = [liveNote(state, at, run), ...(canceledBy ? [canceledByText(canceledBy)] : [])].join(' · ');
  return renderRun(run, { site, now: at, history }, { sharedBy, note });
}

/** A live message's next content; when the run can no longer be read, what is known is said instead. */
export function presentLiveUpdate(
  run: SiteRun,
  sharedBy: string,
  state: LiveState,
  outcome: RunOutcome | undefined,
  now: Date,
): Reply {
  if (outcome?.result.ok) return presentSharedRun(outcome.result.value, state, outcome.at, run.site, sharedBy, outcome);
  const why =
    outcome && !outcome.result.ok ? renderFailure(outcome.result.failure, { site: run.site, ref: run }) : undefined;
  const text = `Shared by ${userMention(sharedBy)}: ${runName(run)} is no longer updated (since ${slackDate(now)}).`;
  return { text, blocks: [section(text), ...(why?.blocks ?? [])] };
}
