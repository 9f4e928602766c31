import type { App, BlockAction } from '@slack/bolt';
import type { EntryPoint } from '../../../core/requester';
import type { FoundRun } from '../../../core/runRefs';
import {
  HOME_STOP_FOLLOWING_ACTION,
  OPEN_IN_DATADOG_ACTION,
  RUN_ACTIONS,
  STOP_FOLLOWING_ACTION,
} from '../../../render/slackIds';
import { presentRun } from '../../../render/slackReplies';
import { replyOptionsFor } from '../../replyOptions';
import type { BotServices } from '../../services';
import { cancelRunButton } from './cancelRun';
import { followButton, stopFollowingButton } from './follow';
import { fullErrorButton } from './fullError';
import { homeStopFollowingButton } from './homeStopFollowing';
import { runAgainButton } from './runAgain';
import { clickRequester, NEW_PRIVATE, REPLACE_CLICKED, type RunButtonArgs, replyingButton } from './runButtons';
import { shareButton } from './share';

type ButtonListener = (args: RunButtonArgs) => Promise<void>;

/**
 * Fills the table of each button's listener by action ID, and registers one Bolt listener that dispatches through it:
 * one middleware chain per click instead of one per button. Returns the IDs it takes, so no other list of them is kept.
 */
export function register(app: App, services: BotServices): ReadonlySet<string> {
  const buttons = new Map<string, ButtonListener>();
  const on = (actionId: string, listener: ButtonListener) => {
    buttons.set(actionId, listener);
  };
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  on(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  const runReply = (via: EntryPoint) => async (run: FoundRun, args: RunButtonArgs) => {
    const requester = clickRequester(args, via);
    const outcome = await lookup.lookUpRun(run, requester);
    return presentRun(outcome, lookup.site, await replyOptionsFor(services, requester, [outcome]));
  };
  // Refresh asks for data no older than about a second, even when a cache holds an older copy.
  const refreshReply = async (run: FoundRun, args: RunButtonArgs) => {
    const requester = clickRequester(args, 'refresh');
    const outcome = await lookup.refreshRun(run, requester);
    return presentRun(outcome, lookup.site, await replyOptionsFor(services, requester, [outcome]));
  };
  on(RUN_ACTIONS.refresh, replyingButton(services, refreshReply, REPLACE_CLICKED));
  on(RUN_ACTIONS.view, replyingButton(services, runReply('view'), NEW_PRIVATE));
  // Posted by the bot (and kept live) where it is a member, else a snapshot; a failure stays private.
  on(RUN_ACTIONS.share, shareButton(services));
  on(RUN_ACTIONS.follow, followButton(services));
  on(STOP_FOLLOWING_ACTION, stopFollowingButton(services));
  on(RUN_ACTIONS.fullError, fullErrorButton(services));
  // Registered whatever the settings: a forged click while actions are off gets the refusal, and no call is made.
  on(RUN_ACTIONS.cancel, cancelRunButton(services));
  on(RUN_ACTIONS.runAgain, runAgainButton(services));
  if (services.home) on(HOME_STOP_FOLLOWING_ACTION, homeStopFollowingButton(services, services.home));
  // Every action ID the bot draws is a button's; one it does not take was answered by unknownRequests.ts already.
  app.action<BlockAction>(
    { type: 'block_actions' },
    (args) => buttons.get(args.action.action_id)?.(args as RunButtonArgs) ?? Promise.resolve(),
  );
  return new Set(buttons.keys());
}
