import type { KnownBlock, ModalView } from '@slack/types';
import { section } from '../../src/render/blocks';
import { blockKitProblems, LIMITS } from '../../src/render/limits';
import { SAMPLE_NOTICE, withSampleNotice, withSampleNoticeModal } from '../../src/render/sampleNotice';

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

const notice = { type: 'context', elements: [{ type: 'mrkdwn', text: SAMPLE_NOTICE }] };

test('a marked reply says its data is sample data, and names the setting that serves it', () => {
  const [first] = withSampleNotice({ text: 't', blocks: [section('a')] }).blocks;
  expect(JSON.stringify(first)).toContain('*Sample data*');
  expect(JSON.stringify(first)).toContain('DD_DEMO=1');
});

test('with no header, the notice comes first; with no blocks, it is the only block', () => {
  expect(withSampleNotice({ text: 't', blocks: [section('a'), section('b')] }).blocks).toEqual([
    notice,
    section('a'),
    section('b'),
  ]);
  expect(withSampleNotice({ text: 't', blocks: [] }).blocks).toEqual([notice]);
});

test('the fallback text stays within its limit', () => {
  const reply = withSampleNotice({ text: 'x'.repeat(LIMITS.fallbackText), blocks: [] });
  expect(reply.text).toBe(`[Sample data] ${'x'.repeat(LIMITS.fallbackText - 14)}`);
});

test('a message at the block limit: the notice joins the first section with room, skipping full ones and others', () => {
  const full = 'f'.repeat(LIMITS.sectionText - 200);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Head' } },
    section(full),
    { type: 'section', fields: [{ type: 'mrkdwn', text: 'field' }] },
    ...Array.from({ length: LIMITS.blocks.message - 3 }, (_, i) => section(`part ${i}`)),
  ];
  const marked = withSampleNotice({ text: 't', blocks });
  expect(marked.blocks).toHaveLength(LIMITS.blocks.message);
  expect(marked.blocks.slice(0, 3)).toEqual(blocks.slice(0, 3));
  expect(marked.blocks[3]).toEqual(section(`${SAMPLE_NOTICE}\npart 0`));
  expect(marked.blocks.slice(4)).toEqual(blocks.slice(4));
  expect(blockKitProblems(marked)).toEqual([]);
});

test('a message one block under the limit gets the notice as its own block', () => {
  const blocks = Array.from({ length: LIMITS.blocks.message - 1 }, (_, i) => section(`part ${i}`));
  const marked = withSampleNotice({ text: 't', blocks });
  expect(marked.blocks).toEqual([notice, ...blocks]);
});

test('a modal under its limit gets the notice as its own block, keeping the rest of the view', () => {
  const view: ModalView = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Run details' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section('a')],
  };
  expect(withSampleNoticeModal(view)).toEqual({ ...view, blocks: [notice, section('a')] });
});
