/**
 * npm run kb:check [--today=YYYY-MM-DD] [contentDir] — validates the knowledge content: schema, duplicate
 * ids, dangling references, URLs, dates, stale entries (warnings) and the coverage matrix (gaps are
 * errors). Prints the matrix and the summary languages. Exits 1 when there is any error.
 */
import path from 'node:path';
import {
  checkContent,
  formatCoverageTable,
  formatLanguageCounts,
  formatTranslationMatrix,
  summaryLanguageCounts,
} from '../knowledge/checks';
import { loadContent } from '../knowledge/loader';

const TODAY_FLAG = '--today=';
const ISO_DATE_LENGTH = 10;

const args = process.argv.slice(2);
const todayArg = args.find((arg) => arg.startsWith(TODAY_FLAG));
const today = todayArg ? todayArg.slice(TODAY_FLAG.length) : new Date().toISOString().slice(0, ISO_DATE_LENGTH);
const dirArg = args.find((arg) => !arg.startsWith('--'));
const contentDir = dirArg ? path.resolve(dirArg) : path.resolve(__dirname, '..', 'knowledge', 'content');

const content = loadContent(contentDir);
const { errors, warnings, matrix } = checkContent(content, { today });

process.stdout.write(`Coverage (today ${today}):\n${formatCoverageTable(matrix)}\n\n`);
process.stdout.write(
  `Entries with a summary, per language:\n${formatLanguageCounts(summaryLanguageCounts(content))}\n\n`,
);
process.stdout.write(`Knowledge texts per language (% of text fields):\n${formatTranslationMatrix(content)}\n\n`);
for (const warning of warnings) {
  process.stderr.write(`WARNING ${warning}\n`);
}
for (const error of errors) {
  process.stderr.write(`ERROR ${error}\n`);
}
process.stdout.write(`${content.entries.length} entries, ${errors.length} errors, ${warnings.length} warnings\n`);
process.exitCode = errors.length > 0 ? 1 : 0;
