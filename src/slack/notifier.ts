import type { App } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Follow, LiveMessage, LiveState, Notifier } from '../core/follows';
import type { Log } from '../core/log';
import type { RunOutcome } from '../core/outcomes';
import { presentLiveUpdate, presentRunEnded, presentWatchExpired } from '../render/followReplies';
import type { Reply } from '../render/reply';

/** The Notifier port on Slack's Web API: a DM is chat.postMessage to the user's ID (the app's Messages tab). */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: App['client'],
    private readonly log: Log,
  ) {}

  runEnded(follow: Follow, outcome: RunOutcome): Promise<boolean> {
    return this.post(follow.userId, presentRunEnded(follow, outcome));
  }

  watchExpired(follow: Follow, maxAgeMs: number, last: RunOutcome | undefined): Promise<boolean> {
    return this.post(follow.userId, presentWatchExpired(follow, maxAgeMs, last));
  }

  async updateLive(message: LiveMessage, state: LiveState, outcome: RunOutcome | undefined): Promise<boolean> {
    const reply = presentLiveUpdate(message.run, message.sharedBy, state, outcome, new Date());
    try {
      await this.client.chat.update({
        channel: message.channelId,
        ts: message.ts,
        text: reply.text,
        blocks: reply.blocks,
      });
      return true;
    } catch (err) {
      this.log.warn('chat.update failed', { channel: message.channelId, error: errorMessage(err) });
      return false;
    }
  }

  private async post(channel: string, reply: Reply): Promise<boolean> {
    try {
      await this.client.chat.postMessage({ channel, text: reply.text, blocks: reply.blocks });
      return true;
    } catch (err) {
      this.log.warn('chat.postMessage failed', { channel, error: errorMessage(err) });
      return false;
    }
  }
}
