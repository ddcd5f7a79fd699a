/**
 * npm run locales:check — every key, placeholder and plural form of every language (see locales/checkLocales.ts).
 */
import path from 'node:path';
import { checkLocales } from '../locales/checkLocales';

const report = checkLocales(path.resolve(__dirname, '..', 'locales'));
for (const error of report.errors) {
  process.stderr.write(`ERROR ${error}\n`);
}
for (const [lng, count] of Object.entries(report.missing)) {
  process.stdout.write(`${lng}: ${count} key(s) not translated yet (English is shown)\n`);
}
process.stdout.write(`locales:check: ${report.errors.length} error(s)\n`);
process.exitCode = report.errors.length > 0 ? 1 : 0;
