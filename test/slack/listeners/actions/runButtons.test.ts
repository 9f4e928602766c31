import { runButtonValue } from '../../../../src/render/runButtonValue';
import { NEW_PRIVATE, REPLACE_CLICKED, replyingButton } from '../../../../src/slack/listeners/actions/runButtons';
import { args, listenerHarness, ref, refreshClick } from '../../../support/listenerCalls';

test('a run button acks, looks the run up, and lands its reply as asked', async () => {
  const h = listenerHarness();
  const answer = jest.fn(async () => ({ text: 'fresh', blocks: [] }));
  await replyingButton(
    h.services,
    answer,
    REPLACE_CLICKED,
  )(args({ ...refreshClick(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond }));
  expect(answer).toHaveBeenCalledWith({ ...ref, certain: true }, expect.anything());
  expect(h.sent).toEqual([{ text: 'fresh', blocks: [], ...REPLACE_CLICKED }]);
});

test('a damaged button value is answered privately and nothing is looked up', async () => {
  const h = listenerHarness();
  const answer = jest.fn();
  await replyingButton(
    h.services,
    answer,
    REPLACE_CLICKED,
  )(args({ ...refreshClick('garbage|x'), ack: h.ack, respond: h.respond }));
  expect(h.ack).toHaveBeenCalled();
  expect(answer).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ ...NEW_PRIVATE, text: expect.stringMatching(/data is damaged/) })]);
});
