import { parseCommandText } from '../../src/core/commandText';
import { findRunRefs, parseRunUrl } from '../../src/core/runRefs';
import { FakeSource, fakeLookup, sampleRun } from '../support/fakeSource';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';

test('a run link carries its site through the command and message parsers', () => {
  const link = `https://app.datadoghq.eu/workflow/${WF}?instance=${RUN}`;
  expect(parseRunUrl(link)).toEqual({ workflowId: WF, instanceId: RUN, site: 'datadoghq.eu' });
  expect(parseRunUrl(`https://proxy.internal/workflow/${WF}?instance=${RUN}`)).toEqual({
    workflowId: WF,
    instanceId: RUN,
  });
  expect(parseCommandText(link)).toEqual({
    kind: 'run',
    run: { workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.eu' },
  });
  expect(findRunRefs(`failed: <${link}|run>`).runs).toEqual([
    { workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.eu' },
  ]);
});

test("a link for another site is not looked up: the outcome names both sites; the bot's own site is", async () => {
  const source = new FakeSource();
  source.runs.set(`${WF}/${RUN}`, sampleRun({ workflowId: WF, instanceId: RUN }));
  const { lookup, logLines } = fakeLookup(source);
  const other = await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.eu' }, {});
  expect(other.result).toEqual({
    ok: false,
    failure: { kind: 'other_site', linkSite: 'datadoghq.eu', botSite: 'datadoghq.com' },
  });
  expect(source.calls).toEqual([]);
  expect(logLines[0]).toContain('outcome=other_site');
  const same = await lookup.lookUpRun({ workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.com' }, {});
  expect(same.result.ok).toBe(true);
});
