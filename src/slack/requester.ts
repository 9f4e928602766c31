import type { Context } from '@slack/bolt';
import type { Requester } from '../core/requester';

/** Who sent a request and where, for the access rules: workspace and org as Bolt read them from the signed body. */
export function requesterOf(context: Context, userId: string | undefined, channelId: string | undefined): Requester {
  return { teamId: context.teamId, enterpriseId: context.enterpriseId, userId, channelId };
}
