import { blockKitProblems } from '../src/render/limits';
import { demoRuns, SAMPLE_DATA } from '../src/sample/sampleDatadog';
import { type FinishedChild, runChild } from './support/child';

let demo: FinishedChild;

beforeAll(async () => {
  demo = await runChild('demo.js', []);
});

test('exits 0 with nothing on stderr', () => {
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(0);
});

test('says the data is sample data', () => {
  expect(demo.stdout).toContain('sample data');
});

test('renders every sample run the demo shows, and the run Datadog does not know', () => {
  const runs = [
    ...SAMPLE_DATA.workflows.flatMap(demoRuns),
    ...(SAMPLE_DATA.missingRuns ?? []).map((run) => run.instanceId),
  ];
  expect(runs).toHaveLength(6);
  for (const id of runs) expect(demo.stdout).toContain(`Run ${id}`);
  for (const status of ['Status: ❌ Failed', 'Status: ⏳ Running', 'Status: ✅ Succeeded', 'Status: 🚫 Canceled'])
    expect(demo.stdout).toContain(status);
  expect(demo.stdout).toContain('🔍 Run not found');
});

test('shows the failing step and its error', () => {
  expect(demo.stdout).toContain('❌ Rollback_deployment error');
  expect(demo.stdout).toMatch(/Error in step Rollback_deployment\n(?: {4}.*\n)*? {4}.*cannot patch resource/);
});

test('shows the history of the workflow with 20 runs beside its latest run, and the states of its recent runs', () => {
  expect(demo.stdout).toContain('📊 4 of the last 20 runs failed · usually 1m 30s · this one 12m 10s, 8× the usual');
  expect(demo.stdout).toContain('❌✅✅❌✅🚫✅✅❌✅ · median 1m 29s');
});

test("ends with a workflow's recent runs, newest first", () => {
  const [workflow] = SAMPLE_DATA.workflows;
  expect(demo.stdout).toContain(`/dd-instance ${workflow!.id}\n`);
  expect(demo.stdout).toMatch(/3 runs|3 in all/);
});

test('the running sample run has been running for minutes, not years', () => {
  expect(demo.stdout).toMatch(/Duration: Running for \d+m \d+s\n/);
});

test('prints one Block Kit Builder link per run, each holding blocks within the limits', () => {
  const links = [...demo.stdout.matchAll(/^https:\/\/app\.slack\.com\/block-kit-builder\/#(\S+)$/gm)];
  expect(links).toHaveLength(8);
  for (const [, fragment] of links) {
    const payload = JSON.parse(decodeURIComponent(fragment!)) as { blocks: unknown[] };
    expect(payload.blocks.length).toBeGreaterThan(0);
    expect(blockKitProblems({ text: 'fallback', blocks: payload.blocks })).toEqual([]);
  }
});

test('no colour codes when stdout is not a terminal', () => {
  expect(demo.stdout).not.toContain('\x1b[');
});
