import type { DatadogConfig } from '../config/load';
import type { ActResult } from '../core/actGate';
import type { RunSource } from '../core/ports';
import type { RunRef, WorkflowInput } from '../core/run';
import { parseSubmittedInputs, type SubmittedInput } from '../core/runInputs';
import { runUrl } from '../core/sites';
import { actFailureWords, actRefusalWords, renderActWords } from '../render/actReplies';
import { renderFailure } from '../render/failureReply';
import type { Reply } from '../render/reply';
import { renderRunStarted } from '../render/runAgainReply';
import type { SecretMask } from '../render/secretMask';
import { mrkdwnToTerminal, renderTerminal } from '../render/terminal';
import { type CliActs, type Wired, wireCliActs } from '../wiring';
import type { CliRequest } from './args';
import { type CliIo, EXIT } from './io';

/** `dd-instance cancel` and `dd-instance run`: refused unless ACTIONS_ENABLED, asked on a terminal unless --yes. */

export type ActRequest = Extract<CliRequest, { kind: 'cancel' | 'run' }>;

function say(io: CliIo, mrkdwn: string): void {
  io.stderr.write(`dd-instance: ${mrkdwnToTerminal(mrkdwn, { color: io.stderr.color })}\n`);
}

/** Why the act cannot even be asked about; undefined when it can. */
export function actUsageProblem(request: ActRequest, config: DatadogConfig, io: CliIo): string | undefined {
  if (!config.actions.enabled)
    return `${request.kind} changes things in Datadog, so it needs ACTIONS_ENABLED=1 (off by default: read-only); nothing was changed. See docs/security.md`;
  if (!request.yes && !io.stdin?.terminal)
    return `stdin is not a terminal, so dd-instance cannot ask before it ${request.kind === 'cancel' ? 'cancels' : 'starts a run'}: add --yes to go ahead without asking. Nothing was changed`;
  return undefined;
}

function booleanInput(name: string, text: string): SubmittedInput | string {
  if (text === 'true' || text === 'false') return { name, type: 'BOOLEAN', checked: text === 'true' };
  return `--input ${name} takes true or false`;
}

/** Each `--input` typed as the workflow declares it; every mistake named, never a value (it could be a secret). */
function typedInputs(
  given: Array<{ name: string; text: string }>,
  declared: readonly WorkflowInput[],
): { payload: Record<string, unknown> } | { problems: string[] } {
  const problems: string[] = [];
  const submitted: SubmittedInput[] = [];
  for (const { name, text } of given) {
    const input = declared.find((candidate) => candidate.name === name);
    if (!input) {
      const names = declared.map((candidate) => candidate.name).join(', ');
      problems.push(`the workflow declares no input ${name}${names ? ` (it takes ${names})` : ' (it takes none)'}`);
    } else if (input.type === 'BOOLEAN') {
      const typed = booleanInput(name, text);
      if (typeof typed === 'string') problems.push(typed);
      else submitted.push(typed);
    } else submitted.push({ name, type: input.type, text });
  }
  const parsed = parseSubmittedInputs(submitted);
  if (!parsed.ok) for (const [name, error] of Object.entries(parsed.errors)) problems.push(`--input ${name}: ${error}`);
  return problems.length > 0 ? { problems } : { payload: parsed.ok ? parsed.payload : {} };
}

async function confirmed(io: CliIo, question: string): Promise<boolean> {
  const answer = await (io.stdin?.ask ?? (async () => ''))(
    `${mrkdwnToTerminal(question, { color: io.stderr.color })} [y/N] `,
  );
  return /^\s*y(es)?\s*$/i.test(answer);
}

function print(io: CliIo, reply: Reply, mask: SecretMask): void {
  io.stdout.write(`${renderTerminal(mask(reply), { color: io.stdout.color })}\n`);
}

/** The act's answer, and its exit code: 0 done, 1 refused or failed. */
function answer<T>(
  io: CliIo,
  mask: SecretMask,
  result: ActResult<T>,
  done: (value: T) => Reply,
  failed: (result: Exclude<ActResult<T>, { ok: true }>) => Reply,
): number {
  print(io, result.ok ? done(result.value) : failed(result), mask);
  return result.ok ? EXIT.found : EXIT.datadogError;
}

