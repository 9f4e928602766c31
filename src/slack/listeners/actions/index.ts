import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { EntryPoint } from '../../../core/ports';
import type { FoundRun } from '../../../core/runRefs';
import { presentRun, presentShare } from '../../../render/slackReplies';
import { OPEN_IN_DATADOG_ACTION, RUN_ACTIONS } from '../../ids';
import type { BotServices } from '../../services';
import { fullErrorButton } from './fullError';
import { clickAsker, NEW_PRIVATE, REPLACE_CLICKED, replyingButton } from './runButtons';

export function register(app: App, services: BotServices): void {
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  app.action(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  const runReply = (via: EntryPoint) => async (run: FoundRun, body: BlockAction) =>
    presentRun(await lookup.lookUpRun(run, clickAsker(body, via)), lookup.site);
  // Refresh asks for data no older than about a second, even when a cache holds an older copy.
  const refreshReply = async (run: FoundRun, body: BlockAction) =>
    presentRun(await lookup.refreshRun(run, clickAsker(body, 'refresh')), lookup.site);
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.refresh, replyingButton(services, refreshReply, REPLACE_CLICKED));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.view, replyingButton(services, runReply('view'), NEW_PRIVATE));
  // The reply decides whether it goes to the channel: a failure stays private. The ephemeral copy stays.
  const shareReply = async (run: FoundRun, body: BlockAction) =>
    presentShare(await lookup.lookUpRun(run, clickAsker(body, 'share')), lookup.site, body.user.id);
  app.action<BlockAction<ButtonAction>>(
    RUN_ACTIONS.share,
    replyingButton(services, shareReply, { replace_original: false }),
  );
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.fullError, fullErrorButton(services));
}
