/** The proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as the config declares them; every outbound call honours them. */
export interface ProxySettings {
  httpsProxy?: string | undefined;
  httpProxy?: string | undefined;
  noProxy?: string | undefined;
}

/**
 * The options of undici's EnvHttpProxyAgent: '' where unset, as it would otherwise read process.env itself, behind
 * the config's back (and a test's bot would pick up the machine's proxy).
 */
export function proxyAgentOptions(proxy: ProxySettings = {}): Required<Record<keyof ProxySettings, string>> {
  return { httpsProxy: proxy.httpsProxy ?? '', httpProxy: proxy.httpProxy ?? '', noProxy: proxy.noProxy ?? '' };
}
