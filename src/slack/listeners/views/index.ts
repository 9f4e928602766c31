import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { RUN_AGAIN_VIEW } from '../../../render/slackIds';
import type { BotServices } from '../../services';
import { runAgainSubmission } from './runAgain';

type SubmissionListener = (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => Promise<void>;

/**
 * Fills the table of each form's submission listener by callback ID, and registers one Bolt listener that dispatches
 * through it. Returns the callback IDs it takes, for the unknown-request middleware, so no other list of them is kept.
 */
export function register(app: App, services: BotServices): ReadonlySet<string> {
  const forms = new Map<string, SubmissionListener>();
  forms.set(RUN_AGAIN_VIEW, runAgainSubmission(services));
  // A submission the table does not take was answered by unknownRequests.ts already.
  app.view<ViewSubmitAction>(
    { type: 'view_submission' },
    (args) => forms.get(args.view.callback_id)?.(args) ?? Promise.resolve(),
  );
  return new Set(forms.keys());
}
