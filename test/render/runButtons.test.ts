import { runButton } from '../../src/render/runButtons';
import { parseRunButtonValue } from '../../src/render/runButtonValue';

const REF = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };

test('a run button carries its action, a plain-text label, and the run on its site, read back by its listener', () => {
  const button = runButton('run_refresh', 'Refresh', REF, 'datadoghq.eu');
  expect(button).toMatchObject({
    type: 'button',
    action_id: 'run_refresh',
    text: { type: 'plain_text', text: 'Refresh' },
  });
  expect(parseRunButtonValue(button.value)).toEqual({ ...REF, site: 'datadoghq.eu' });
});
