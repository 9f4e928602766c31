import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationDoc, defaultText, envExample } from '../../src/config/docs';
import { GROUPS, type Group, SETTINGS, type Setting } from '../../src/config/settings';

const ROOT = join(__dirname, '..', '..');
const declared = (Object.keys(GROUPS) as Group[]).flatMap((group) => Object.values(SETTINGS[group]) as Setting[]);

test('.env.example and docs/configuration.md are what `npm run docs` writes from the declarations', () => {
  expect(readFileSync(join(ROOT, '.env.example'), 'utf8')).toBe(envExample());
  expect(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8')).toBe(configurationDoc());
});

test('each setting is declared once, with a doc, and appears in both files', () => {
  const names = declared.map((setting) => setting.env);
  expect(new Set(names).size).toBe(names.length);
  for (const setting of declared) {
    expect(setting.doc.length).toBeGreaterThan(10);
    expect(envExample()).toContain(`\n${setting.env}=`);
    expect(configurationDoc()).toContain(`| \`${setting.env}\` |`);
  }
});

test('.env.example never carries a secret default, and shows each default as it would be written in .env', () => {
  const lines = envExample().split('\n');
  for (const setting of declared.filter((s) => s.secret)) expect(lines).toContain(`${setting.env}=`);
  expect(lines).toContain('DD_SITE=datadoghq.com');
  expect(lines).toContain('SHARE_ENABLED=1');
  expect(lines).toContain('UNFURL_ENABLED=0');
  expect(defaultText(SETTINGS.access.teamIds)).toBe('');
  expect(defaultText(SETTINGS.follow.dataDir)).toBe('./data');
});
