import type { FollowOutcome, StopFollowingOutcome } from '../../../core/followRuns';
import { presentFollow, presentStopFollowing } from '../../../render/followReplies';
import { replyWith } from '../../replyWith';
import { requesterOf } from '../../requester';
import type { BotServices } from '../../services';
import { NEW_PRIVATE, onRunButton, REPLACE_CLICKED } from './runButtons';

const UNAVAILABLE = { kind: 'unavailable' } as const;

/** "Notify me when it finishes": records the follow; the confirmation comes as a new private message with Stop following. */
export function followButton(services: BotServices) {
  return onRunButton(services, (run, { body, respond, context }) =>
    replyWith(
      services,
      respond,
      async () => {
        const ref = { workflowId: run.workflowId, instanceId: run.instanceId, site: services.lookup.site };
        const follower = { ...requesterOf(context, body.user.id, body.channel?.id), userId: body.user.id };
        const outcome: FollowOutcome = services.follows ? await services.follows.follow(ref, follower) : UNAVAILABLE;
        return presentFollow(outcome);
      },
      NEW_PRIVATE,
    ),
  );
}

/** "Stop following" on the confirmation: the confirmation is replaced by what happened. */
export function stopFollowingButton(services: BotServices) {
  return onRunButton(services, (run, { body, respond }) =>
    replyWith(
      services,
      respond,
      async () => {
        const ref = { workflowId: run.workflowId, instanceId: run.instanceId, site: services.lookup.site };
        const outcome: StopFollowingOutcome = services.follows
          ? await services.follows.stopFollowing(body.user.id, ref)
          : UNAVAILABLE;
        return presentStopFollowing(outcome);
      },
      REPLACE_CLICKED,
    ),
  );
}
