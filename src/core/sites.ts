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

/** The site whose web UI is at this host (a run link's host), if any. */
export function siteOfUiHost(host: string): DatadogSite | undefined {
  const lower = host.toLowerCase();
  return SITE_NAMES.find((site) => SITES[site].uiHost === lower);
}

/**
 * The domains Slack should send run links from (manifest `unfurl_domains`, at most 5): the parent domains of every
 * UI host where Workflow Automation is offered, as Slack also matches their subdomains (app., us3., …).
 */
export function unfurlDomains(): string[] {
  const hosts = SITE_NAMES.filter(offersWorkflowAutomation).map((site) => SITES[site].uiHost);
  return [...new Set(hosts.map((host) => host.split('.').slice(-2).join('.')))];
}
