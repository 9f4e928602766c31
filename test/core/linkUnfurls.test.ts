import { LinkUnfurls } from '../../src/core/linkUnfurls';
import { RunLookup } from '../../src/core/runLookup';
import { LruRecentLookups } from '../../src/store/recentLookups';
import { FakeSource, FIXED_NOW, fakeLookup, sampleRun } from '../support/fakeSource';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const run = (n: number) => `305a472b-71ab-4ce8-8f8d-${String(n).padStart(12, '0')}`;
const link = (n: number, host = 'app.datadoghq.com') => `https://${host}/workflow/${WF}?instance=${run(n)}`;

function unfurls() {
  const fake = fakeLookup();
  for (let n = 0; n < 12; n++)
    fake.source.runs.set(`${WF}/${run(n)}`, sampleRun({ workflowId: WF, instanceId: run(n) }));
  return { ...fake, links: new LinkUnfurls(fake.lookup) };
}

test('each run is looked up once, and every link to it gets its outcome', async () => {
  const { links, source } = unfurls();
  const other = `https://app.datadoghq.com/workflow/${WF.toUpperCase()}?instance=${run(1).toUpperCase()}&from=slack`;
  const outcome = await links.lookUpLinks([link(1), other, link(1)], { userId: 'U1', channelId: 'C1' });
  expect(source.calls).toEqual([`instance ${WF}/${run(1)}`]);
  expect(outcome.runs.map((linked) => linked.url)).toEqual([link(1), other]);
  expect(outcome.runs[0]!.run.result.ok).toBe(true);
});

test('links to another site, to a workflow page or elsewhere are not looked up', async () => {
  const { links, source } = unfurls();
  const outcome = await links.lookUpLinks(
    [
      link(1, 'app.datadoghq.eu'),
      `https://app.datadoghq.com/workflow/${WF}`,
      'https://app.datadoghq.com/dashboard/x',
      'not a url',
    ],
    {},
  );
  expect(outcome).toEqual({ runs: [], otherSite: [link(1, 'app.datadoghq.eu')], skipped: 3 });
  expect(source.calls).toEqual([]);
});

test('at most 8 runs are looked up for one message; the rest are counted', async () => {
  const { links, source } = unfurls();
  const outcome = await links.lookUpLinks(
    Array.from({ length: 11 }, (_unused, n) => link(n)),
    {},
  );
  expect(source.calls).toHaveLength(8);
  expect(outcome.runs).toHaveLength(8);
  expect(outcome.skipped).toBe(3);
});

test('lookups are remembered for the user who made them, and not without one', async () => {
  const source = new FakeSource();
  source.runs.set(`${WF}/${run(1)}`, sampleRun({ workflowId: WF, instanceId: run(1) }, 'STEP_ERROR'));
  const recentLookups = new LruRecentLookups();
  const lookup = new RunLookup({
    source,
    site: 'datadoghq.com',
    log: fakeLookup().log,
    clock: () => FIXED_NOW,
    recentLookups,
  });
  await lookup.lookUpCommand(`${WF} ${run(1)}`, { userId: 'U1' });
  await lookup.lookUpCommand(`${WF} ${run(2)}`, {});
  expect(await recentLookups.list('U1')).toEqual([
    {
      ref: { workflowId: WF, instanceId: run(1) },
      at: FIXED_NOW,
      result: { ok: true, run: { statusKind: 'STEP_ERROR', statusName: 'STEP_ERROR', workflowName: 'Roll back' } },
    },
  ]);
});

test('a memory that fails is logged and the lookup still answers', async () => {
  const fake = fakeLookup();
  const lookup = new RunLookup({
    source: fake.source,
    site: 'datadoghq.com',
    log: fake.log,
    recentLookups: {
      record: async () => {
        throw new Error('memory full');
      },
      list: async () => [],
    },
  });
  const outcome = await lookup.lookUpRun({ workflowId: WF, instanceId: run(1), certain: true }, { userId: 'U1' });
  expect(outcome.result.ok).toBe(false);
  expect(fake.logLines.join('\n')).toMatch(/recent lookup not remembered error="memory full"/);
});
