import type { NetworkCause } from '../../src/core/networkFailure';
import { unreachableText } from '../../src/render/networkFailure';

const slack = { service: 'Slack', host: 'slack.com', settings: 'SLACK_API_URL' };

test.each<[NetworkCause, string, string]>([
  ['refused', 'ECONNREFUSED', 'the connection was refused (ECONNREFUSED). Next: check SLACK_API_URL, or the proxy'],
  ['dns', 'ENOTFOUND', 'the host name does not resolve (ENOTFOUND). Next: check SLACK_API_URL for a typo; if this'],
  ['timeout', 'UND_ERR_CONNECT_TIMEOUT', 'no answer in time (UND_ERR_CONNECT_TIMEOUT). Next: a firewall may drop'],
  ['tls', 'CERT_HAS_EXPIRED', 'its TLS certificate was not accepted (CERT_HAS_EXPIRED). Next: check SLACK_API_URL; a'],
  ['proxy_refused', 'HTTP 403', 'the proxy refused to connect to it (HTTP 403). Next: allow this host at the proxy'],
  ['cut', 'ECONNRESET', 'the connection was cut before an answer (ECONNRESET). Next: check SLACK_API_URL and'],
  ['no_route', 'EHOSTUNREACH', 'there is no network route to it (EHOSTUNREACH). Next: if this network reaches'],
  ['bad_port', 'bad port', "the port is one that fetch refuses to use (bad port). Next: check SLACK_API_URL's port"],
])('%s: the host, what happened with its code, and the next step', (cause, code, expected) => {
  const text = unreachableText(slack, { cause, code });
  expect(text.startsWith(`Slack (slack.com) cannot be reached: ${expected}`)).toBe(true);
});

test('an unknown cause: the message it came with, and where to look', () => {
  expect(unreachableText(slack, undefined, 'fetch failed')).toBe(
    'Slack (slack.com) cannot be reached (fetch failed). Next: check SLACK_API_URL, and HTTPS_PROXY behind a proxy',
  );
});
