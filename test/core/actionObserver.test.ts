import { createLog } from '../../src/core/log';
import type { ActionEvent } from '../../src/core/ports';
import { RunLookup } from '../../src/core/runLookup';
import { FakeSource, FIXED_NOW, sampleRun } from '../support/fakeSource';

/** What RunLookup tells its ActionObserver and its log for each lookup. */

const ref = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };

function observed(level: 'debug' | 'info') {
  const source = new FakeSource();
  const events: ActionEvent[] = [];
  const lines: string[] = [];
  const lookup = new RunLookup({
    source,
    site: 'datadoghq.com',
    log: createLog(level, (line) => lines.push(line)),
    clock: () => FIXED_NOW,
    observer: (event) => events.push(event),
  });
  return { source, events, lines, lookup };
}

test('each lookup is told to the observer with its entry point and a label-sized outcome', async () => {
  const { source, events, lines, lookup } = observed('info');
  source.runs.set(`${ref.workflowId}/${ref.instanceId}`, sampleRun(ref, 'STEP_ERROR'));
  await lookup.lookUpRun({ ...ref, certain: true }, { via: 'refresh', userId: 'U1', teamId: 'T1' });
  await lookup.listRecentRuns(ref.workflowId, 5, {});
  const requester = { teamId: undefined, enterpriseId: undefined, userId: undefined, channelId: undefined };
  expect(events).toEqual([
    {
      kind: 'lookup',
      entryPoint: 'refresh',
      outcome: 'found',
      latencyMs: expect.any(Number),
      requester: { ...requester, userId: 'U1', teamId: 'T1' },
      ...ref,
    },
    {
      kind: 'recent',
      entryPoint: 'unknown',
      outcome: 'workflow_not_found',
      latencyMs: expect.any(Number),
      requester,
      workflowId: ref.workflowId,
    },
  ]);
  expect(lines[0]).toMatch(/INFO lookup via=refresh user=U1 workflow=\S+ instance=\S+ outcome=found:STEP_ERROR/);
});

test("Datadog's own words are logged at debug only, and cut short", async () => {
  const detail = `value ${'x'.repeat(5000)} is invalid`;
  for (const level of ['info', 'debug'] as const) {
    const { source, lines, lookup } = observed(level);
    source.failures.set(`${ref.workflowId}/${ref.instanceId}`, { kind: 'bad_request', detail });
    await lookup.lookUpRun({ ...ref, certain: true }, {});
    const said = lines.filter((line) => line.includes('datadog said'));
    if (level === 'info') expect(said).toEqual([]);
    else {
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^\S+ DEBUG datadog said detail="value x+/);
      expect(said[0]!.length).toBeLessThan(300);
    }
    expect(lines.join('\n')).not.toContain('x'.repeat(300));
  }
});
