import type { KnownBlock, ModalView } from '@slack/types';
import { blockKitProblems, LIMITS } from '../../src/render/limits';
import { SAMPLE_NOTICE, withSampleNotice, withSampleNoticeModal } from '../../src/render/sampleNotice';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

test('the sample notice goes under the header as a context block, and into the fallback text', () => {
  const reply = withSampleNotice({
    text: 'Failed: Roll back',
    blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Roll back' } }, section('body')],
  });
  expect(reply.text).toBe('[Sample data] Failed: Roll back');
  expect(reply.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: SAMPLE_NOTICE }] });
  expect(blockKitProblems(reply)).toEqual([]);
});

test('a modal already at the block limit keeps within it: the notice becomes the first line of a section', () => {
  const full: ModalView = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Run details' },
    blocks: Array.from({ length: LIMITS.blocks.modal }, (_, i) => section(`part ${i}`)),
  };
  const marked = withSampleNoticeModal(full);
  expect(marked.blocks).toHaveLength(LIMITS.blocks.modal);
  expect(JSON.stringify(marked.blocks[0])).toContain('Sample data');
  expect(blockKitProblems(marked, 'modal')).toEqual([]);
});
