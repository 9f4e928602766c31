import { errorMessage } from '../../../core/errorMessage';
import { hasEnded } from '../../../core/run';
import type { FoundRun } from '../../../core/runRefs';
import type { Reply } from '../../../render/reply';
import { presentShare } from '../../../render/slackReplies';
import { replyWith } from '../../replyWith';
import type { BotServices } from '../../services';
import { clickRequester, onRunButton, type RunButtonArgs } from './runButtons';

/**
 * "Share to channel": posted by the bot where it is a member, and then kept true by the watcher until the run ends;
 * elsewhere (not a member, a DM) the click's response_url posts a snapshot marked with its time.
 */
export function shareButton(services: BotServices) {
  return onRunButton(services, (run, args) =>
    replyWith(services, args.respond, () => share(services, run, args), { replace_original: false }),
  );
}

async function share(
  services: BotServices,
  run: FoundRun,
  { body, client, context }: RunButtonArgs,
): Promise<Reply | undefined> {
  const { lookup, follows, log } = services;
  const outcome = await lookup.lookUpRun(run, clickRequester({ body, context }, 'share'));
  const channelId = body.channel?.id;
  const sharedBy = body.user.id;
  if (!outcome.result.ok || !channelId) return presentShare(outcome, lookup.site, sharedBy);
  const running = !hasEnded(outcome.result.value);
  const posted = await postInChannel(
    services,
    client,
    channelId,
    presentShare(outcome, lookup.site, sharedBy, running ? 'running' : 'final'),
  );
  if (!posted) return presentShare(outcome, lookup.site, sharedBy);
  if (!running) return undefined;
  const ref = { workflowId: outcome.ref.workflowId, instanceId: outcome.ref.instanceId, site: lookup.site };
  const live = follows ? await follows.keepLive({ run: ref, channelId, ts: posted, sharedBy }) : 'unavailable';
  if (live === 'live') return undefined;
  // Not watched after all (a cap, or no store): the message says it is a snapshot rather than claim to be live.
  const snapshot = presentShare(outcome, lookup.site, sharedBy);
  try {
    await client.chat.update({ channel: channelId, ts: posted, text: snapshot.text, blocks: snapshot.blocks });
  } catch (err) {
    log.warn('chat.update failed', { channel: channelId, error: errorMessage(err) });
  }
  return undefined;
}

/** The posted message's ts, or undefined where the bot may not post (not a member, or any other refusal). */
async function postInChannel(
  services: BotServices,
  client: RunButtonArgs['client'],
  channel: string,
  reply: Reply,
): Promise<string | undefined> {
  try {
    const posted = await client.chat.postMessage({ channel, text: reply.text, blocks: reply.blocks });
    return posted.ts;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    const expected = code === 'not_in_channel' || code === 'channel_not_found';
    services.log[expected ? 'info' : 'warn']('share: posting in the channel refused; sharing a snapshot instead', {
      channel,
      error: code ?? errorMessage(err),
    });
    return undefined;
  }
}
