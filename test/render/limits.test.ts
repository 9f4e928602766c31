import { blockKitProblems, LIMITS } from '../../src/render/limits';

/** One failing payload per limit the checker claims, next to one that sits exactly at the limit and passes. */

type Block = Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string, extra: Block = {}): Block => ({ type: 'section', text: mrkdwn(text), ...extra });
const button = (extra: Block = {}): Block => ({ type: 'button', action_id: 'a', text: plain('Open'), ...extra });
const message = (blocks: unknown, text: unknown = 'fallback') => ({ text, blocks });
const modal = (blocks: unknown, extra: Block = {}) => ({ title: plain('Run details'), blocks, ...extra });
const x = (length: number) => 'x'.repeat(length);
const sections = (count: number) => Array.from({ length: count }, () => section('s'));

describe('a message', () => {
  test.each<[string, unknown, string[]]>([
    ['too many blocks', message(sections(LIMITS.blocks.message + 1)), [`blocks: 51, over ${LIMITS.blocks.message}`]],
    ['no blocks array', { text: 'fallback' }, ['blocks: missing']],
    [
      'section text too long',
      message([section(x(LIMITS.sectionText + 1))]),
      ['blocks[0].text: 3001 characters, over 3000'],
    ],
    ['a blank section text', message([section('  ')]), ['blocks[0].text: empty']],
    [
      'a section with neither text nor fields',
      message([{ type: 'section' }]),
      ['blocks[0]: a section needs text or fields'],
    ],
    [
      'too many section fields',
      message([{ type: 'section', fields: Array.from({ length: LIMITS.sectionFields + 1 }, () => mrkdwn('f')) }]),
      ['blocks[0].fields: 11, over 10'],
    ],
    [
      'a field too long',
      message([{ type: 'section', fields: [mrkdwn('ok'), mrkdwn(x(LIMITS.fieldText + 1))] }]),
      ['blocks[0].fields[1]: 2001 characters, over 2000'],
    ],
    ['an empty field', message([{ type: 'section', fields: [mrkdwn('')] }]), ['blocks[0].fields[0]: empty']],
    [
      'header text too long',
      message([{ type: 'header', text: plain(x(LIMITS.headerText + 1)) }]),
      ['blocks[0].text: 151 characters, over 150'],
    ],
    ['an empty header', message([{ type: 'header', text: plain('') }]), ['blocks[0].text: empty']],
    ['a context without elements', message([{ type: 'context', elements: [] }]), ['blocks[0].elements: 0, not 1..10']],
    [
      'a context with too many elements',
      message([{ type: 'context', elements: Array.from({ length: LIMITS.contextElements + 1 }, () => mrkdwn('c')) }]),
      ['blocks[0].elements: 11, not 1..10'],
    ],
    [
      'a context element too long',
      message([{ type: 'context', elements: [mrkdwn(x(LIMITS.sectionText + 1))] }]),
      ['blocks[0].elements[0]: 3001 characters, over 3000'],
    ],
    [
      'an empty context element',
      message([{ type: 'context', elements: [mrkdwn(' ')] }]),
      ['blocks[0].elements[0]: empty'],
    ],
    ['an actions block without elements', message([{ type: 'actions' }]), ['blocks[0].elements: 0, not 1..25']],
    [
      'an actions block with too many elements',
      message([{ type: 'actions', elements: Array.from({ length: LIMITS.actionsElements + 1 }, () => button()) }]),
      ['blocks[0].elements: 26, not 1..25'],
    ],
    [
      'a block_id too long',
      message([section('s', { block_id: x(LIMITS.blockId + 1) })]),
      ['blocks[0].block_id: 256 characters, over 255'],
    ],
    [
      'block_ids repeated',
      message([section('a', { block_id: 'same' }), section('b', { block_id: 'same' })]),
      ['block_id: not unique'],
    ],
    [
      'an action_id too long',
      message([{ type: 'actions', elements: [button({ action_id: x(LIMITS.actionId + 1) })] }]),
      ['blocks[0].elements[0].action_id: 256 characters, over 255'],
    ],
    [
      'button text too long',
      message([{ type: 'actions', elements: [button({ text: plain(x(LIMITS.buttonText + 1)) })] }]),
      ['blocks[0].elements[0].text: 76 characters, over 75'],
    ],
    [
      'an empty button text',
      message([{ type: 'actions', elements: [button({ text: plain(' ') })] }]),
      ['blocks[0].elements[0].text: empty'],
    ],
    [
      'a button value too long',
      message([{ type: 'actions', elements: [button({ value: x(LIMITS.buttonValue + 1) })] }]),
      ['blocks[0].elements[0].value: 2001 characters, over 2000'],
    ],
    [
      'a button url too long',
      message([{ type: 'actions', elements: [button({ url: x(LIMITS.buttonUrl + 1) })] }]),
      ['blocks[0].elements[0].url: 3001 characters, over 3000'],
    ],
    [
      'an accessory button value too long',
      message([section('s', { accessory: button({ value: x(LIMITS.buttonValue + 1) }) })]),
      ['blocks[0].accessory.value: 2001 characters, over 2000'],
    ],
    [
      'a block type the bot does not use',
      message([{ type: 'image' }]),
      ['blocks[0]: block type image is not one this bot uses'],
    ],
    ['no fallback text', { blocks: [section('s')] }, ['text: the plain fallback is missing']],
    ['a blank fallback text', message([section('s')], '   '), ['text: the plain fallback is missing']],
    ['a fallback text that is not a string', message([section('s')], 42), ['text: the plain fallback is missing']],
    [
      'a fallback text too long',
      message([section('s')], x(LIMITS.fallbackText + 1)),
      ['text: 40001 characters, over 40000'],
    ],
    [
      'too much text in all',
      message(Array.from({ length: 4 }, () => section(x(2751)))),
      ['blocks: 11004 characters of text in all, over 11000'],
    ],
  ])('%s', (_name, payload, problems) => {
    expect(blockKitProblems(payload as Parameters<typeof blockKitProblems>[0])).toEqual(problems);
  });

  test('every limit met exactly passes', () => {
    const atLimits = message(
      [
        { type: 'header', text: plain(x(LIMITS.headerText)), block_id: x(LIMITS.blockId) },
        {
          type: 'section',
          fields: Array.from({ length: LIMITS.sectionFields }, (_, i) => mrkdwn(i === 0 ? x(LIMITS.fieldText) : 'f')),
        },
        { type: 'context', elements: Array.from({ length: LIMITS.contextElements }, () => mrkdwn('c')) },
        { type: 'context', elements: [mrkdwn(x(LIMITS.sectionText))] },
        section(x(LIMITS.sectionText), { accessory: button({ value: x(LIMITS.buttonValue) }) }),
        {
          type: 'actions',
          elements: Array.from({ length: LIMITS.actionsElements }, (_, i) =>
            button(
              i === 0
                ? { action_id: x(LIMITS.actionId), text: plain(x(LIMITS.buttonText)), url: x(LIMITS.buttonUrl) }
                : {},
            ),
          ),
        },
        { type: 'divider' },
        ...sections(LIMITS.blocks.message - 7),
      ],
      x(LIMITS.fallbackText),
    );
    expect(blockKitProblems(atLimits)).toEqual([]);
  });

  test('text in all exactly at the ceiling passes, counting only text fields, at any depth', () => {
    const fill = (length: number) => section(x(length));
    expect(blockKitProblems(message([fill(2750), fill(2750), fill(2750), fill(2750)]))).toEqual([]);
    const nestedOver = message([
      fill(2750),
      fill(2750),
      fill(2750),
      { type: 'section', text: mrkdwn(x(2750)), fields: [mrkdwn('y')] },
    ]);
    expect(blockKitProblems(nestedOver)).toEqual(['blocks: 11001 characters of text in all, over 11000']);
    // A button's text counts ("Open", 4 characters); its value does not.
    expect(
      blockKitProblems(
        message([
          fill(2750),
          fill(2750),
          fill(2750),
          fill(2746),
          { type: 'actions', elements: [button({ value: x(2000) })] },
        ]),
      ),
    ).toEqual([]);
  });

  test('several problems are all reported, in block order', () => {
    const payload = message([section(''), { type: 'header', text: plain(x(200)) }], '');
    expect(blockKitProblems(payload)).toEqual([
      'blocks[0].text: empty',
      'blocks[1].text: 200 characters, over 150',
      'text: the plain fallback is missing',
    ]);
  });

  test('block_ids that differ pass; blocks without one are not counted as repeats', () => {
    expect(
      blockKitProblems(
        message([section('a', { block_id: 'one' }), section('b', { block_id: 'two' }), section('c'), section('d')]),
      ),
    ).toEqual([]);
  });
});

