import type { RunList, RunSummary } from '../../src/core/run';
import { blockKitProblems } from '../../src/render/limits';
import { parseRunButtonValue } from '../../src/render/runButtonValue';
import { renderRecentRuns, renderRunResults } from '../../src/render/runsReply';
import { RUN_ACTIONS } from '../../src/render/slackIds';

const context = { site: 'datadoghq.com' as const, now: new Date('2026-11-28T03:10:00Z') };
const workflowId = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const hostile = `<!channel> <@U0BOSS> <https://evil.example|click> & \`\`\` ${'&'.repeat(400)}`;

function runs(count: number, overrides: Partial<RunSummary> = {}): RunSummary[] {
  return Array.from({ length: count }, (_unused, index) => ({
    workflowId,
    instanceId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    statusKind: index % 2 ? 'SUCCEEDED' : 'IN_PROGRESS',
    statusName: index % 2 ? 'Succeeded' : 'Running',
    startedAt: new Date(Date.parse('2026-11-28T03:00:00Z') - index * 60_000),
    ...(index % 2 ? { endedAt: new Date(Date.parse('2026-11-28T03:00:42Z') - index * 60_000) } : {}),
    startedBy: `Person ${index} (manual)`,
    ...overrides,
  }));
}

function list(count: number, overrides: Partial<RunSummary> = {}, extra: Partial<RunList> = {}): RunList {
  return {
    workflowId,
    workflowName: 'Roll back payments-api',
    runs: runs(count, overrides),
    totalCount: 40,
    failedCount: 3,
    succeededCount: 30,
    canceledCount: 7,
    ...extra,
  };
}

function rowTexts(reply: ReturnType<typeof renderRecentRuns>): string[] {
  return reply.blocks.flatMap((block) => (block.type === 'section' && block.accessory ? [block.text?.text ?? ''] : []));
}

test.each([0, 1, 10, 25])('%i recent runs fit the message limits, one View button each', (count) => {
  const reply = renderRecentRuns(list(count), context);
  expect(blockKitProblems(reply)).toEqual([]);
  const views = reply.blocks.flatMap((block) =>
    block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory] : [],
  );
  expect(views).toHaveLength(count);
  views.forEach((button, index) => {
    expect(button.action_id).toBe(RUN_ACTIONS.view);
    expect(parseRunButtonValue(button.value)).toEqual({
      workflowId,
      instanceId: runs(count)[index]!.instanceId,
      site: 'datadoghq.com',
    });
  });
});

test('the header names the workflow and the counts from the list meta', () => {
  const reply = renderRecentRuns(list(2), context);
  expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Roll back payments-api' } });
  expect(JSON.stringify(reply.blocks[1])).toContain('3 failed · 30 succeeded · 7 canceled · 40 in all');
  expect(reply.text).toContain('latest 2 runs');
});

test('a row has the status, the start as a Slack date, the duration or running time, and who started it', () => {
  const [running, done] = rowTexts(renderRecentRuns(list(2), context));
  expect(running).toContain(':hourglass_flowing_sand: Running');
  expect(running).toMatch(/<!date\^\d+\^/);
  expect(running).toContain('running for 10m');
  expect(done).toContain('42s');
  expect(done).toContain('by Person 1 (manual)');
});

test('25 runs with 400-character hostile names and users still fit, escaped', () => {
  const reply = renderRecentRuns(
    list(25, { statusName: hostile, startedBy: hostile }, { workflowName: hostile }),
    context,
  );
  expect(blockKitProblems(reply)).toEqual([]);
  const mrkdwn = JSON.stringify({ text: reply.text, blocks: reply.blocks.filter((block) => block.type !== 'header') });
  expect(mrkdwn).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil/);
});

test('an empty list says so', () => {
  const reply = renderRecentRuns(
    list(0, {}, { totalCount: 0, failedCount: 0, succeededCount: 0, canceledCount: 0 }),
    context,
  );
  expect(JSON.stringify(reply.blocks)).toContain('Datadog lists no runs of this workflow yet');
  expect(reply.text).toContain('no runs');
});

test('without the workflow name or meta the list still renders', () => {
  const reply = renderRecentRuns({ workflowId, runs: runs(3) }, context);
  expect(blockKitProblems(reply)).toEqual([]);
  expect(reply.blocks[0]).toMatchObject({ text: { text: `Workflow ${workflowId}` } });
});

