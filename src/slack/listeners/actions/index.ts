import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { RUN_ACTIONS } from '../../../render/runButtons';
import { OPEN_IN_DATADOG_ACTION } from '../../../render/runReply';
import type { BotServices } from '../../services';
import { fullErrorButton } from './fullError';
import { clickAsker, NEW_PRIVATE, REPLACE_CLICKED, replyingButton } from './runButtons';

export function register(app: App, services: BotServices): void {
  const { lookup } = services;
  // Link buttons still send block_actions: ack them so Slack shows no error.
  app.action(OPEN_IN_DATADOG_ACTION, async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.refresh, replyingButton(services, (run, body) => lookup.answerRun(run, clickAsker(body)), REPLACE_CLICKED));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.view, replyingButton(services, (run, body) => lookup.answerRun(run, clickAsker(body)), NEW_PRIVATE));
  // The reply decides whether it goes to the channel: a failure stays private. The ephemeral copy stays.
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.share, replyingButton(services, (run, body) => lookup.answerShare(run, clickAsker(body), body.user.id), { replace_original: false }));
  app.action<BlockAction<ButtonAction>>(RUN_ACTIONS.fullError, fullErrorButton(services));
}
