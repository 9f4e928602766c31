import fc from 'fast-check';
import {
  parseErrorBody,
  parseInstanceBody,
  parseListBody,
  parseValidateBody,
  parseWorkflowBody,
  READ_LIMITS,
} from '../../src/datadog/schemas';
import { CANCELED_REF, OTHER_REF, recorded } from '../support/fixtures';

const REF = CANCELED_REF;

function instance(attributes: unknown, id: unknown, extra: Record<string, unknown> = {}) {
  return { data: { id, type: 'instances', attributes }, ...extra };
}

function run(attributes: unknown, extra: Record<string, unknown> = {}) {
  const result = parseInstanceBody(instance(attributes, REF.instanceId, extra), REF);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** An array that counts which of its items are read: what is never read cannot cost time or memory. */
function countingArray(length: number, item: () => unknown): { array: unknown[]; read: Set<number> } {
  const read = new Set<number>();
  const target = Array.from({ length }, item);
  const array = new Proxy(target, {
    get(inner, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
      return Reflect.get(inner, key, receiver);
    },
  });
  return { array, read };
}

/** Nesting `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

describe('the ID in the body', () => {
  test.each([
    ['missing', undefined, 'the run body does not say which run it is'],
    ['not a string', 42, 'the run body does not say which run it is'],
    ['another run', OTHER_REF.instanceId, 'Datadog answered about another run than the one asked for'],
    [
      '5,000 characters with a |',
      `${REF.instanceId}|${'x'.repeat(5000)}`,
      'Datadog answered about another run than the one asked for',
    ],
  ])('%s: the run body is refused', (_name, id, reason) => {
    expect(parseInstanceBody(instance({}, id), REF)).toEqual({ ok: false, reason });
  });

  test('the same ID in another case is the run asked for, under the IDs asked for', () => {
    const result = parseInstanceBody(instance({}, REF.instanceId.toUpperCase()), REF);
    expect(result).toMatchObject({ ok: true, value: { instanceId: REF.instanceId, workflowId: REF.workflowId } });
    const askedUpper = { ...REF, instanceId: REF.instanceId.toUpperCase() };
    expect(parseInstanceBody(instance({}, REF.instanceId), askedUpper)).toMatchObject({
      ok: true,
      value: { instanceId: askedUpper.instanceId },
    });
  });

  test('a workflow body must name the workflow asked for', () => {
    const body = (id: unknown) => ({
      data: { id, type: 'workflows', attributes: { name: 'Deploy', published: false } },
    });
    expect(parseWorkflowBody(body(REF.workflowId.toUpperCase()), REF.workflowId)).toEqual({
      ok: true,
      value: { workflowId: REF.workflowId, name: 'Deploy', published: false },
    });
    expect(parseWorkflowBody(body(OTHER_REF.workflowId), REF.workflowId)).toEqual({
      ok: false,
      reason: 'Datadog answered about another workflow than the one asked for',
    });
    expect(parseWorkflowBody(body(undefined), REF.workflowId)).toEqual({
      ok: false,
      reason: 'the workflow body does not say which workflow it is',
    });
    expect(parseWorkflowBody({ data: [] }, REF.workflowId)).toEqual({
      ok: false,
      reason: 'the workflow body has no data object',
    });
  });

  test('a workflow with a blank name, odd published flag or no attributes reads as unnamed', () => {
    const body = (attributes: unknown) => ({ data: { id: REF.workflowId, attributes } });
    const unnamed = { ok: true, value: { workflowId: REF.workflowId, name: undefined, published: undefined } };
    expect(parseWorkflowBody(body({ name: '  ', published: 'yes' }), REF.workflowId)).toEqual(unnamed);
    expect(parseWorkflowBody(body('junk'), REF.workflowId)).toEqual(unnamed);
  });

  test('listed runs whose ID is not a UUID are left out; the rest carry the workflow asked for', () => {
    const item = (id: unknown) => ({
      id,
      type: 'instances',
      attributes: { instanceStatus: { detailsKind: 'SUCCEEDED' } },
    });
    const body = {
      data: [item('a|b'), item(OTHER_REF.instanceId), item('x'.repeat(5000)), item(7), 'junk', item(REF.instanceId)],
    };
    const result = parseListBody(body, REF.workflowId);
    expect(result).toMatchObject({
      ok: true,
      value: {
        workflowId: REF.workflowId,
        runs: [
          { instanceId: OTHER_REF.instanceId, workflowId: REF.workflowId, statusKind: 'SUCCEEDED' },
          { instanceId: REF.instanceId },
        ],
      },
    });
    expect(result.ok && result.value.runs).toHaveLength(2);
  });
});

describe('huge arrays are cut before anything in them is looked at', () => {
  test('steps: only the first READ_LIMITS.steps are read, the rest only counted', () => {
    const { array, read } = countingArray(100_000, () => ({ stepName: 'Step', stepState: 'SUCCEEDED' }));
    const value = run({ stepStateAssociations: array });
    expect(value.steps).toHaveLength(READ_LIMITS.steps);
    expect(value.stepsNotRead).toBe(100_000 - READ_LIMITS.steps);
    expect(Math.max(...read)).toBe(READ_LIMITS.steps - 1);
    expect(read.size).toBe(READ_LIMITS.steps);
  });

  test('exactly READ_LIMITS.steps steps are all read, with none left over', () => {
    const value = run({
      stepStateAssociations: Array.from({ length: READ_LIMITS.steps }, () => ({ stepState: 'ERROR' })),
    });
    expect(value.steps).toHaveLength(READ_LIMITS.steps);
    expect(value).not.toHaveProperty('stepsNotRead');
  });

  test('listed runs: only the first READ_LIMITS.listedRuns are read', () => {
    const { array, read } = countingArray(50_000, () => ({ id: OTHER_REF.instanceId, attributes: {} }));
    const result = parseListBody({ data: array }, REF.workflowId);
    expect(result.ok && result.value.runs).toHaveLength(READ_LIMITS.listedRuns);
    expect(Math.max(...read)).toBe(READ_LIMITS.listedRuns - 1);
  });

  test('included resources: only the first READ_LIMITS.included are searched for the workflow name', () => {
    const { array, read } = countingArray(10_000, () => ({ type: 'spec_versions', attributes: {} }));
    expect(run({}, { included: array }).workflowName).toBeUndefined();
    expect(Math.max(...read)).toBe(READ_LIMITS.included - 1);
    const named = [
      ...Array.from({ length: READ_LIMITS.included - 1 }, () => ({ type: 'spec_versions' })),
      { type: 'workflows', attributes: { name: 'Last read' } },
    ];
    expect(
      run({}, { included: [...named, { type: 'workflows', attributes: { name: 'Never read' } }] }).workflowName,
    ).toBe('Last read');
  });

  test('error entries: only the first READ_LIMITS.errors are read', () => {
    const { array, read } = countingArray(10_000, () => ({ code: 'C', detail: 'd' }));
    expect(parseErrorBody({ errors: array }).codes).toHaveLength(READ_LIMITS.errors);
    expect(Math.max(...read)).toBe(READ_LIMITS.errors - 1);
  });

  test('a wide attributes object is never enumerated', () => {
    let enumerated = 0;
    const attributes = new Proxy(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])), {
      ownKeys(target) {
        enumerated++;
        return Reflect.ownKeys(target);
      },
    });
    expect(run(attributes).statusKind).toBe('IN_PROGRESS');
    expect(enumerated).toBe(0);
  });
});

describe('error text', () => {
  test('an error nested 100,000 deep is summarised, not walked', () => {
    const value = run({ errorDetail: nested(100_000) });
    expect(value.error).toContain('[Object]');
    expect(value.error!.length).toBeLessThan(1000);
  });

  test('nesting from JSON.parse, in a step, is bounded too', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    const value = run({ stepStateAssociations: [{ stepName: 'Deep', stepState: 'ERROR', errorDetail: deep }] });
    expect(value.steps[0]?.error).toContain('[Array]');
  });

  test('a wide error object says how much was left out, and the text is capped at 100,000 characters', () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`field${i}`, 'v'.repeat(100)]));
    const value = run({ errorDetail: wide });
    expect(value.error).toContain('"...": "4800 items not stringified"');
    expect(run({ errorDetail: 'e'.repeat(150_000) }).error).toHaveLength(100_000);
  });

  test('keys keep the order Datadog sent them in', () => {
    expect(run({ errorDetail: { zeta: 1, alpha: 2 } }).error).toBe('{\n  "zeta": 1,\n  "alpha": 2\n}');
  });

  test.each([
    ['an empty string', ''],
    ['null', null],
    ['an empty object', {}],
    ['an empty array', []],
  ])('%s is no error, and the next field is looked at', (_name, empty) => {
    expect(run({ errorDetail: empty })).not.toHaveProperty('error');
    expect(run({ errorDetail: empty, errorMessage: 'the real one' }).error).toBe('the real one');
  });

  test('a non-empty array, a number and a boolean are errors too', () => {
    expect(run({ errors: ['a'] }).error).toBe('[\n  "a"\n]');
    expect(run({ failureReason: 0 }).error).toBe('0');
    expect(run({ error: false }).error).toBe('false');
  });

  test('each documented place of the error is read, the run before its status', () => {
    for (const field of ['errorDetail', 'errorDetails', 'error', 'errors', 'errorMessage', 'failureReason']) {
      expect(run({ [field]: `in ${field}` }).error).toBe(`in ${field}`);
    }
    expect(run({ instanceStatus: { errorMessage: 'from status' } }).error).toBe('from status');
    expect(run({ errorDetail: 'from run', instanceStatus: { errorMessage: 'from status' } }).error).toBe('from run');
  });
});

describe('who started the run', () => {
  test.each([
    [
      'an acting user and a source',
      { source: { manual: { actingUser: { userName: 'Ana', userEmail: 'ana@example.com' } } } },
      'Ana (manual)',
    ],
    [
      'the email when there is no name',
      { source: { api: { actingUser: { userEmail: 'ana@example.com' } } } },
      'ana@example.com (api)',
    ],
    ['a source without a user', { source: { schedule: {} } }, 'schedule trigger'],
    ['a source whose value is not an object', { source: { monitor: 'x' } }, 'monitor trigger'],
    [
      'the templating initiator',
      { sourceForTemplating: { type: 'app', initiator: { name: 'Bo', email: 'bo@example.com' } } },
      'Bo (app)',
    ],
    [
      'the initiator email alone',
      { sourceForTemplating: { initiator: { email: 'bo@example.com' } } },
      'bo@example.com',
    ],
    ['a templating type alone', { sourceForTemplating: { type: 'api' } }, 'api trigger'],
    ['a source that is an array', { source: ['manual'] }, undefined],
    ['nothing', {}, undefined],
  ])('%s', (_name, attributes, startedBy) => {
    expect(run(attributes).startedBy).toBe(startedBy);
  });
});

describe('fields of another type read as missing', () => {
  test('status, times and steps', () => {
    const value = run({
      instanceStatus: { detailsKind: 5, displayName: ['x'] },
      startTimestamp: 'not a date',
      endTimestamp: 12,
      stepStateAssociations: [
        null,
        'step',
        { stepName: 3 },
        { stepName: 'Named', stepState: 'OK', errorMessage: 'boom' },
      ],
    });
    expect(value).toMatchObject({
      statusKind: 'IN_PROGRESS',
      statusName: 'Running',
      startedAt: undefined,
      endedAt: undefined,
    });
    expect(value.steps).toEqual([
      { name: '(unnamed step)', state: 'UNKNOWN' },
      { name: 'Named', state: 'OK', error: 'boom' },
    ]);
  });

  test('a status name falls back to its kind; times are read', () => {
    const value = run({
      instanceStatus: { detailsKind: 'CANCELED' },
      startTimestamp: '2026-11-28T02:58:11Z',
      endTimestamp: '2026-11-28T02:59:47Z',
    });
    expect(value).toMatchObject({
      statusKind: 'CANCELED',
      statusName: 'CANCELED',
      startedAt: new Date('2026-11-28T02:58:11Z'),
      endedAt: new Date('2026-11-28T02:59:47Z'),
    });
  });

  test('attributes that are not an object read as empty', () => {
    expect(run('junk')).toMatchObject({ statusKind: 'IN_PROGRESS', steps: [] });
    expect(run([1, 2])).toMatchObject({ statusKind: 'IN_PROGRESS', steps: [] });
  });

  test('a body without a data object, and the list without a data array, are refused', () => {
    expect(parseInstanceBody({ data: 'x' }, REF)).toEqual({ ok: false, reason: 'the run body has no data object' });
    expect(parseListBody({ data: {} }, REF.workflowId)).toEqual({
      ok: false,
      reason: 'the run list has no data array',
    });
  });

  test('list counts that are not numbers read as missing', () => {
    const result = parseListBody(
      { data: [], meta: { page: { totalCount: '3' }, failedCount: 1, succeededCount: null, canceledCount: 2 } },
      REF.workflowId,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        workflowId: REF.workflowId,
        runs: [],
        totalCount: undefined,
        failedCount: 1,
        succeededCount: undefined,
        canceledCount: 2,
      },
    });
  });

  test('the recorded list keeps its counts', () => {
    expect(parseListBody(recorded('list-instances-200').body, REF.workflowId)).toMatchObject({
      ok: true,
      value: { totalCount: 2, canceledCount: 1 },
    });
  });

  test('the key check needs a boolean', () => {
    expect(parseValidateBody({ valid: false })).toEqual({ ok: true, value: { valid: false } });
    expect(parseValidateBody({ valid: 'true' })).toEqual({
      ok: false,
      reason: 'the key check answer has no "valid" field',
    });
  });

  test("an error body's codes and details", () => {
    expect(
      parseErrorBody({ errors: ['Forbidden', { code: 'C', detail: 'D', title: 'T' }, { title: 'T2' }, 9] }),
    ).toEqual({ codes: ['C'], details: ['Forbidden', 'D', 'T2'] });
    expect(parseErrorBody('<html>')).toEqual({ codes: [], details: [] });
  });
});

describe('properties: any JSON value Datadog could send', () => {
  // fc.jsonValue takes no size, so long arrays and wide objects come from size: 'max' around it.
  const shallow = fc.jsonValue({ maxDepth: 1 });
  const anyJson = fc.oneof(
    fc.jsonValue({ maxDepth: 8 }),
    fc.array(shallow, { size: 'max', maxLength: 1500 }),
    fc.dictionary(fc.string(), shallow, { size: 'max', maxKeys: 1500, noNullPrototype: true }),
  );

  test('as a whole body, every parser answers ok or with a reason, and never throws', () => {
    fc.assert(
      fc.property(anyJson, (body) => {
        for (const result of [
          parseInstanceBody(body, REF),
          parseListBody(body, REF.workflowId),
          parseWorkflowBody(body, REF.workflowId),
          parseValidateBody(body),
        ]) {
          if (!result.ok) expect(result.reason).toEqual(expect.any(String));
        }
        expect(parseErrorBody(body)).toEqual({ codes: expect.any(Array), details: expect.any(Array) });
      }),
      { numRuns: 25 },
    );
  });

  test('as the attributes of the run asked for, it always parses, under the asked IDs, with bounded steps', () => {
    const step = fc.oneof(
      shallow,
      fc.record(
        { stepName: fc.string(), stepState: fc.string(), errorDetail: fc.jsonValue({ maxDepth: 4 }) },
        { requiredKeys: [] },
      ),
    );
    const attributes = fc.record(
      {
        stepStateAssociations: fc.array(step, { size: 'max', maxLength: READ_LIMITS.steps + 100 }),
        errorDetail: anyJson,
        source: anyJson,
        instanceStatus: anyJson,
        sourceForTemplating: anyJson,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(attributes, anyJson), (attrs) => {
        const result = parseInstanceBody(instance(attrs, REF.instanceId), REF);
        if (!result.ok) throw new Error(result.reason);
        expect(result.value).toMatchObject({ workflowId: REF.workflowId, instanceId: REF.instanceId });
        const sent = (attrs as { stepStateAssociations?: unknown } | null)?.stepStateAssociations;
        const count = Array.isArray(sent) ? sent.length : 0;
        expect(result.value.steps.length).toBeLessThanOrEqual(Math.min(count, READ_LIMITS.steps));
        expect(result.value.stepsNotRead ?? 0).toBe(Math.max(0, count - READ_LIMITS.steps));
        for (const text of [result.value.error, ...result.value.steps.map((s) => s.error)])
          expect((text ?? '').length).toBeLessThanOrEqual(100_000);
      }),
      { numRuns: 15 },
    );
  });

  test('steps arrays of any length past the limit are cut to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: READ_LIMITS.steps, max: 20_000 }), (length) => {
        const value = run({ stepStateAssociations: Array.from({ length }, () => ({ stepState: 'RUNNING' })) });
        expect(value.steps).toHaveLength(READ_LIMITS.steps);
        expect(value.stepsNotRead ?? 0).toBe(length - READ_LIMITS.steps);
      }),
      { numRuns: 20 },
    );
  });
});

describe("the included spec_versions entry: the workflow's steps and where its triggers start", () => {
  const specVersion = (spec: unknown) => ({ included: [{ type: 'spec_versions', attributes: { spec } }] });

  test('the recorded body: its step, action, parameter and trigger', () => {
    const { body } = recorded('get-instance-200-canceled');
    const result = parseInstanceBody(body, REF);
    expect(result.ok && result.value.spec).toEqual({
      startStepNames: ['Sleep'],
      steps: [
        {
          name: 'Sleep',
          actionId: 'com.datadoghq.core.sleep',
          parameters: [{ name: 'durationSeconds', value: 300 }],
          next: [],
        },
      ],
    });
  });

  test('edges, parameters of any JSON type, and every trigger’s start steps', () => {
    const parameters = [
      { name: 'text', value: 'x' },
      { name: 'list', value: [1, 'two', null] },
      { name: 'object', value: { nested: { deep: true } } },
    ];
    const value = run(
      {},
      specVersion({
        steps: [
          {
            name: 'A',
            parameters: [...parameters, { name: 'missing' }],
            outboundEdges: [{ nextStepName: 'B', branchName: 'main' }, { nextStepName: 'C' }],
          },
        ],
        triggers: [{ startStepNames: ['A'] }, { apiTrigger: {} }, { startStepNames: ['B', 7] }],
      }),
    );
    expect(value.spec).toEqual({
      startStepNames: ['A', 'B'],
      steps: [
        {
          name: 'A',
          parameters: [...parameters, { name: 'missing', value: null }],
          next: ['B', 'C'],
        },
      ],
    });
  });

  test('steps, parameters and edges of another shape are left out; a spec naming no step is no spec', () => {
    const value = run(
      {},
      specVersion({
        steps: [
          null,
          'A',
          { actionId: 'no.name' },
          { name: 'B', parameters: 'x', outboundEdges: [{ nextStepName: 3 }] },
        ],
        triggers: 'junk',
      }),
    );
    expect(value.spec).toEqual({ startStepNames: [], steps: [{ name: 'B', parameters: [], next: [] }] });
    for (const spec of [undefined, 'junk', { steps: [] }, { steps: [{ name: '' }] }])
      expect(run({}, specVersion(spec))).not.toHaveProperty('spec');
  });

  test(`at most ${READ_LIMITS.specSteps} steps are read, and each parameter's value is bounded`, () => {
    const { array, read } = countingArray(50_000, () => ({ name: 'S' }));
    expect(run({}, specVersion({ steps: array })).spec?.steps).toHaveLength(READ_LIMITS.specSteps);
    expect(Math.max(...read)).toBe(READ_LIMITS.specSteps - 1);
    const huge = {
      name: 'S',
      parameters: Array.from({ length: 1000 }, () => ({
        name: 'p',
        value: { text: 'v'.repeat(100_000), wide: Array.from({ length: 10_000 }, () => 1), deep: nested(10_000) },
      })),
      outboundEdges: Array.from({ length: 1000 }, () => ({ nextStepName: 'S' })),
    };
    const [step] = run({}, specVersion({ steps: [huge] })).spec?.steps ?? [];
    expect(step?.parameters).toHaveLength(READ_LIMITS.parameters);
    expect(step?.next).toHaveLength(READ_LIMITS.edges);
    expect(JSON.stringify(step?.parameters[0]?.value).length).toBeLessThan(3000);
  });
});
