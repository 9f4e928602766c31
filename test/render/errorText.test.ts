import type { WorkflowRun } from '../../src/core/run';
import { humanMessage } from '../../src/render/errorText';
import { blockKitProblems } from '../../src/render/limits';
import { renderRunModal } from '../../src/render/runModal';
import { errorOf, renderRun } from '../../src/render/runReply';

const context = { site: 'datadoghq.com' as const, now: new Date('2026-11-28T03:10:00Z') };

function run(fields: Partial<WorkflowRun>): WorkflowRun {
  return {
    workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
    instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
    statusKind: 'STEP_ERROR',
    statusName: 'Failed',
    steps: [],
    ...fields,
  };
}

test('the human message of a JSON error: message, detail or title, nested or in a list; plain text has none', () => {
  expect(humanMessage('{"step":"Rollback","message":"is forbidden","code":403}')).toBe('is forbidden');
  expect(humanMessage('{"errors":[{"status":"400","title":"Bad","detail":"field x is invalid"}]}')).toBe(
    'field x is invalid',
  );
  expect(humanMessage('{"error":{"cause":{"title":"Timed out"}}}')).toBe('Timed out');
  expect(humanMessage('["first problem","second"]')).toBe('first problem');
  expect(humanMessage('{"code":500}')).toBeUndefined();
  expect(humanMessage('connection refused')).toBeUndefined();
  expect(humanMessage('{not json')).toBeUndefined();
});

test("the error section leads with the message; the raw JSON stays for 'Show full error'", () => {
  const raw = JSON.stringify({ message: 'deployments.apps "payments-api" is <forbidden>', code: 403 }, null, 2);
  const failed = run({ error: raw, steps: [{ name: 'Rollback_deployment', state: 'ERROR' }] });
  const reply = renderRun(failed, context);
  const error = JSON.stringify(reply.blocks.find((block) => JSON.stringify(block).includes('*Error*')));
  expect(error).toContain(
    '*Error* in step `Rollback_deployment`\\ndeployments.apps \\"payments-api\\" is &lt;forbidden&gt;',
  );
  expect(error).not.toContain('"code"');
  expect(JSON.stringify(reply)).toContain('"action_id":"run_full_error"');

  const modal = renderRunModal(failed, context);
  expect(blockKitProblems(modal, 'modal')).toEqual([]);
  const texts = JSON.stringify(modal.blocks);
  const message = texts.indexOf('is &lt;forbidden&gt;');
  const rawJson = texts.indexOf('\\"code\\": 403');
  expect(message).toBeGreaterThan(-1);
  expect(rawJson).toBeGreaterThan(message);
});

test("a failed step's own error comes before the run's", () => {
  const both = run({
    error: '{"message":"the run failed"}',
    steps: [
      { name: 'Fetch', state: 'SUCCEEDED', error: 'an old warning' },
      { name: 'Deploy', state: 'ERROR', error: '{"detail":"image not found"}' },
    ],
  });
  expect(errorOf(both)).toEqual({ text: '{"detail":"image not found"}', step: 'Deploy', message: 'image not found' });
  const runOnly = run({ error: 'plain words', steps: [{ name: 'Deploy', state: 'ERROR' }] });
  expect(errorOf(runOnly)).toEqual({ text: 'plain words', step: 'Deploy', message: undefined });
});

describe('humanMessage, field by field', () => {
  test.each(['message', 'detail', 'title', 'errorMessage', 'reason', 'description'])('%s is read', (field) => {
    expect(humanMessage(JSON.stringify({ code: 1, [field]: '  the words  ' }))).toBe('the words');
  });

  test('the best field wins whatever the order: message, then detail, then title', () => {
    expect(humanMessage('{"title":"t","detail":"d","message":"m"}')).toBe('m');
    expect(humanMessage('{"title":"t","detail":"d"}')).toBe('d');
    expect(humanMessage('{"description":"x","title":"t"}')).toBe('t');
  });

  test('blank and non-text fields are skipped; a list skips blank strings', () => {
    expect(humanMessage('{"message":"   ","detail":"d"}')).toBe('d');
    expect(humanMessage('{"message":42,"title":"t"}')).toBe('t');
    expect(humanMessage('["  ", {"title":"in an object"}]')).toBe('in an object');
    expect(humanMessage('[1, null, "  "]')).toBeUndefined();
  });

  test('nested four levels deep is read; five is not', () => {
    const nested = (depth: number): unknown => (depth === 0 ? { message: 'deep' } : { inner: nested(depth - 1) });
    expect(humanMessage(JSON.stringify(nested(4)))).toBe('deep');
    expect(humanMessage(JSON.stringify(nested(5)))).toBeUndefined();
  });

  test('surrounding spaces are allowed around JSON; text that only contains JSON is not JSON', () => {
    expect(humanMessage('  \n{"message":"m"}  ')).toBe('m');
    expect(humanMessage('error: {"message":"m"}')).toBeUndefined();
  });
});
