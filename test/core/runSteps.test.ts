import type { SpecStep, WorkflowSpec } from '../../src/core/run';
import { stepDefinition, stepsInRunOrder } from '../../src/core/runSteps';

/** Run steps named as given, in Datadog's order, all succeeded. */
function ranSteps(...names: string[]) {
  return names.map((name) => ({ name, state: 'SUCCEEDED' }));
}

/** A spec from `name -> next names`, starting where told. */
function spec(startStepNames: string[], edges: Record<string, string[]>): WorkflowSpec {
  return {
    startStepNames,
    steps: Object.entries(edges).map(([name, next]): SpecStep => ({ name, parameters: [], next })),
  };
}

function orderOf(steps: ReturnType<typeof ranSteps>, workflow?: WorkflowSpec): string[] | undefined {
  return stepsInRunOrder({ steps, spec: workflow })?.map((step) => step.name);
}

describe('stepsInRunOrder', () => {
  test('walks breadth-first from the start along outbound edges, whatever order Datadog lists the steps in', () => {
    const graph = spec(['Start'], {
      Check: ['Fix', 'Notify'],
      Start: ['Check'],
      Fix: ['Verify'],
      Notify: [],
      Verify: [],
    });
    expect(orderOf(ranSteps('Verify', 'Notify', 'Fix', 'Check', 'Start'), graph)).toEqual([
      'Start',
      'Check',
      'Fix',
      'Notify',
      'Verify',
    ]);
  });

  test('follows every branch of every trigger, each step once', () => {
    const graph = spec(['A', 'B'], { A: ['Join'], B: ['Join'], Join: [] });
    expect(orderOf(ranSteps('Join', 'B', 'A'), graph)).toEqual(['A', 'B', 'Join']);
  });

  test('a cycle ends: each step is visited once', () => {
    const graph = spec(['A'], { A: ['B'], B: ['C'], C: ['A', 'B'] });
    expect(orderOf(ranSteps('C', 'B', 'A'), graph)).toEqual(['A', 'B', 'C']);
  });

  test('steps the graph does not reach keep Datadog’s order after the reached ones', () => {
    const graph = spec(['A'], { A: ['B'], B: [], Orphan: [] });
    expect(orderOf(ranSteps('Orphan', 'B', 'Unknown', 'A'), graph)).toEqual(['A', 'B', 'Orphan', 'Unknown']);
  });

  test('a step the run lists twice is kept twice, at its place in the graph', () => {
    const graph = spec(['A'], { A: ['B'], B: [] });
    expect(orderOf(ranSteps('B', 'A', 'B'), graph)).toEqual(['A', 'B', 'B']);
  });

  test('edges to steps the spec does not define, or that the run did not list, are passed over', () => {
    const graph = spec(['A'], { A: ['Ghost', 'B'], B: [] });
    expect(orderOf(ranSteps('B', 'A'), graph)).toEqual(['A', 'B']);
  });

  test('with no spec, no start, or a spec that names none of the run’s steps, the order is unknown', () => {
    const steps = ranSteps('B', 'A');
    expect(orderOf(steps)).toBeUndefined();
    expect(orderOf(steps, spec([], { A: ['B'], B: [] }))).toBeUndefined();
    expect(orderOf(steps, spec(['X'], { X: ['Y'], Y: [] }))).toBeUndefined();
  });

  test('2,000 steps in one long cycle are ordered in full', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `s${i}`);
    const edges = Object.fromEntries(names.map((name, i) => [name, [names[(i + 1) % names.length]!]]));
    expect(orderOf(ranSteps(...[...names].reverse()), spec(['s0'], edges))).toEqual(names);
  });
});

test('stepDefinition finds a step by its exact name, the first of two alike', () => {
  const graph: WorkflowSpec = {
    startStepNames: [],
    steps: [
      { name: 'A', actionId: 'first', parameters: [], next: [] },
      { name: 'A', actionId: 'second', parameters: [], next: [] },
    ],
  };
  expect(stepDefinition(graph, 'A')?.actionId).toBe('first');
  expect(stepDefinition(graph, 'a')).toBeUndefined();
  expect(stepDefinition(undefined, 'A')).toBeUndefined();
});
