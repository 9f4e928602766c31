import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { EntryPoint } from '../../../core/requester';
import type { FoundRun } from '../../../core/runRefs';
import {
  HOME_STOP_FOLLOWING_ACTION,
  OPEN_IN_DATADOG_ACTION,
  RUN_ACTIONS,
  STOP_FOLLOWING_ACTION,
} from '../../../render/slackIds';
import { presentRun } from '../../../render/slackReplies';
import type { BotServices } from '../../services';
import { followButton, stopFollowingButton } from './follow';
import { fullErrorButton } from './fullError';
import { homeStopFollowingButton } from './homeStopFollowing';
import { clickRequester, NEW_PRIVATE, REPLACE_CLICKED, type RunButtonArgs, replyingButton } from './runButtons';
import { shareButton } from './share';

export function register(app: App, services: BotServices): void {
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  app.action(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  const options = { shareEnabled: lookup.access.shareEnabled };
  const runReply = (via: EntryPoint) => async (run: FoundRun, args: RunButtonArgs) =>
    presentRun(await lookup.lookUpRun(run, clickRequester(args, via)), lookup.site, options);
  // Refresh asks for data no older than about a second, even when a cache holds an older copy.
  const refreshReply = async (run: FoundRun, args: RunButtonArgs) =>
    presentRun(await lookup.refreshRun(run, clickRequester(args, 'refresh')), lookup.site, options);
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.refresh, replyingButton(services, refreshReply, REPLACE_CLICKED));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.view, replyingButton(services, runReply('view'), NEW_PRIVATE));
  // Posted by the bot (and kept live) where it is a member, else a snapshot; a failure stays private.
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.share, shareButton(services));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.follow, followButton(services));
  app.action<BlockAction<ButtonAction>>(STOP_FOLLOWING_ACTION, stopFollowingButton(services));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.fullError, fullErrorButton(services));
  if (services.home)
    app.action<BlockAction<ButtonAction>>(HOME_STOP_FOLLOWING_ACTION, homeStopFollowingButton(services, services.home));
}
