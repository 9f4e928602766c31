/** Datadog sites: the API host to call and the UI host that run links point to. */
export const SITES = {
  'datadoghq.com': { apiHost: 'api.datadoghq.com', uiHost: 'app.datadoghq.com' },
  'us3.datadoghq.com': { apiHost: 'api.us3.datadoghq.com', uiHost: 'us3.datadoghq.com' },
  'us5.datadoghq.com': { apiHost: 'api.us5.datadoghq.com', uiHost: 'us5.datadoghq.com' },
  'datadoghq.eu': { apiHost: 'api.datadoghq.eu', uiHost: 'app.datadoghq.eu' },
  'ap1.datadoghq.com': { apiHost: 'api.ap1.datadoghq.com', uiHost: 'ap1.datadoghq.com' },
  'ap2.datadoghq.com': { apiHost: 'api.ap2.datadoghq.com', uiHost: 'ap2.datadoghq.com' },
  'uk1.datadoghq.com': { apiHost: 'api.uk1.datadoghq.com', uiHost: 'uk1.datadoghq.com' },
  'ddog-gov.com': { apiHost: 'api.ddog-gov.com', uiHost: 'app.ddog-gov.com' },
  'us2.ddog-gov.com': { apiHost: 'api.us2.ddog-gov.com', uiHost: 'us2.ddog-gov.com' },
} as const;

export type DatadogSite = keyof typeof SITES;

export const SITE_NAMES = Object.keys(SITES) as DatadogSite[];

export function isDatadogSite(value: string): value is DatadogSite {
  return Object.hasOwn(SITES, value);
}

/** Datadog's reference says Workflow Automation is not offered on the government sites. */
export function offersWorkflowAutomation(site: DatadogSite): boolean {
  return !site.endsWith('ddog-gov.com');
}

export function apiBaseUrl(site: DatadogSite): string {
  return `https://${SITES[site].apiHost}`;
}

/** The Datadog UI page of one run, as Datadog itself links it. */
export function runUrl(site: DatadogSite, workflowId: string, instanceId: string): string {
  return `https://${SITES[site].uiHost}/workflow/${encodeURIComponent(workflowId)}?instance=${encodeURIComponent(instanceId)}`;
}

/**
 * The domains Slack should send run links from (manifest `unfurl_domains`, at most 5): the parent domains of every
 * UI host where Workflow Automation is offered, as Slack also matches their subdomains (app., us3., …).
 */
export function unfurlDomains(): string[] {
  const hosts = SITE_NAMES.filter(offersWorkflowAutomation).map((site) => SITES[site].uiHost);
  return [...new Set(hosts.map((host) => host.split('.').slice(-2).join('.')))];
}

/** Longest names first, so us3.datadoghq.com wins over datadoghq.com. */
const BY_LENGTH = [...SITE_NAMES].sort((a, b) => b.length - a.length);

/**
 * The Datadog site a UI or API host belongs to: app.datadoghq.eu, api.us3.datadoghq.com, or an org's own
 * subdomain such as acme.datadoghq.eu; undefined for any other host (a proxy, a stand-in).
 */
export function siteOfHost(host: string): DatadogSite | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  return BY_LENGTH.find((site) => name === site || name.endsWith(`.${site}`));
}
