import type { RunStep, SpecStep, WorkflowRun, WorkflowSpec } from './run';

/** The spec's definition of a step, by name; the first when Datadog names two alike. */
export function stepDefinition(spec: WorkflowSpec | undefined, name: string): SpecStep | undefined {
  return spec?.steps.find((step) => step.name === name);
}

/** The spec's step names breadth-first from the triggers' start steps along outbound edges; each once, so cycles end. */
function reachableNames(spec: WorkflowSpec): string[] {
  const byName = new Map<string, SpecStep>();
  for (const step of spec.steps) if (!byName.has(step.name)) byName.set(step.name, step);
  const seen = new Set<string>(spec.startStepNames);
  const queue = [...seen];
  for (let index = 0; index < queue.length; index++) {
    for (const next of byName.get(queue[index]!)?.next ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return queue;
}

/**
 * The run's steps in the order they ran: as the spec's graph reaches them, then those it does not reach in
 * Datadog's order. Undefined without a spec, or when the spec reaches none of them: the order is then unknown.
 */
export function stepsInRunOrder(run: Pick<WorkflowRun, 'steps' | 'spec'>): RunStep[] | undefined {
  if (!run.spec) return undefined;
  const byName = new Map<string, RunStep[]>();
  for (const step of run.steps) {
    const named = byName.get(step.name);
    if (named) named.push(step);
    else byName.set(step.name, [step]);
  }
  const ordered = reachableNames(run.spec).flatMap((name) => byName.get(name) ?? []);
  if (ordered.length === 0) return undefined;
  const placed = new Set(ordered);
  return [...ordered, ...run.steps.filter((step) => !placed.has(step))];
}
