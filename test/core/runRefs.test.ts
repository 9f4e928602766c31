import fc from 'fast-check';
import { MAX_COMMAND_CHARS, parseCommandText } from '../../src/core/commandText';
import { findRunRefs, labelKind, pairRefs, parseRunUrl, unwrapSlackLinks } from '../../src/core/runRefs';

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

describe('parseRunUrl', () => {
  const run = { workflowId: WF, instanceId: RUN };

  test('a run link, with the site its host belongs to, IDs lower-cased', () => {
    expect(parseRunUrl(`https://app.datadoghq.eu/workflow/${WF.toUpperCase()}?instance=${RUN.toUpperCase()}`)).toEqual({
      ...run,
      site: 'datadoghq.eu',
    });
    expect(parseRunUrl(`https://us5.datadoghq.com/workflows/${WF}/?instance=${RUN}`)).toEqual({
      ...run,
      site: 'us5.datadoghq.com',
    });
  });

  test('every spelling of the instance parameter, after ?, & , ; or an escaped &amp;', () => {
    for (const query of [
      `?instance=${RUN}`,
      `?tab=x&instance_id=${RUN}`,
      `?tab=x;instanceid=${RUN}`,
      `?tab=x&amp;instance=${RUN}`,
      `?INSTANCE=${RUN}`,
    ])
      expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}${query}`)?.instanceId).toBe(RUN);
    expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}?xinstance=${RUN}`)?.instanceId).toBeUndefined();
    expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}?instances=${RUN}`)?.instanceId).toBeUndefined();
  });

  test('the workflow ID must be a whole path segment', () => {
    expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}`)).toEqual({
      workflowId: WF,
      instanceId: undefined,
      site: 'datadoghq.com',
    });
    expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}#steps`)?.workflowId).toBe(WF);
    expect(parseRunUrl(`https://app.datadoghq.com/workflow/${WF}x`)).toBeUndefined();
    expect(parseRunUrl(`https://app.datadoghq.com/workflowz/${WF}`)).toBeUndefined();
    expect(parseRunUrl(`https://app.datadoghq.com/monitors/${WF}`)).toBeUndefined();
  });

  test('a host that is not a Datadog site, or no host at all, gives no site', () => {
    expect(parseRunUrl(`https://example.com/workflow/${WF}?instance=${RUN}`)).toEqual(run);
    expect(parseRunUrl(`https://evil-datadoghq.com/workflow/${WF}`)).toEqual({ workflowId: WF, instanceId: undefined });
    expect(parseRunUrl(`http://[::1/workflow/${WF}`)).toEqual({ workflowId: WF, instanceId: undefined });
  });
});

describe('unwrapSlackLinks', () => {
  test('a Slack link reads as its URL and label, or the URL alone; broken ones stay', () => {
    expect(unwrapSlackLinks('a <https://x.y/z|the run> b')).toBe('a  https://x.y/z the run  b');
    expect(unwrapSlackLinks('a <https://x.y/z|the run> b', false)).toBe('a  https://x.y/z   b');
    expect(unwrapSlackLinks('<http://x.y>')).toBe(' http://x.y  ');
    expect(unwrapSlackLinks('<ftp://x.y|f> <https://a b> <https://x|y<z>')).toBe(
      '<ftp://x.y|f> <https://a b> <https://x|y<z>',
    );
  });
});

