import type { RunOutcome } from '../core/outcomes';
import type { Requester } from '../core/requester';
import type { ReplyOptions } from '../render/slackReplies';
import type { BotServices } from './services';

/** A run reply's settings for its reader: Share as configured, and the act buttons on the runs the reader may act on. */
export async function replyOptionsFor(
  services: Pick<BotServices, 'lookup' | 'acts'>,
  requester: Requester,
  runs: readonly RunOutcome[],
): Promise<ReplyOptions> {
  const shareEnabled = services.lookup.access.shareEnabled;
  const actors = services.acts?.actors;
  const workflowIds = runs.flatMap(({ result }) => (result.ok ? [result.value.workflowId] : []));
  if (!actors?.enabled || workflowIds.length === 0) return { shareEnabled };
  return { shareEnabled, actableWorkflows: await actors.actableAmong(requester, workflowIds) };
}
