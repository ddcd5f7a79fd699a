/**
 * npm run kb:check — validates the knowledge content (provisional version: schema only).
 */
import path from 'node:path';
import { loadContent } from '../knowledge/loader';

const contentDir = path.resolve(__dirname, '..', 'knowledge', 'content');
const { entries, errors } = loadContent(contentDir);
for (const error of errors) {
  process.stderr.write(`ERROR ${error}\n`);
}
process.stdout.write(`${entries.length} entries, ${errors.length} errors\n`);
process.exitCode = errors.length > 0 ? 1 : 0;
