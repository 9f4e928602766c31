import { readdirSync, readFileSync } from 'node:fs';
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
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  for (const url of [command.url, manifest.settings.interactivity.request_url])
    expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
});

test('every setting the config reads is documented in .env.example', () => {
  const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
  const source = readFileSync(join(__dirname, '..', 'src', 'config.ts'), 'utf8');
  const names = [...source.matchAll(/\b((?:SLACK|DD)_[A-Z_]+|PORT|LOG_LEVEL|LOG_FORMAT)\b/g)].map((m) => m[1]!);
  for (const name of new Set(names)) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
});

/** The bot scopes each Web API method the code calls needs (docs.slack.dev/reference/methods). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'views.open': [],
  'views.update': [],
};

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
  const called = new Set([...source.matchAll(/\bclient\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
  expect([...called].sort()).toEqual(Object.keys(METHOD_SCOPES).sort());
  // Slash commands and shortcuts need `commands`; every other scope comes from a method the code calls.
  const needed = new Set(['commands', ...[...called].flatMap((method) => METHOD_SCOPES[method] ?? [])]);
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  const text = readFileSync(join(__dirname, '..', 'manifest.yml'), 'utf8');
  for (const scope of needed) expect(text).toMatch(new RegExp(`^\\s+- ${scope} # \\S`, 'm'));
});
