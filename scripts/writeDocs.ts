import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationDoc, envExample } from '../src/config/docs';

/** `npm run docs`: rewrites the files derived from the settings' declarations. */
const root = join(__dirname, '..', '..');
writeFileSync(join(root, '.env.example'), envExample());
writeFileSync(join(root, 'docs', 'configuration.md'), configurationDoc());
console.log('wrote .env.example and docs/configuration.md');