describe('a modal', () => {
  test.each<[string, unknown, string[]]>([
    ['too many blocks', modal(sections(LIMITS.blocks.modal + 1)), ['blocks: 101, over 100']],
    [
      'a title too long',
      modal(sections(1), { title: plain(x(LIMITS.modalTitle + 1)) }),
      ['title: 25 characters, over 24'],
    ],
    ['an empty title', modal(sections(1), { title: plain(' ') }), ['title: empty']],
    [
      'private_metadata too long',
      modal(sections(1), { private_metadata: x(LIMITS.privateMetadata + 1) }),
      ['private_metadata: 3001 characters, over 3000'],
    ],
  ])('%s', (_name, payload, problems) => {
    expect(blockKitProblems(payload as Parameters<typeof blockKitProblems>[0], 'modal')).toEqual(problems);
  });

  test('a modal needs no fallback text and has no total text ceiling; its limits met exactly pass', () => {
    const full = modal(
      Array.from({ length: LIMITS.blocks.modal }, () => section(x(LIMITS.sectionText))),
      {
        title: plain(x(LIMITS.modalTitle)),
        private_metadata: x(LIMITS.privateMetadata),
      },
    );
    expect(blockKitProblems(full, 'modal')).toEqual([]);
  });

  test('a message may not hold as many blocks as a modal', () => {
    expect(blockKitProblems(message(sections(LIMITS.blocks.message)))).toEqual([]);
    expect(blockKitProblems(modal(sections(LIMITS.blocks.message + 1)), 'modal')).toEqual([]);
  });
});

test("the limits checker knows Home's 100 blocks and an unfurl's 50", () => {
  const blocks = (count: number) => Array.from({ length: count }, () => ({ type: 'divider' }));
  expect(blockKitProblems({ blocks: blocks(100) }, 'home')).toEqual([]);
  expect(blockKitProblems({ blocks: blocks(101) }, 'home')).toEqual(['blocks: 101, over 100']);
  expect(blockKitProblems({ blocks: blocks(51) }, 'unfurl')).toEqual(['blocks: 51, over 50']);
});
