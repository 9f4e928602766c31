import type { DatadogFailure } from '../core/failures';
import type { DatadogSite } from '../core/sites';
import type { DatadogClient } from '../datadog/client';
import { explainFailure } from '../render/failureReply';

/** `dd-instance --check`: reachable, API key valid, application key valid with workflows_read, each said apart. */

export interface CheckResult {
  ok: boolean;
  /** mrkdwn lines, one per part checked. */
  lines: string[];
}

/** A workflow that cannot exist: Datadog answers 404 when the app key may read workflows, 403 when it may not. */
const NIL_WORKFLOW = '00000000-0000-0000-0000-000000000000';

type Checked = Pick<DatadogClient, 'validateApiKey' | 'getWorkflow'>;

const pass = (part: string, detail: string) => `:white_check_mark: *${part}*: ${detail}`;
const fail = (part: string, detail: string) => `:x: *${part}*: ${detail}`;
const skip = (part: string, why: string) => `:fast_forward: *${part}*: not checked, ${why}`;

function titleOf(failure: DatadogFailure, site: DatadogSite): string {
  return explainFailure(failure, { site }).title.replace(/^:[a-z_]+: /, '');
}

function apiKeyLines(result: Awaited<ReturnType<Checked['validateApiKey']>>, site: DatadogSite): string[] {
  if (result.ok) {
    return [
      pass('Reachable', 'Datadog answered'),
      result.value.valid ? pass('DD_API_KEY', 'valid') : fail('DD_API_KEY', 'Datadog says this API key is not valid'),
    ];
  }
  const { failure } = result;
  if (failure.kind === 'timeout' || failure.kind === 'unreachable') {
    return [
      fail(
        'Reachable',
        `${titleOf(failure, site)}${failure.kind === 'unreachable' && failure.code ? ` (${failure.code})` : ''}. Check the network, DD_SITE and DD_API_URL.`,
      ),
      skip('DD_API_KEY', 'Datadog must be reachable first'),
    ];
  }
  if (failure.kind === 'forbidden') {
    return [
      pass('Reachable', 'Datadog answered'),
      fail(
        'DD_API_KEY',
        `refused (HTTP ${failure.status}): a wrong key, or a key of an org on another site than DD_SITE *${site}*`,
      ),
    ];
  }
  return [pass('Reachable', 'Datadog answered'), fail('DD_API_KEY', `could not be checked: ${titleOf(failure, site)}`)];
}

function appKeyLine(
  result: Awaited<ReturnType<Checked['getWorkflow']>>,
  site: DatadogSite,
): { ok: boolean; line: string } {
  if (result.ok || result.failure.kind === 'not_found') {
    return {
      ok: true,
      line: pass(
        'DD_APP_KEY',
        "valid, with `workflows_read` (a workflow lookup got Datadog's 404 for a workflow that does not exist, not 403)",
      ),
    };
  }
  const { failure } = result;
  if (failure.kind === 'forbidden') {
    return {
      ok: false,
      line: fail(
        'DD_APP_KEY',
        `refused (HTTP ${failure.status}) on a workflow lookup: the application key is wrong, belongs to another org, or lacks the \`workflows_read\` permission. This is what makes the bot answer 403.`,
      ),
    };
  }
  return { ok: false, line: fail('DD_APP_KEY', `could not be checked: ${titleOf(failure, site)}`) };
}

/** Checks in order, stopping where a later part cannot be told apart from an earlier failure. */
export async function checkDatadog(datadog: Checked, site: DatadogSite): Promise<CheckResult> {
  const validated = await datadog.validateApiKey();
  const lines = apiKeyLines(validated, site);
  if (!validated.ok || !validated.value.valid) {
    return { ok: false, lines: [...lines, skip('DD_APP_KEY', 'it needs a valid API key first')] };
  }
  const appKey = appKeyLine(await datadog.getWorkflow(NIL_WORKFLOW), site);
  return { ok: appKey.ok, lines: [...lines, appKey.line] };
}
