import type { Reply } from './reply';

/** A Block Kit Builder link that holds the reply's exact blocks, to see them as Slack draws them. */
export function blockKitBuilderUrl(reply: Pick<Reply, 'blocks'>): string {
  return `https://app.slack.com/block-kit-builder/#${encodeURIComponent(JSON.stringify({ blocks: reply.blocks }))}`;
}
