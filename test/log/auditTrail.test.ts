import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessPolicy } from '../../src/core/access';
import { createLog } from '../../src/core/log';
import type { ActionEvent } from '../../src/core/ports';
import { RunLookup } from '../../src/core/runLookup';
import { auditLine, openAuditTrail } from '../../src/log/auditTrail';
import { FakeSource, FIXED_NOW, sampleRun } from '../support/fakeSource';
import { hasControlChar } from '../support/logs';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';

test('each lookup and each refusal is one audit line of IDs and outcomes, with no Datadog words', async () => {
  const source = new FakeSource();
  source.runs.set(`${WF}/${RUN}`, { ...sampleRun({ workflowId: WF, instanceId: RUN }), error: 'db password hunter2' });
  const events: ActionEvent[] = [];
  const lookup = new RunLookup({
    source,
    site: 'datadoghq.com',
    log: createLog('error'),
    clock: () => FIXED_NOW,
    observer: (event) => events.push(event),
    access: new AccessPolicy({ channelIds: ['C1'] }),
  });
  const asker = { teamId: 'T1', enterpriseId: 'E1', userId: 'U1', channelId: 'C1', via: 'command' as const };
  await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, asker);
  await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true }, { ...asker, channelId: 'C2' });
  const lines = events.map((event) => auditLine(event, FIXED_NOW));
  const [found, refused] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(found).toEqual({
    time: FIXED_NOW.toISOString(),
    audit: 'lookup',
    team: 'T1',
    enterprise: 'E1',
    user: 'U1',
    channel: 'C1',
    action: 'command',
    workflow: WF,
    instance: RUN,
    outcome: 'found',
    latency_ms: expect.any(Number),
  });
  expect(refused).toMatchObject({ channel: 'C2', outcome: 'refused', refusal: 'channel' });
  expect(lines.join('')).not.toMatch(/hunter2|Roll back/);
  for (const line of lines) expect(line.endsWith('}\n')).toBe(true);
});

const fail = (err: Error) => {
  throw err;
};

test('AUDIT_LOG_FILE: lines are appended to the file; nothing after close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-audit-'));
  const file = join(dir, 'audit.jsonl');
  try {
    for (const user of ['U1', 'U2']) {
      const trail = openAuditTrail(file, fail, () => FIXED_NOW);
      trail.observe({ kind: 'home', entryPoint: 'home', outcome: 'shown', latencyMs: 1, requester: { userId: user } });
      await trail.close();
      trail.observe({ kind: 'home', entryPoint: 'home', outcome: 'late', latencyMs: 1, requester: { userId: 'U9' } });
    }
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { user: string }).user)).toEqual(['U1', 'U2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an ID full of control characters cannot break the audit line', () => {
  const line = auditLine(
    {
      kind: 'home',
      entryPoint: 'home',
      outcome: 'shown',
      latencyMs: 0,
      requester: { userId: 'U1\u001b[2J\u0085\nfake' },
    },
    FIXED_NOW,
  );
  expect(hasControlChar(line.slice(0, -1))).toBe(false);
  expect((JSON.parse(line) as { user: string }).user).toBe('U1\u001b[2J\u0085\nfake');
});

test('an AUDIT_LOG_FILE that cannot be opened is reported, and the bot goes on', async () => {
  const errors: string[] = [];
  const trail = openAuditTrail('/nonexistent-dir/audit.jsonl', (err) => errors.push(err.message));
  trail.observe({ kind: 'home', entryPoint: 'home', outcome: 'shown', latencyMs: 1, requester: {} });
  await trail.close();
  expect(errors.join('')).toMatch(/ENOENT/);
});

test('an act is one line: what was attempted, through which button, the new run, and only the names of its inputs', () => {
  const line = auditLine(
    {
      kind: 'act',
      act: 'run',
      entryPoint: 'modal',
      outcome: 'done',
      latencyMs: 4,
      requester: { teamId: 'T1', userId: 'U1', channelId: 'C1' },
      workflowId: WF,
      instanceId: RUN,
      newInstanceId: '111e18d6-3f19-4ada-91d3-ab1e1546b8b4',
      inputNames: ['service', 'token'],
    },
    FIXED_NOW,
  );
  expect(JSON.parse(line)).toEqual({
    time: FIXED_NOW.toISOString(),
    audit: 'act',
    team: 'T1',
    user: 'U1',
    channel: 'C1',
    action: 'run',
    via: 'modal',
    workflow: WF,
    instance: RUN,
    new_instance: '111e18d6-3f19-4ada-91d3-ab1e1546b8b4',
    inputs: ['service', 'token'],
    outcome: 'done',
    latency_ms: 4,
  });
});
