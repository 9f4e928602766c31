import { blockKitBuilderUrl } from '../../src/render/blockKitBuilder';
import { renderRun } from '../../src/render/runReply';
import { runFromFixture } from '../support/runs';

test('the Block Kit Builder link holds exactly the reply blocks', () => {
  const reply = renderRun(runFromFixture('get-instance-200-step-error'), { site: 'datadoghq.com', now: new Date() });
  const url = blockKitBuilderUrl(reply);
  expect(url.startsWith('https://app.slack.com/block-kit-builder/#')).toBe(true);
  expect(JSON.parse(decodeURIComponent(url.split('#')[1]!))).toEqual({ blocks: reply.blocks });
});
