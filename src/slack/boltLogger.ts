import { type Logger, LogLevel } from '@slack/bolt';
import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';

/** Bolt's debug lines can quote whole Slack payloads: kept short. */
const MAX_BOLT_MESSAGE = 300;

/** Bolt and its WebClient write bodies as JSON inside their debug text (views, messages, Datadog's words): cut there. */
function withoutBody(text: string): string {
  const body = text.search(/[{[]/);
  return body < 0 ? text : `${text.slice(0, body)}[body not logged]`;
}

/** Bolt's own messages go through our log, as text only: request bodies and error objects are not dumped. */
function describe(parts: unknown[]): string {
  const text = parts
    .map((part) => (part instanceof Error || typeof part === 'string' ? withoutBody(errorMessage(part)) : '[object]'))
    .join(' ');
  return text.length > MAX_BOLT_MESSAGE ? `${text.slice(0, MAX_BOLT_MESSAGE)}…` : text;
}

/**
 * The SDK's own lines about a call that failed, which the bot reports itself with the host, the cause and what to
 * do (tokenCheck, socketConnection, the notifier, the listeners): kept at debug, so each try is not told thrice.
 */
const REPORTED_BY_THE_BOT = [
  /^http request failed/,
  /^Failed to retrieve a new WSS URL/,
  /^apps\.connections\.open did not return a URL/,
  /^WebSocket error occurred/,
];

/** `debug` off (LOG_LEVEL above debug): Bolt's many debug calls per request return at once, their text never built. */
export function boltLogger(log: Log, debug: boolean): Logger {
  let level = LogLevel.INFO;
  const unlessReported = (write: Log['warn']) => (text: string) =>
    REPORTED_BY_THE_BOT.some((line) => line.test(text)) ? log.debug(`bolt: ${text}`) : write(`bolt: ${text}`);
  const warn = unlessReported(log.warn);
  const error = unlessReported(log.error);
  return {
    debug: debug ? (...parts) => log.debug(`bolt: ${describe(parts)}`) : () => undefined,
    info: (...parts) => log.info(`bolt: ${describe(parts)}`),
    warn: (...parts) => warn(describe(parts)),
    error: (...parts) => error(describe(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
