import fc from 'fast-check';
import {
  channelLink,
  codeBlock,
  codeBlocks,
  escapedLine,
  escapeMrkdwn,
  inlineCode,
  plainLine,
  truncate,
} from '../../src/render/mrkdwn';

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

describe('exact shapes', () => {
  test('escapeMrkdwn escapes the three characters Slack reads as markup, ampersand first', () => {
    expect(escapeMrkdwn('<!channel> & <@U1|x> &lt;')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt; &amp;lt;');
  });

  test('truncate keeps text that fits and counts the ellipsis in what it cuts', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdef', 5)).toBe('abcd…');
    expect(truncate('abcdef', 1)).toBe('…');
    expect(truncate('abcdef', 0)).toBe('…');
  });

  test('truncate never leaves half of a surrogate pair', () => {
    expect(truncate('ab😀c', 4)).toBe('ab…');
    expect(truncate('ab😀c', 5)).toBe('ab😀c');
    expect(truncate('a😀bc', 4)).toBe('a😀…');
  });

  test('inlineCode: backticks cannot close it, whitespace folds to one line, empty text is still a code span', () => {
    expect(inlineCode('a`b')).toBe('`aˋb`');
    expect(inlineCode('  x \n\t y ')).toBe('`x y`');
    expect(inlineCode('')).toBe('` `');
    expect(inlineCode('a'.repeat(201))).toBe(`\`${'a'.repeat(199)}…\``);
    expect(inlineCode('a'.repeat(200))).toBe(`\`${'a'.repeat(200)}\``);
  });

  test('codeBlocks of empty text is one empty block, not cut', () => {
    expect(codeBlocks('', 100, 3)).toEqual({ blocks: ['```\n\n```'], cut: false });
  });

  test('codeBlocks fences whole text as-is when it fits, with triple backticks disarmed', () => {
    expect(codeBlocks('a```b', 100, 1)).toEqual({ blocks: ['```\naˋˋˋb\n```'], cut: false });
    const exact = 'z'.repeat(92);
    expect(codeBlocks(exact, 100, 1)).toEqual({ blocks: [`\`\`\`\n${exact}\n\`\`\``], cut: false });
  });

  test('codeBlocks splits at the room left by the fences, and never inside an escape', () => {
    expect(codeBlocks('a&b'.repeat(4), 20, 5)).toEqual({
      blocks: ['```\na&amp;ba\n```', '```\n&amp;ba&amp;\n```', '```\nba&amp;b\n```'],
      cut: false,
    });
  });

  test('codeBlocks, when out of blocks, keeps what fits of the last one and says how long the text was', () => {
    const text = 'q'.repeat(10_000);
    const { blocks, cut } = codeBlocks(text, 3000, 2);
    expect(cut).toBe(true);
    const note = '\n… (cut: 10,000 characters in all)';
    expect(blocks).toEqual([
      `\`\`\`\n${'q'.repeat(2992)}\n\`\`\``,
      `\`\`\`\n${'q'.repeat(2992 - note.length)}${note}\n\`\`\``,
    ]);
  });

  test('a cut never ends on a dangling escape', () => {
    const { blocks } = codeBlocks(`${'q'.repeat(2990)}<<<<`, 3000, 1);
    expect(blocks[0]).not.toMatch(/&[a-z]{0,3}\n/);
    expect(blocks[0]!.length).toBeLessThanOrEqual(3000);
  });

  test('codeBlock is the first of codeBlocks with one block allowed', () => {
    expect(codeBlock('a < b', 100)).toBe('```\na &lt; b\n```');
    expect(codeBlock('z'.repeat(500), 100)).toBe(
      `\`\`\`\n${'z'.repeat(92 - 31)}\n… (cut: 500 characters in all)\n\`\`\``,
    );
  });

  test('escapedLine folds whitespace, trims, and cuts before an escape that would not fit', () => {
    expect(escapedLine('  a \n\t b  ', 10)).toBe('a b');
    expect(escapedLine('a<b', 6)).toBe('a&lt;b');
    expect(escapedLine('a<b', 5)).toBe('a…');
    expect(escapedLine('abcdef', 4)).toBe('abc…');
    expect(escapedLine('ab😀cd', 4)).toBe('ab…');
    expect(escapedLine('ab😀cd', 5)).toBe('ab😀…');
  });

  test('plainLine folds whitespace and truncates', () => {
    expect(plainLine(' a \n b ', 10)).toBe('a b');
    expect(plainLine('abcdefgh', 4)).toBe('abc…');
  });

  test('channelLink links only channel, group and DM IDs', () => {
    expect(channelLink('C012AB')).toBe('<#C012AB>');
    expect(channelLink('G0123')).toBe('<#G0123>');
    expect(channelLink('D12')).toBe('<#D12>');
    expect(channelLink('C1')).toBeUndefined();
    expect(channelLink(`C${'1'.repeat(20)}`)).toBe(`<#C${'1'.repeat(20)}>`);
    expect(channelLink(`C${'1'.repeat(21)}`)).toBeUndefined();
    expect(channelLink('c012ab')).toBeUndefined();
    expect(channelLink('U012AB')).toBeUndefined();
    expect(channelLink('C0123|x')).toBeUndefined();
    expect(channelLink('xC0123')).toBeUndefined();
    expect(channelLink('')).toBeUndefined();
    expect(channelLink(undefined)).toBeUndefined();
  });
});
