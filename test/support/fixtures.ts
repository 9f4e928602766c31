import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_RUNS } from '../../src/core/runHistory';

/** A recorded Datadog exchange from test/fixtures: request line, status and body. */
export interface RecordedExchange {
  request: string;
  status: number;
  body: unknown;
}

export function recorded(name: string): RecordedExchange {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as RecordedExchange;
}

export const CANCELED_REF = {
  workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558',
  instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5',
};

export const OTHER_REF = {
  workflowId: '0233a3b7-b7ba-425e-a8cc-375ca2020b5b',
  instanceId: 'e0c64dc8-f946-4ae8-8d79-54569031ce67',
};

export function instancePath(ref: { workflowId: string; instanceId: string }): string {
  return `/api/v2/workflows/${ref.workflowId}/instances/${ref.instanceId}`;
}

/** The list of a workflow's instances, as any list (history or recent runs) asks it, without the query. */
export function listPath(workflowId: string): string {
  return `/api/v2/workflows/${workflowId}/instances`;
}

/** The list asked for a workflow's history beside each run lookup. */
export function historyPath(workflowId: string): string {
  return `${listPath(workflowId)}?page%5Bsize%5D=${HISTORY_RUNS}&page%5Bnumber%5D=0`;
}

/** Requests' paths without the history lists asked beside each run lookup: what the lookups themselves asked. */
export function lookupPaths(requests: Array<{ path: string }>): string[] {
  return requests.map((request) => request.path).filter((path) => !path.includes(`page%5Bsize%5D=${HISTORY_RUNS}&`));
}
