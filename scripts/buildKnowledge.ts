/**
 * npm run kb:build [outFile] — validates knowledge/content and compiles it into one SQLite file
 * (default knowledge/build/knowledge.sqlite). Exits 1, writing nothing, when the content has errors.
 */
import path from 'node:path';
import { compileKnowledge } from '../knowledge/compiler';

const root = path.resolve(__dirname, '..');
const contentDir = path.join(root, 'knowledge', 'content');
const outFile = path.resolve(process.argv[2] ?? path.join(root, 'knowledge', 'build', 'knowledge.sqlite'));

const result = compileKnowledge(contentDir, outFile);
for (const warning of result.warnings) {
  process.stderr.write(`WARNING ${warning}\n`);
}
if (result.ok) {
  const { entryCount, knowledgeDate, contentHash } = result.meta;
  process.stdout.write(
    `Built ${path.relative(process.cwd(), outFile) || outFile}: ${entryCount} entries, ` +
      `last verified ${knowledgeDate || '-'}, content ${contentHash.slice(0, 12)}\n`,
  );
} else {
  for (const error of result.errors) {
    process.stderr.write(`ERROR ${error}\n`);
  }
  process.stderr.write(`kb:build failed: ${result.errors.length} error(s); nothing written\n`);
  process.exitCode = 1;
}
