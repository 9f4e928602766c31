import {
  apiBaseUrl,
  isDatadogSite,
  offersWorkflowAutomation,
  runUrl,
  SITE_NAMES,
  siteOfHost,
  unfurlDomains,
} from '../../src/core/sites';

/** Datadog's published API and UI host of each site: a typo here sends one region's lookups nowhere. */
const HOSTS = [
  ['datadoghq.com', 'api.datadoghq.com', 'app.datadoghq.com'],
  ['us3.datadoghq.com', 'api.us3.datadoghq.com', 'us3.datadoghq.com'],
  ['us5.datadoghq.com', 'api.us5.datadoghq.com', 'us5.datadoghq.com'],
  ['datadoghq.eu', 'api.datadoghq.eu', 'app.datadoghq.eu'],
  ['ap1.datadoghq.com', 'api.ap1.datadoghq.com', 'ap1.datadoghq.com'],
  ['ap2.datadoghq.com', 'api.ap2.datadoghq.com', 'ap2.datadoghq.com'],
  ['uk1.datadoghq.com', 'api.uk1.datadoghq.com', 'uk1.datadoghq.com'],
  ['ddog-gov.com', 'api.ddog-gov.com', 'app.ddog-gov.com'],
  ['us2.ddog-gov.com', 'api.us2.ddog-gov.com', 'us2.ddog-gov.com'],
] as const;

test.each(HOSTS)('%s: API at %s, run links on %s', (site, apiHost, uiHost) => {
  expect(apiBaseUrl(site)).toBe(`https://${apiHost}`);
  expect(runUrl(site, 'w f', 'i&n')).toBe(`https://${uiHost}/workflow/w%20f?instance=i%26n`);
});

test('the site list is exactly the known sites; anything else, or an inherited name, is not a site', () => {
  expect(SITE_NAMES).toEqual(HOSTS.map(([site]) => site));
  expect(isDatadogSite('datadoghq.eu')).toBe(true);
  expect(isDatadogSite('datadoghq.org')).toBe(false);
  expect(isDatadogSite('toString')).toBe(false);
});

test('Workflow Automation is offered everywhere but the two government sites', () => {
  expect(SITE_NAMES.filter((site) => !offersWorkflowAutomation(site))).toEqual(['ddog-gov.com', 'us2.ddog-gov.com']);
});

test('a host names its Datadog site: UI, API, regional and org subdomains; other hosts none', () => {
  expect(siteOfHost('app.datadoghq.eu')).toBe('datadoghq.eu');
  expect(siteOfHost('acme.datadoghq.eu')).toBe('datadoghq.eu');
  expect(siteOfHost('app.datadoghq.com')).toBe('datadoghq.com');
  expect(siteOfHost('us3.datadoghq.com')).toBe('us3.datadoghq.com');
  expect(siteOfHost('API.US5.DATADOGHQ.COM')).toBe('us5.datadoghq.com');
  expect(siteOfHost('app.ddog-gov.com')).toBe('ddog-gov.com');
  expect(siteOfHost('datadoghq.com.evil.example')).toBeUndefined();
  expect(siteOfHost('127.0.0.1')).toBeUndefined();
});

test('Slack is sent run links from the parent domains of the sites with Workflow Automation, each once', () => {
  expect(unfurlDomains()).toEqual(['datadoghq.com', 'datadoghq.eu']);
});
