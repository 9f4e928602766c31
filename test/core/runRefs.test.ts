import fc from 'fast-check';
import { MAX_COMMAND_CHARS, parseCommandText } from '../../src/core/commandText';
import { MESSAGE_TEXT_LIMITS, messageText } from '../../src/core/messageText';
import { findRunRefs } from '../../src/core/runRefs';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const WF2 = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const RUN2 = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';

describe('findRunRefs', () => {
  test('the incident-channel paste: words decide which ID is which', () => {
    expect(findRunRefs(`workflow ${WF} instance ${RUN} failed`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true },
    ]);
    expect(findRunRefs(`run ${RUN} of workflow ${WF} is stuck`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true },
    ]);
    expect(findRunRefs(`instance_id=${RUN}, workflow_id=${WF}`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true },
    ]);
  });

  test('two bare IDs are paired workflow-first, marked uncertain', () => {
    expect(findRunRefs(`${WF} ${RUN}`).runs).toEqual([{ workflowId: WF, instanceId: RUN, certain: false }]);
  });

  test('run links, in plain and Slack form, with other text around', () => {
    const link = `https://app.datadoghq.com/workflow/${WF}?instance=${RUN}`;
    expect(findRunRefs(`see <${link}|this run> please`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.com' },
    ]);
    expect(findRunRefs(`${link}&amp;tab=steps`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.com' },
    ]);
  });

  test('several runs are all found, each once', () => {
    const text = `workflow ${WF} instance ${RUN} failed; also https://app.datadoghq.com/workflow/${WF2}?instance=${RUN2} and again workflow ${WF} instance ${RUN}`;
    expect(findRunRefs(text).runs.map((run) => run.instanceId)).toEqual([RUN2, RUN]);
  });

  test('a workflow with no run, and nothing at all', () => {
    expect(findRunRefs(`workflow ${WF} keeps failing`)).toEqual({ runs: [], workflowsOnly: [WF] });
    expect(findRunRefs('the deploy is broken again')).toEqual({ runs: [], workflowsOnly: [] });
  });

  test('never throws and only returns UUIDs, whatever the text', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              WF,
              RUN,
              'workflow',
              'instance',
              '<',
              '|',
              '>',
              'https://app.datadoghq.com/workflow/',
              '?instance=',
            ),
          ),
          { maxLength: 20 },
        ),
        (parts) => {
          const { runs, workflowsOnly } = findRunRefs(parts.join(' '));
          for (const run of runs) {
            expect(run.workflowId).toMatch(uuid);
            expect(run.instanceId).toMatch(uuid);
          }
          for (const id of workflowsOnly) expect(id).toMatch(uuid);
        },
      ),
    );
  });
});

/** Pieces of the grammar the parsers know, in any order: unclosed links, labels, half IDs, separators. */
const FRAGMENTS = [
  '<',
  '<http://',
  '<https://app.datadoghq.com/workflow/',
  '|',
  '>',
  'workflow ',
  'instance_id=',
  '?instance=',
  WF,
  WF.slice(0, 20),
  '-',
  'a',
  '0',
  ' ',
  '.',
  '"',
  '&amp;',
];

/** The shapes that took the old Slack-link regex seconds (unclosed links, unclosed labels). */
const KNOWN_SLOW = ['<http://'.repeat(12_500), '<http://a|'.repeat(10_000)].map((text) => [text] as [string]);

/** 100 KB of one short shape repeated: where a backtracking regex would go quadratic. */
const hostile100KB = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 })
  .map((shape) => shape.join(''))
  .filter((shape) => shape.length > 0)
  .map((shape) => shape.repeat(Math.ceil(100_000 / shape.length)).slice(0, 100_000));

describe('100 KB adversarial text (its speed is printed by bench/parsers.ts)', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  test('the message reader never throws and returns UUIDs only', () => {
    fc.assert(
      fc.property(hostile100KB, (text) => {
        expect(text).toHaveLength(100_000);
        const { runs, workflowsOnly } = findRunRefs(text);
        for (const id of [...runs.flatMap((run) => [run.workflowId, run.instanceId]), ...workflowsOnly])
          expect(id).toMatch(uuid);
      }),
      { numRuns: 25, examples: KNOWN_SLOW },
    );
  });

  test('the command parser refuses it unread, naming the cap', () => {
    fc.assert(
      fc.property(hostile100KB, (text) => {
        const request = parseCommandText(text);
        expect(request).toEqual({ kind: 'invalid', reason: expect.stringContaining('at most 4,000') });
      }),
      { numRuns: 25 },
    );
  });

  test('a command just under the cap is parsed: a usage reason or runs of UUIDs', () => {
    fc.assert(
      fc.property(hostile100KB, (text) => {
        const request = parseCommandText(text.slice(0, MAX_COMMAND_CHARS));
        expect(['help', 'invalid', 'run', 'recent']).toContain(request.kind);
        if (request.kind === 'run') expect(request.run.workflowId).toMatch(uuid);
      }),
      { numRuns: 25 },
    );
  });
});

describe('messageText', () => {
  test('reads text, blocks and attachments, each piece once', () => {
    const message = {
      text: 'Datadog alert',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `workflow ${WF}` } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Datadog alert' } },
      ],
      attachments: [{ fallback: `instance ${RUN}`, fields: [{ title: 'x', value: 'y' }] }],
    };
    expect(messageText(message)).toBe(`Datadog alert\nworkflow ${WF}\ninstance ${RUN}\nx\ny`);
  });

  test('a message of the wrong shape reads as empty text', () => {
    expect(messageText(undefined)).toBe('');
    expect(messageText({ text: 42, blocks: 'no', attachments: [null, 7] })).toBe('');
  });

  test('text is read down to the depth limit and no deeper', () => {
    const nested = (depth: number, text: string): unknown =>
      depth === 0 ? { text } : { elements: [nested(depth - 1, text)] };
    // Each level is an object and an array: two steps of depth.
    const levels = MESSAGE_TEXT_LIMITS.depth / 2;
    expect(messageText({ blocks: [nested(levels - 1, 'deep enough')] })).toBe('deep enough');
    expect(messageText({ blocks: [nested(levels, 'too deep')] })).toBe('');
  });

  test('the text is cut at the size limit', () => {
    const long = 'x'.repeat(MESSAGE_TEXT_LIMITS.chars);
    const read = messageText({ text: long, attachments: [{ fallback: `workflow ${WF} instance ${RUN}` }] });
    expect(read).toHaveLength(MESSAGE_TEXT_LIMITS.chars);
    expect(read).not.toContain(WF);
  });
});