async function cancel(
  request: Extract<ActRequest, { kind: 'cancel' }>,
  cli: CliActs,
  site: DatadogConfig['datadog']['site'],
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  const { ref } = request;
  if (!request.yes && !(await confirmed(io, `Cancel run ${ref.instanceId} of workflow ${ref.workflowId}?`))) {
    say(io, 'nothing was cancelled');
    return EXIT.datadogError;
  }
  const result = await cli.acts.attempt({ act: 'cancel', requester: { via: 'cli' }, ...ref }, (actions) =>
    actions.cancelInstance(ref),
  );
  return answer(
    io,
    mask,
    result,
    () =>
      renderActWords({
        title: ':white_check_mark: Datadog took the cancel',
        detail: `Run ${ref.instanceId} of workflow ${ref.workflowId} is being cancelled: ${runUrl(site, ref.workflowId, ref.instanceId)}`,
      }),
    (refused) => failedWords('cancel', refused, { site, ref }),
  );
}

function failedWords(
  act: 'cancel' | 'run',
  result: Exclude<ActResult<unknown>, { ok: true }>,
  context: { site: DatadogConfig['datadog']['site']; ref?: RunRef; workflowId?: string },
): Reply {
  // The operator holds the settings: the one rule the CLI meets is named as theirs to change.
  if ('refused' in result && result.refused === 'workflow_not_actable')
    return renderActWords({
      title: ':no_entry: ACTIONS_WORKFLOW_IDS does not name this workflow',
      detail: 'Nothing was changed. Add the workflow to ACTIONS_WORKFLOW_IDS to act on it.',
    });
  if ('refused' in result) return renderActWords(actRefusalWords(result.refused));
  if ('failure' in result)
    return renderActWords(actFailureWords(act, result.failure, { ...context, forOperator: true }));
  return renderActWords({ title: 'Another attempt made this call', detail: 'Nothing more was sent.' });
}

async function run(
  request: Extract<ActRequest, { kind: 'run' }>,
  cli: CliActs,
  source: RunSource,
  site: DatadogConfig['datadog']['site'],
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  const { workflowId } = request;
  const workflow = await source.getWorkflow(workflowId);
  if (!workflow.ok) {
    print(io, renderFailure(workflow.failure, { site, workflowId, forOperator: true }), mask);
    return EXIT.datadogError;
  }
  const typed = typedInputs(request.inputs, workflow.value.inputs ?? []);
  if ('problems' in typed) {
    say(io, `${typed.problems.join('; ')}. Nothing was started`);
    return EXIT.badUsage;
  }
  const names = Object.keys(typed.payload);
  const name = workflow.value.name ?? `workflow ${workflowId}`;
  const withInputs = names.length > 0 ? ` with ${names.join(', ')}` : ' with the default inputs';
  if (!request.yes && !(await confirmed(io, `Start a run of ${name}${withInputs}?`))) {
    say(io, 'nothing was started');
    return EXIT.datadogError;
  }
  const result = await cli.acts.attempt(
    { act: 'run', requester: { via: 'cli' }, workflowId, inputNames: names },
    (actions) => actions.executeWorkflow(workflowId, typed.payload),
    { newInstanceId: (started) => started.instanceId },
  );
  return answer(
    io,
    mask,
    result,
    (started) => renderRunStarted(started, site),
    (failed) => failedWords('run', failed, { site, workflowId }),
  );
}

/** Cancels or starts a run as the request says, once the switch and the terminal allowed it (`actUsageProblem`). */
export async function act(
  request: ActRequest,
  datadog: Wired,
  config: DatadogConfig,
  io: CliIo,
  mask: SecretMask,
): Promise<number> {
  const cli = wireCliActs(config, datadog, (line) => io.stderr.write(line));
  const { site } = config.datadog;
  try {
    return request.kind === 'cancel'
      ? await cancel(request, cli, site, io, mask)
      : await run(request, cli, datadog.uncached, site, io, mask);
  } finally {
    await cli.close();
  }
}
