import fc from 'fast-check';
import { codeBlock, codeBlocks, escapedLine, escapeMrkdwn, inlineCode } from '../../src/render/mrkdwn';

test('codeBlocks splits text into blocks that each fit, never inside an escape, and lose nothing when there is room', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '`', '\n', '😀'), maxLength: 2000 }),
      fc.integer({ min: 60, max: 400 }),
      (text, maxEach) => {
        const { blocks, cut } = codeBlocks(text, maxEach, 1000);
        expect(cut).toBe(false);
        blocks.forEach((block) => {
          expect(block.length).toBeLessThanOrEqual(maxEach);
        });
        const bodies = blocks.map((block) => block.slice(4, -4));
        bodies.forEach((body) => {
          expect(body).not.toMatch(/&[a-z]{0,3}$|[\uD800-\uDBFF]$/);
        });
        expect(bodies.join('')).toBe(escapeMrkdwn(text.replace(/```/g, 'ˋˋˋ')));
      },
    ),
  );
});

test('codeBlocks marks the cut in the last block when the blocks run out', () => {
  const { blocks, cut } = codeBlocks('y'.repeat(1000), 200, 2);
  expect(cut).toBe(true);
  expect(blocks).toHaveLength(2);
  expect(blocks[1]).toContain('cut: 1,000 characters in all');
  blocks.forEach((block) => {
    expect(block.length).toBeLessThanOrEqual(200);
  });
});

test('codeBlock is one such block', () => {
  expect(codeBlock('a < b', 100)).toBe('```\na &lt; b\n```');
  expect(codeBlock('z'.repeat(500), 100)).toContain('cut: 500 characters in all');
});

test('escapedLine counts the escapes in its limit', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', '&', '<', ' ', '\n'), maxLength: 500 }),
      fc.integer({ min: 2, max: 200 }),
      (text, max) => {
        const line = escapedLine(text, max);
        expect(line.length).toBeLessThanOrEqual(max);
        expect(line).not.toMatch(/[<>\n]|&(?!amp;|lt;)/);
      },
    ),
  );
});

test('inlineCode stays within its limit once escaped, so a name of ampersands cannot overflow a section', () => {
  const code = inlineCode('&'.repeat(300), 100);
  expect(code.length).toBeLessThanOrEqual(102);
  expect(code).toMatch(/^`(&amp;)+…`$/);
});
