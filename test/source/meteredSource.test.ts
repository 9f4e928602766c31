import { MeteredSource, statusLabel } from '../../src/source/meteredSource';
import { FakeSource } from '../support/fakeSource';

test('each call is counted by method and status, and answered unchanged', async () => {
  const datadog = new FakeSource();
  datadog.workflows.set('wf', { workflowId: 'wf', name: 'Roll back' });
  const counted: Array<[string, string, number]> = [];
  const metered = new MeteredSource(datadog, { datadogRequest: (...call) => counted.push(call) });
  expect(await metered.getWorkflow('wf')).toEqual(await datadog.getWorkflow('wf'));
  await metered.listInstances('wf', 5);
  await metered.getInstance({ workflowId: 'wf', instanceId: 'run' });
  expect(counted.map(([method, status]) => `${method} ${status}`)).toEqual([
    'get_workflow 200',
    'list_instances 404',
    'get_instance 404',
  ]);
  expect(counted.every(([, , seconds]) => seconds >= 0)).toBe(true);
});

test('a failure without an HTTP status is labelled by its kind', () => {
  expect(statusLabel({ ok: false, failure: { kind: 'forbidden', status: 401 } })).toBe('401');
  expect(statusLabel({ ok: false, failure: { kind: 'timeout', afterMs: 5000 } })).toBe('timeout');
});
