import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { EntryPoint } from '../../../core/ports';
import type { FoundRun } from '../../../core/runRefs';
import { presentRun, presentShare } from '../../../render/slackReplies';
import { OPEN_IN_DATADOG_ACTION, RUN_ACTIONS } from '../../ids';
import type { BotServices } from '../../services';
import { fullErrorButton } from './fullError';
import { clickAsker, NEW_PRIVATE, REPLACE_CLICKED, type RunButtonArgs, replyingButton } from './runButtons';

export function register(app: App, services: BotServices): void {
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  app.action(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  const options = { shareEnabled: lookup.access.shareEnabled };
  const runReply = (via: EntryPoint) => async (run: FoundRun, args: RunButtonArgs) =>
    presentRun(await lookup.lookUpRun(run, clickAsker(args, via)), lookup.site, options);
  // Refresh asks for data no older than about a second, even when a cache holds an older copy.
  const refreshReply = async (run: FoundRun, args: RunButtonArgs) =>
    presentRun(await lookup.refreshRun(run, clickAsker(args, 'refresh')), lookup.site, options);
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.refresh, replyingButton(services, refreshReply, REPLACE_CLICKED));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.view, replyingButton(services, runReply('view'), NEW_PRIVATE));
  // The reply decides whether it goes to the channel: a failure stays private. The ephemeral copy stays.
  const shareReply = async (run: FoundRun, args: RunButtonArgs) =>
    presentShare(await lookup.lookUpRun(run, clickAsker(args, 'share')), lookup.site, args.body.user.id);
  app.action<BlockAction<ButtonAction>>(
    RUN_ACTIONS.share,
    replyingButton(services, shareReply, { replace_original: false }),
  );
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.fullError, fullErrorButton(services));
}
