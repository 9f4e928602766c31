import type { KnownBlock } from '@slack/types';

/** A message the bot sends: Block Kit blocks plus the plain `text` fallback Slack shows in notifications. */
export interface Reply {
  text: string;
  blocks: KnownBlock[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** Where blocks are shown: a message, a modal, the App Home tab, or a link unfurl under a message. */
export type Surface = 'message' | 'modal' | 'home' | 'unfurl';
