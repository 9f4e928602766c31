import { runButtonValue } from '../../../../src/render/runButtonValue';
import { renderLoadingModal } from '../../../../src/render/runModal';
import { fullErrorButton } from '../../../../src/slack/listeners/actions/fullError';
import { args, listenerHarness, ref, refreshClick } from '../../../support/listenerCalls';

test('"Show full error" opens a loading modal, then updates it with the run', async () => {
  const h = listenerHarness();
  const client = {
    views: {
      open: jest.fn(async () => ({ view: { id: 'V1' } })),
      update: jest.fn(async () => ({})),
    },
  };
  await fullErrorButton(h.services)(
    args({ ...refreshClick(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond, client }),
  );
  expect(client.views.open).toHaveBeenCalledWith({ trigger_id: 't', view: renderLoadingModal() });
  expect(client.views.update).toHaveBeenCalledWith({ view_id: 'V1', view: expect.objectContaining({ type: 'modal' }) });
  expect(h.sent).toEqual([]);
});

test('"Show full error" whose modal could not open answers in the channel instead', async () => {
  const h = listenerHarness();
  const client = {
    views: { open: jest.fn(async () => Promise.reject(new Error('expired_trigger_id'))), update: jest.fn() },
  };
  await fullErrorButton(h.services)(
    args({ ...refreshClick(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond, client }),
  );
  expect(client.views.update).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringMatching(/did not open the window in time/) })]);
});
