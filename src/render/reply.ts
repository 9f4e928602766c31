import type { KnownBlock } from '@slack/types';

/** A message the bot sends: Block Kit blocks plus the plain `text` fallback Slack shows in notifications. */
export interface Reply {
  text: string;
  blocks: KnownBlock[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

export type Surface = 'message' | 'modal';
