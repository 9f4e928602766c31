import { homeStopFollowingButton } from '../../../../src/slack/listeners/actions/homeStopFollowing';
import { args, eventHarness, refreshClick } from '../../../support/listenerCalls';

test('a damaged Stop value stops nothing, is logged, and Home is published afresh as the answer', async () => {
  const h = eventHarness();
  const ack = jest.fn(async () => {});
  await homeStopFollowingButton(
    h.services,
    h.services.home!,
  )(args({ ...refreshClick('garbage|x'), ack, client: h.client }));
  expect(ack).toHaveBeenCalled();
  expect(h.logLines.join('\n')).toMatch(/button value rejected .*user=U1/);
  expect(h.client.views.publish).toHaveBeenCalledWith(expect.objectContaining({ user_id: 'U1' }));
});
