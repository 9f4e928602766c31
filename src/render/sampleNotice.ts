import type { ContextBlock, KnownBlock, ModalView } from '@slack/types';
import { LIMITS } from './limits';
import type { Reply } from './reply';

/** With DD_DEMO, every reply says it shows sample data, so nobody takes it for a real run. */

export const SAMPLE_NOTICE =
  ':test_tube: *Sample data* from the embedded sample Datadog (DD_DEMO=1), not from a real Datadog account.';
const SAMPLE_FALLBACK = '[Sample data] ';

const notice: ContextBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: SAMPLE_NOTICE }] };

/**
 * The notice as a context block under the header (or first); when the blocks are already at Slack's limit, as a
 * first line of the first section instead, so the limit still holds.
 */
function withNotice(blocks: KnownBlock[], maxBlocks: number): KnownBlock[] {
  if (blocks.length < maxBlocks) {
    const at = blocks[0]?.type === 'header' ? 1 : 0;
    return [...blocks.slice(0, at), notice, ...blocks.slice(at)];
  }
  const index = blocks.findIndex(
    (block) =>
      block.type === 'section' && block.text !== undefined && block.text.text.length < LIMITS.sectionText - 200,
  );
  return blocks.map((block, i) =>
    i === index && block.type === 'section' && block.text
      ? { ...block, text: { type: 'mrkdwn', text: `${SAMPLE_NOTICE}\n${block.text.text}` } }
      : block,
  );
}

export function withSampleNotice(reply: Reply): Reply {
  return {
    ...reply,
    text: `${SAMPLE_FALLBACK}${reply.text}`.slice(0, LIMITS.fallbackText),
    blocks: withNotice(reply.blocks, LIMITS.blocks.message),
  };
}

export function withSampleNoticeModal(view: ModalView): ModalView {
  return { ...view, blocks: withNotice(view.blocks as KnownBlock[], LIMITS.blocks.modal) };
}