test('several runs from a message use the same rows, with a failure as its own row', () => {
  const [first] = runs(1);
  const reply = renderRunResults(
    [
      {
        ref: first!,
        result: {
          ok: true,
          value: { ...first!, workflowName: 'Roll back payments-api', steps: [{ name: 'Rollback', state: 'ERROR' }] },
        },
      },
      {
        ref: { workflowId, instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67' },
        result: { ok: false, failure: { kind: 'not_found', what: 'instance' } },
      },
    ],
    context,
    3,
  );
  expect(blockKitProblems(reply)).toEqual([]);
  const serialized = JSON.stringify(reply.blocks);
  expect(serialized).toContain('5 workflow runs in this message');
  expect(serialized).toContain('failed at `Rollback`');
  expect(serialized).toContain('Run not found');
  expect(serialized).toContain('…and 3 more runs');
  expect(reply.blocks.filter((block) => block.type === 'section' && block.accessory)).toHaveLength(1);
});

test('the recent-runs header names the workflow once: the title, not again in the summary', () => {
  const reply = renderRecentRuns(
    { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', workflowName: 'Roll back payments-api', runs: [] },
    { site: 'datadoghq.com', now: new Date('2026-11-28T03:10:00Z') },
  );
  expect(JSON.stringify(reply.blocks).split('Roll back payments-api')).toHaveLength(2);
  expect(JSON.stringify(reply.blocks)).toContain('Recent runs of workflow `ccf73164-1998-4785-a7a3-8d06c7e5f558`');
});

describe('exact words of the lists', () => {
  const contextText = (reply: ReturnType<typeof renderRecentRuns>, index: number) =>
    (reply.blocks[index] as { elements: Array<{ text: string }> }).elements[0]!.text;

  test('recent runs: header, summary with the counts, fallback with them', () => {
    const reply = renderRecentRuns(list(2), context);
    expect(reply.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Roll back payments-api', emoji: false },
    });
    expect(contextText(reply, 1)).toBe(
      `Recent runs of workflow \`${workflowId}\` · latest 2 shown · 3 failed · 30 succeeded · 7 canceled · 40 in all`,
    );
    expect(reply.text).toBe(
      'Roll back payments-api: latest 2 runs (3 failed · 30 succeeded · 7 canceled · 40 in all).',
    );
    expect(reply.blocks).toHaveLength(4);
  });

  test('recent runs: only the counts Datadog gave; none gives no brackets', () => {
    const some = renderRecentRuns({ workflowId, runs: runs(1), failedCount: 0, totalCount: 1 }, context);
    expect(contextText(some, 1)).toBe(
      `Recent runs of workflow \`${workflowId}\` · latest 1 shown · 0 failed · 1 in all`,
    );
    const none = renderRecentRuns({ workflowId, runs: runs(1) }, context);
    expect(contextText(none, 1)).toBe(`Recent runs of workflow \`${workflowId}\` · latest 1 shown`);
    expect(none.text).toBe(`Workflow ${workflowId}: latest 1 runs.`);
  });

  test('an empty list: no "shown" part, one section, fallback says no runs', () => {
    const reply = renderRecentRuns({ workflowId, workflowName: 'W', runs: [] }, context);
    expect(contextText(reply, 1)).toBe(`Recent runs of workflow \`${workflowId}\``);
    expect(reply.blocks).toHaveLength(3);
    expect(reply.text).toBe('W: no runs.');
  });

  test('several runs: the count, the states in the fallback, no "more" line when all were fetched', () => {
    const [a, b] = runs(2);
    const reply = renderRunResults(
      [
        { ref: a!, result: { ok: true, value: { ...a!, steps: [] } } },
        { ref: b!, result: { ok: false, failure: { kind: 'busy' } } },
      ],
      context,
    );
    expect(reply.text).toBe('2 workflow runs: Running, not available');
    expect(reply.blocks[0]).toMatchObject({ text: { text: '2 workflow runs in this message' } });
    expect(contextText(reply, 1)).toBe("Press *View* for a run's steps and error.");
    expect(reply.blocks).toHaveLength(4);
    expect(JSON.stringify(reply.blocks[3])).toContain(`Run \`${b!.instanceId}\` of workflow \`${workflowId}\`\\n*`);
  });

  test('one run alone is its full reply; one run with others not fetched is a list', () => {
    const [a] = runs(1);
    const alone = renderRunResults([{ ref: a!, result: { ok: true, value: { ...a!, steps: [] } } }], context);
    expect(JSON.stringify(alone.blocks)).not.toContain('workflow runs in this message');
    expect(JSON.stringify(alone.blocks)).toContain('"action_id":"run_refresh"');
    const failed = renderRunResults([{ ref: a!, result: { ok: false, failure: { kind: 'busy' } } }], context);
    expect(failed.text).toMatch(/^dd-instance is busy\./);
    const withMore = renderRunResults([{ ref: a!, result: { ok: true, value: { ...a!, steps: [] } } }], context, 2);
    expect(withMore.blocks[0]).toMatchObject({ type: 'header', text: { text: '3 workflow runs in this message' } });
    expect(contextText(withMore, withMore.blocks.length - 1)).toBe(
      '…and 2 more runs. Look them up one at a time with `/dd-instance`.',
    );
  });
});
