/** Datadog list-instances bodies of any length, for scripting the sample Datadog. */

export interface ListOptions {
  userName?: string;
  displayName?: string;
}

const KINDS = [
  ['STEP_ERROR', 'Failed'],
  ['SUCCEEDED', 'Succeeded'],
  ['IN_PROGRESS', 'Running'],
  ['CANCELED', 'Canceled'],
] as const;

export function instanceId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** `count` runs, newest first, one minute apart, cycling through the run states. */
export function listBody(count: number, { userName, displayName }: ListOptions = {}): unknown {
  const newest = Date.parse('2026-11-28T03:00:00Z');
  const data = Array.from({ length: count }, (_unused, index) => {
    const [detailsKind, name] = KINDS[index % KINDS.length]!;
    const start = new Date(newest - index * 60_000);
    return {
      id: instanceId(index),
      type: 'instances',
      attributes: {
        instanceStatus: { detailsKind, displayName: displayName ?? name },
        startTimestamp: start.toISOString(),
        ...(detailsKind === 'IN_PROGRESS' ? {} : { endTimestamp: new Date(start.getTime() + 42_000).toISOString() }),
        source: { manual: { actingUser: { userName: userName ?? `Person ${index}` } } },
      },
    };
  });
  return { data, meta: { page: { totalCount: count + 100 }, failedCount: 30, succeededCount: 60, canceledCount: 10 } };
}
