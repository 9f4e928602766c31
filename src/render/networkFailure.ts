import type { DatadogFailure } from '../core/failures';
import type { NetworkCause, NetworkFailure } from '../core/networkFailure';

/** Why Slack or Datadog cannot be reached, in one plain line for /readyz, the log and the terminal: host, cause, next step. */

export interface Destination {
  /** Who was called: Slack, Slack's Socket Mode, Datadog. */
  service: string;
  host: string;
  /** The settings that say where it is, e.g. SLACK_API_URL, or DD_SITE and DD_API_URL. */
  settings: string;
}

const PROXY_HINT = 'if this network reaches the internet only through a proxy, set HTTPS_PROXY';

const EXPLAINED: Record<NetworkCause, (settings: string) => { what: string; next: string }> = {
  refused: (settings) => ({
    what: 'the connection was refused',
    next: `check ${settings}, or the proxy in HTTPS_PROXY`,
  }),
  dns: (settings) => ({ what: 'the host name does not resolve', next: `check ${settings} for a typo; ${PROXY_HINT}` }),
  timeout: () => ({ what: 'no answer in time', next: `a firewall may drop the traffic; ${PROXY_HINT}` }),
  tls: (settings) => ({
    what: 'its TLS certificate was not accepted',
    next: `check ${settings}; a proxy that inspects TLS needs its CA certificate in NODE_EXTRA_CA_CERTS`,
  }),
  proxy_refused: () => ({
    what: 'the proxy refused to connect to it',
    next: 'allow this host at the proxy in HTTPS_PROXY, or name it in NO_PROXY',
  }),
  cut: (settings) => ({ what: 'the connection was cut before an answer', next: `check ${settings} and HTTPS_PROXY` }),
  no_route: () => ({ what: 'there is no network route to it', next: PROXY_HINT }),
  bad_port: (settings) => ({
    what: 'the port is one that fetch refuses to use',
    next: `check ${settings}'s port: fetch blocks ports kept for other protocols (such as 25 or 6000)`,
  }),
};

/** What a cause means, and what the person holding `settings` does next. */
export function causeWords(failure: NetworkFailure, settings: string): { what: string; next: string } {
  return EXPLAINED[failure.cause](settings);
}

/** `Slack (slack.com) cannot be reached: the connection was refused (ECONNREFUSED). Next: check SLACK_API_URL…` */
export function unreachableText(where: Destination, failure: NetworkFailure | undefined, message?: string): string {
  const head = `${where.service} (${where.host}) cannot be reached`;
  if (!failure)
    return `${head}${message ? ` (${message})` : ''}. Next: check ${where.settings}, and HTTPS_PROXY behind a proxy`;
  const { what, next } = causeWords(failure, where.settings);
  return `${head}: ${what} (${failure.code}). Next: ${next}`;
}

export const DATADOG_SETTINGS = 'DD_SITE and DD_API_URL';

/** Datadog's network failure (no answer in time, or none at all) as one plain line: /readyz, the log, `--check`. */
export function datadogUnreachableText(
  failure: Extract<DatadogFailure, { kind: 'timeout' | 'unreachable' }>,
  host: string,
): string {
  const where = { service: 'Datadog', host, settings: DATADOG_SETTINGS };
  if (failure.kind === 'timeout')
    return unreachableText(where, { cause: 'timeout', code: `${Math.max(1, Math.round(failure.afterMs / 1000))} s` });
  if (failure.cause && failure.code) return unreachableText(where, { cause: failure.cause, code: failure.code });
  return unreachableText(where, undefined, failure.cutOff ? 'the answer was cut off' : failure.code);
}
