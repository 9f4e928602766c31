import type { WorkflowRun } from '../../src/core/run';
import { parseInstanceBody } from '../../src/datadog/schemas';
import { recorded } from './fixtures';

/** A WorkflowRun as the client would make it from a fixture body, asked for under the body's own run ID. */
export function runFromFixture(name: string): WorkflowRun {
  const { body } = recorded(name);
  const instanceId = (body as { data: { id: string } }).data.id;
  const parsed = parseInstanceBody(body, { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

export const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<@U0ADMIN>',
  '<https://evil.example|click me>',
  '```',
  '&lt;',
  '*bold* _it_ ~s~',
].join(' ');

/** The worst body Datadog could send within the size cap: 300 steps, a 20,000-character error, a 400-character name. */
export function hugeRunBody(): unknown {
  return {
    data: {
      id: '305a472b-71ab-4ce8-8f8d-75db635627b5',
      type: 'instances',
      attributes: {
        instanceStatus: { detailsKind: 'INSTANCE_ERROR', displayName: `Errored ${HOSTILE}` },
        startTimestamp: '2026-11-28T02:58:11Z',
        endTimestamp: '2026-11-28T04:00:00Z',
        source: { manual: { actingUser: { userName: `${HOSTILE} ${'u'.repeat(400)}` } } },
        stepStateAssociations: Array.from({ length: 300 }, (_, i) => ({
          stepName: `${HOSTILE} step ${i} ${'n'.repeat(120)}`,
          stepState: i % 7 === 0 ? 'ERROR' : i % 3 === 0 ? 'SKIPPED' : 'SUCCEEDED',
          errorDetail: i % 7 === 0 ? `${HOSTILE} ${'e'.repeat(500)}` : undefined,
        })),
        errorDetail: `${HOSTILE}\n${'x&<>'.repeat(5000)}`,
      },
    },
    included: [
      {
        type: 'workflows',
        id: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
        attributes: { name: `${HOSTILE} ${'w'.repeat(400)}` },
      },
    ],
  };
}
