import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { EntryPoint, Requester } from '../../../core/requester';
import type { FoundRun } from '../../../core/runRefs';
import {
  HOME_STOP_FOLLOWING_ACTION,
  OPEN_IN_DATADOG_ACTION,
  RUN_ACTIONS,
  STOP_FOLLOWING_ACTION,
} from '../../../render/slackIds';
import { presentRun } from '../../../render/slackReplies';
import { mayAct } from '../../mayAct';
import type { BotServices } from '../../services';
import { followButton, stopFollowingButton } from './follow';
import { fullErrorButton } from './fullError';
import { homeStopFollowingButton } from './homeStopFollowing';
import { runAgainButton } from './runAgain';
import { clickRequester, NEW_PRIVATE, REPLACE_CLICKED, type RunButtonArgs, replyingButton } from './runButtons';
import { shareButton } from './share';

/** Registers each button's listener; returns the action IDs it took, so no other list of them is kept. */
export function register(app: App, services: BotServices): ReadonlySet<string> {
  const handled = new Set<string>();
  const on = (actionId: string, listener: (args: RunButtonArgs) => Promise<void>) => {
    app.action<BlockAction<ButtonAction>>(actionId, listener);
    handled.add(actionId);
  };
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  on(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  const options = async (requester: Requester, run: FoundRun) => ({
    shareEnabled: lookup.access.shareEnabled,
    mayAct: await mayAct(services, requester, run),
  });
  const runReply = (via: EntryPoint) => async (run: FoundRun, args: RunButtonArgs) => {
    const requester = clickRequester(args, via);
    return presentRun(await lookup.lookUpRun(run, requester), lookup.site, await options(requester, run));
  };
  // Refresh asks for data no older than about a second, even when a cache holds an older copy.
  const refreshReply = async (run: FoundRun, args: RunButtonArgs) => {
    const requester = clickRequester(args, 'refresh');
    return presentRun(await lookup.refreshRun(run, requester), lookup.site, await options(requester, run));
  };
  on(RUN_ACTIONS.refresh, replyingButton(services, refreshReply, REPLACE_CLICKED));
  on(RUN_ACTIONS.view, replyingButton(services, runReply('view'), NEW_PRIVATE));
  // Posted by the bot (and kept live) where it is a member, else a snapshot; a failure stays private.
  on(RUN_ACTIONS.share, shareButton(services));
  on(RUN_ACTIONS.follow, followButton(services));
  on(STOP_FOLLOWING_ACTION, stopFollowingButton(services));
  on(RUN_ACTIONS.fullError, fullErrorButton(services));
  on(RUN_ACTIONS.runAgain, runAgainButton(services));
  if (services.home) on(HOME_STOP_FOLLOWING_ACTION, homeStopFollowingButton(services, services.home));
  return handled;
}
