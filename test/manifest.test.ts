import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMAND, LOOKUP_RUN_SHORTCUT } from '../src/slack/ids';

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
  expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write']);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  // Follow DMs arrive in the app's Messages tab.
  expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  for (const url of [command.url, manifest.settings.interactivity.request_url])
    expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
});

test('every setting the config reads is documented in .env.example', () => {
  const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
  const source = readFileSync(join(__dirname, '..', 'src', 'config.ts'), 'utf8');
  const names = [...source.matchAll(/\b((?:SLACK|DD|REDIS|FOLLOW)_[A-Z_]+|PORT|LOG_LEVEL|DATA_DIR)\b/g)].map(
    (m) => m[1]!,
  );
  for (const name of new Set(names)) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
});
