import type { Button, SectionBlock } from '@slack/types';

/** A Block Kit section of mrkdwn text (already escaped), with a button beside it when one is given. */
export function section(text: string, accessory?: Button): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(accessory ? { accessory } : {}) };
}
