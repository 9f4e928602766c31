import { EnvHttpProxyAgent, request } from 'undici';
import { errorCode } from '../core/errorMessage';
import { type ProxySettings, proxyAgentOptions } from '../core/proxy';

/** Posts replies to Slack's response_url through the bot's own keep-alive pool (cheaper than global fetch). */

export interface ResponseUrlPosterOptions {
  /** Also accept http:// on loopback (127.0.0.1, localhost, [::1]): tests and benchmarks capture replies there. */
  allowLoopbackHttp: boolean;
  /** Time allowed for each try: to connect, for the answer's headers, and between body chunks. */
  timeoutMs?: number;
  /** The proxy replies go through; none when absent. */
  proxy?: ProxySettings;
}

/** Why a reply did not land; never carries the URL, which is a credential for that conversation. */
export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ResponseUrlError';
  }
}

const DEFAULT_TIMEOUT_MS = 5000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Failures before Slack could have answered, often a kept-alive socket Slack had closed: worth one more try. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export class ResponseUrlPoster {
  private readonly dispatcher: EnvHttpProxyAgent;

  constructor(private readonly options: ResponseUrlPosterOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.dispatcher = new EnvHttpProxyAgent({
      ...proxyAgentOptions(options.proxy),
      connections: 64,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /** Posts one reply; throws ResponseUrlError when it did not land. Redirects are never followed. */
  async post(responseUrl: string, message: object): Promise<void> {
    const url = this.checked(responseUrl);
    const body = JSON.stringify(message);
    try {
      await this.tryOnce(url, body);
    } catch (err) {
      if (!NETWORK_ERROR_CODES.has(errorCode(err) ?? '')) throw this.described(err);
      await this.tryOnce(url, body).catch((again: unknown) => {
        throw this.described(again);
      });
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async tryOnce(url: URL, body: string): Promise<void> {
    const response = await request(url, {
      dispatcher: this.dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.body.dump();
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw new ResponseUrlError(`Slack answered HTTP ${response.statusCode} at response_url`, response.statusCode);
  }

  private checked(responseUrl: string): URL {
    let url: URL;
    try {
      url = new URL(responseUrl);
    } catch {
      throw new ResponseUrlError('response_url is not a URL');
    }
    const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol === 'https:' || (loopbackHttp && this.options.allowLoopbackHttp)) return url;
    throw new ResponseUrlError('response_url is not https');
  }

  private described(err: unknown): ResponseUrlError {
    if (err instanceof ResponseUrlError) return err;
    const code = errorCode(err) ?? 'unknown';
    return new ResponseUrlError(`could not post to response_url (${code})`);
  }
}