describe('labels', () => {
  test('each label word gives its kind, in any case; other words none', () => {
    expect(['workflow', 'WF', 'instance', 'Run', 'execution', 'job', ''].map(labelKind)).toEqual([
      'workflow',
      'workflow',
      'instance',
      'instance',
      'instance',
      undefined,
      undefined,
    ]);
  });

  test('label forms: _id, -id, " id", ids, plurals; the label nearest before an ID wins', () => {
    for (const label of ['workflow_id', 'workflow-id', 'workflow id', 'workflowid', 'workflow_ids', 'workflows', 'wf'])
      expect(findRunRefs(`${label}: ${WF}, run ${RUN}`).runs).toEqual([
        { workflowId: WF, instanceId: RUN, certain: true },
      ]);
    expect(findRunRefs(`the run of workflow ${WF} and execution ${RUN}`).runs).toEqual([
      { workflowId: WF, instanceId: RUN, certain: true },
    ]);
    expect(findRunRefs(`rerun ${WF} ${RUN}`).runs[0]?.certain).toBe(false);
  });

  test('an ID joined to more hex or dashes is not an ID', () => {
    expect(findRunRefs(`workflow a${WF} run ${RUN}-0`)).toEqual({ runs: [], workflowsOnly: [] });
    expect(findRunRefs(`workflow ${WF}0`)).toEqual({ runs: [], workflowsOnly: [] });
  });
});

describe('pairing', () => {
  test('bare IDs pair two by two; an odd one out is a workflow alone', () => {
    expect(findRunRefs(`${WF} ${RUN} ${WF2} ${RUN2} ${WF}`.replace(/ /g, '\n'))).toEqual({
      runs: [
        { workflowId: WF, instanceId: RUN, certain: false },
        { workflowId: WF2, instanceId: RUN2, certain: false },
      ],
      workflowsOnly: [],
    });
    expect(findRunRefs(`${WF} ${RUN} ${WF2}`)).toEqual({
      runs: [{ workflowId: WF, instanceId: RUN, certain: false }],
      workflowsOnly: [WF2],
    });
    expect(findRunRefs(WF2)).toEqual({ runs: [], workflowsOnly: [WF2] });
  });

  test('an unlabelled ID is the kind the labels left out', () => {
    expect(findRunRefs(`instance ${RUN} ${WF}`).runs).toEqual([{ workflowId: WF, instanceId: RUN, certain: true }]);
    expect(findRunRefs(`workflow ${WF} ${RUN}`).runs).toEqual([{ workflowId: WF, instanceId: RUN, certain: true }]);
  });

  test('a run takes the nearest workflow before it, else the first after it', () => {
    expect(findRunRefs(`workflow ${WF} workflow ${WF2} run ${RUN}`)).toEqual({
      runs: [{ workflowId: WF2, instanceId: RUN, certain: true }],
      workflowsOnly: [WF],
    });
    expect(findRunRefs(`run ${RUN} workflow ${WF} workflow ${WF2}`)).toEqual({
      runs: [{ workflowId: WF, instanceId: RUN, certain: true }],
      workflowsOnly: [WF2],
    });
  });

  test('runs with no workflow at all are dropped', () => {
    expect(findRunRefs(`run ${RUN} and execution ${RUN2}`)).toEqual({ runs: [], workflowsOnly: [] });
  });

  test('links come first; a workflow link without a run is a workflow alone unless a run names it', () => {
    const links = [
      { workflowId: WF2, instanceId: RUN2, site: 'datadoghq.eu' as const },
      { workflowId: WF },
      { workflowId: WF2 },
    ];
    expect(
      pairRefs(links, [
        { id: RUN, kind: 'instance' },
        { id: WF, kind: 'workflow' },
      ]),
    ).toEqual({
      runs: [
        { workflowId: WF2, instanceId: RUN2, certain: true, site: 'datadoghq.eu' },
        { workflowId: WF, instanceId: RUN, certain: true },
      ],
      workflowsOnly: [],
    });
    expect(pairRefs([{ workflowId: WF }, { workflowId: WF }], [])).toEqual({ runs: [], workflowsOnly: [WF] });
  });

  test('the same run from a link and from IDs is kept once, with the link', () => {
    const found = findRunRefs(`https://app.datadoghq.com/workflow/${WF}?instance=${RUN} workflow ${WF} run ${RUN}`);
    expect(found).toEqual({
      runs: [{ workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.com' }],
      workflowsOnly: [],
    });
  });

  test('a non-Datadog URL is not read for IDs', () => {
    expect(findRunRefs(`https://example.com/${WF}/${RUN} done`)).toEqual({ runs: [], workflowsOnly: [] });
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
