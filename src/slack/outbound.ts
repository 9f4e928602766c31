import type { webApi } from '@slack/bolt';
import { type Dispatcher, EnvHttpProxyAgent, fetch, type RequestInit } from 'undici';
import { type ProxySettings, proxyAgentOptions } from '../core/proxy';

/**
 * The one road out to Slack for the Web API and the Socket Mode WebSocket: an undici dispatcher that goes through
 * HTTPS_PROXY / HTTP_PROXY unless NO_PROXY names the host.
 */
export function slackDispatcher(proxy?: ProxySettings): EnvHttpProxyAgent {
  return new EnvHttpProxyAgent(proxyAgentOptions(proxy));
}

/** The Web API client's fetch, on that dispatcher (undici's own fetch: the global one may be another undici's). */
export function fetchThrough(dispatcher: Dispatcher): webApi.FetchFunction {
  return (url, init) => fetch(url, { ...init, dispatcher } as RequestInit);
}
