import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { offersWorkflowAutomation, SITE_NAMES, SITES, unfurlDomains } from '../src/core/sites';
import { COMMAND, LOOKUP_RUN_SHORTCUT } from '../src/render/slackIds';

const manifest = parse(readFileSync(join(__dirname, '..', 'manifest.yml'), 'utf8'));

test("the manifest declares what the code listens for, within Slack's manifest limits", () => {
  const [command] = manifest.features.slash_commands;
  expect(command.command).toBe(COMMAND);
  expect(command.command.length).toBeLessThanOrEqual(32);
  expect(command.usage_hint).toContain('<workflow_id> <instance_id>');
  const [shortcut] = manifest.features.shortcuts;
  expect(shortcut).toMatchObject({ type: 'message', callback_id: LOOKUP_RUN_SHORTCUT });
  expect(shortcut.name.length).toBeLessThanOrEqual(24);
  expect(shortcut.description.length).toBeLessThanOrEqual(150);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  // Follow DMs arrive in the app's Messages tab.
  expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  for (const url of [
    command.url,
    manifest.settings.interactivity.request_url,
    manifest.settings.event_subscriptions.request_url,
  ])
    expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
});

test('unfurl domains cover the web UI host of every Datadog site with Workflow Automation, within 5', () => {
  const domains: string[] = manifest.features.unfurl_domains;
  expect(domains).toEqual(unfurlDomains());
  expect(domains.length).toBeLessThanOrEqual(5);
  const hosts = SITE_NAMES.filter(offersWorkflowAutomation).map((site) => SITES[site].uiHost);
  expect(hosts).toContain('app.datadoghq.com');
  // Slack matches a domain and its subdomains; each host is covered, and each domain covers a host.
  const covers = (domain: string, host: string) => host === domain || host.endsWith(`.${domain}`);
  for (const host of hosts) expect(domains.filter((domain) => covers(domain, host))).toHaveLength(1);
  for (const domain of domains) expect(hosts.some((host) => covers(domain, host))).toBe(true);
});

test('App Home and the events the listeners take are turned on', () => {
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(['link_shared', 'app_home_opened']);
});

/** The bot scopes each Web API method the code calls needs (docs.slack.dev/reference/methods). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  'chat.unfurl': ['links:write'],
  // Its scope, usergroups:read, is added by the admin only with ALLOWED_USERGROUP_IDS (docs/security.md).
  'usergroups.users.list': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
};

/** The bot scopes each event the manifest subscribes to needs. */
const EVENT_SCOPES: Record<string, string[]> = { link_shared: ['links:read'], app_home_opened: [] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('the manifest asks for exactly the scopes the code uses, each with a comment saying why', () => {
  const source = sourceFiles(join(__dirname, '..', 'src'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const called = new Set([...source.matchAll(/\bclient(?:\(\))?\.((?:\w+\.)+\w+)\(/g)].map((m) => m[1]!));
  expect([...called].sort()).toEqual(Object.keys(METHOD_SCOPES).sort());
  // Slash commands and shortcuts need `commands`; every other scope comes from a method the code calls.
  const events: string[] = manifest.settings.event_subscriptions.bot_events;
  const needed = new Set([
    'commands',
    ...[...called].flatMap((method) => METHOD_SCOPES[method] ?? []),
    ...events.flatMap((event) => EVENT_SCOPES[event] ?? [`unknown event ${event}`]),
  ]);
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  const text = readFileSync(join(__dirname, '..', 'manifest.yml'), 'utf8');
  for (const scope of needed) expect(text).toMatch(new RegExp(`^\\s+- ${scope} # \\S`, 'm'));
});
