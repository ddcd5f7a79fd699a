/**
 * npm run eval -- <cases.jsonl> [--url <base>] [--min <percent>] [--lang <code>] [--tag <tag>]
 *                 [--today YYYY-MM-DD] [--json <out.json>] [--verbose]
 *
 * Plays conversation cases (format: ../shared/eval/README.md) against the bot and prints the score overall,
 * per tag and per language, the share of replies in the asker's language, and every failing case.
 * Without --url it starts the bot in-process on a free loopback port with a temporary data folder (removed
 * afterwards), silent logs and, with --today, a fixed clock. Exit code: 1 when the overall score is below
 * --min (default 0), 2 on usage errors.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type PathfinderApp } from '../bot/app';
import { loadConfig } from '../bot/config';
import { fixedClock } from '../dialogs/clock';
import { filterCases, formatReport, parseCases, runCases, summarize } from './evalRunner';

const USAGE =
  'usage: npm run eval -- <cases.jsonl> [--url <base>] [--min <percent>] [--lang <code>] [--tag <tag>]\n' +
  '                       [--today YYYY-MM-DD] [--json <out.json>] [--verbose]\n';
const VALUE_FLAGS = new Set(['--url', '--min', '--lang', '--tag', '--today', '--json']);
const BOOLEAN_FLAGS = new Set(['--verbose']);
const MAX_PERCENT = 100;
/** The hour of the fixed day, as in the tests (test/helpers/botServer.ts). */
const FIXED_TIME = 'T10:00:00Z';

class UsageError extends Error {}

interface CliOptions {
  file: string;
  url?: string;
  min: number;
  lang?: string;
  tag?: string;
  today?: string;
  json?: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): CliOptions | 'help' {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let verbose = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') {
      return 'help';
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if (BOOLEAN_FLAGS.has(flag) && equals < 0) {
      verbose = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) {
      throw new UsageError(`unknown option ${flag}`);
    }
    const value = equals > 0 ? arg.slice(equals + 1) : argv[++index];
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`);
    }
    values.set(flag, value);
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0 ? 'no cases file given' : `one cases file only, got ${positional.join(' ')}`,
    );
  }
  const minText = values.get('--min') ?? '0';
  const min = Number(minText);
  if (!Number.isFinite(min) || min < 0 || min > MAX_PERCENT) {
    throw new UsageError(`--min must be a percentage from 0 to 100, got ${minText}`);
  }
  const today = values.get('--today');
  if (today !== undefined) {
    const date = new Date(`${today}${FIXED_TIME}`);
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(today) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(today)) {
      throw new UsageError(`--today must be a date YYYY-MM-DD, got ${today}`);
    }
  }
  const url = values.get('--url');
  if (url !== undefined && !/^https?:\/\/\S+$/u.test(url)) {
    throw new UsageError(`--url must be an http(s) address, got ${url}`);
  }
  return {
    file: positional[0] as string,
    url,
    min,
    lang: values.get('--lang'),
    tag: values.get('--tag'),
    today,
    json: values.get('--json'),
    verbose,
  };
}

/** The newest modification time of any file under a folder (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) {
    return 0;
  }
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

interface LocalBot {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Starts the bot in this process on 127.0.0.1, a free port, a temporary data folder and silent logs. */
async function startLocalBot(today: string | undefined): Promise<LocalBot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pathfinder-eval-'));
  const removeData = (): void => rmSync(dataDir, { recursive: true, force: true });
  let app: PathfinderApp;
  try {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    if (!existsSync(config.knowledgeDb)) {
      throw new UsageError(`no knowledge base at ${config.knowledgeDb}: run npm run kb:build first`);
    }
    const contentDir = path.join(path.dirname(path.dirname(config.knowledgeDb)), 'content');
    if (newestMtime(contentDir) > statSync(config.knowledgeDb).mtimeMs) {
      process.stderr.write(
        'warning: knowledge/content is newer than the compiled knowledge base; run npm run kb:build\n',
      );
    }
    app = createApp(config, today ? { clock: fixedClock(`${today}${FIXED_TIME}`) } : {});
  } catch (error) {
    removeData();
    throw error;
  }
  const port = await app.listen();
  let stopped = false;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        await app.close();
      } finally {
        removeData();
      }
    },
  };
}

async function main(): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`eval: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const file = path.resolve(options.file);
  if (!existsSync(file) || !statSync(file).isFile()) {
    process.stderr.write(`eval: no such file: ${options.file}\n${USAGE}`);
    return 2;
  }
  const { cases: allCases, errors } = parseCases(readFileSync(file, 'utf8'));
  const cases = filterCases(allCases, { lang: options.lang, tag: options.tag });
  if (cases.length === 0 && errors.length === 0) {
    process.stderr.write(
      `eval: no cases to run in ${options.file}${options.lang || options.tag ? ' with this filter' : ''}\n`,
    );
    return 2;
  }

  let bot: LocalBot | undefined;
  const interrupt = (): void => {
    void (bot?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    if (!options.url) {
      try {
        bot = await startLocalBot(options.today);
      } catch (error) {
        if (error instanceof UsageError) {
          process.stderr.write(`eval: ${error.message}\n`);
          return 2;
        }
        throw error;
      }
    }
    const baseUrl = options.url ?? (bot as LocalBot).baseUrl;
    process.stderr.write(
      `Running ${cases.length} case(s) from ${options.file} against ${options.url ?? 'the bot in-process'}` +
        `${options.today ? ` (today ${options.today})` : ''}…\n`,
    );
    const results = await runCases(baseUrl, cases);
    const summary = summarize(results, errors);
    process.stdout.write(formatReport(summary, results, errors, { verbose: options.verbose }));
    if (options.json) {
      const out = path.resolve(options.json);
      mkdirSync(path.dirname(out), { recursive: true });
      const run = {
        file: options.file,
        url: options.url ?? null,
        today: options.today ?? null,
        lang: options.lang ?? null,
        tag: options.tag ?? null,
      };
      writeFileSync(out, `${JSON.stringify({ run, summary, errors, results }, null, 2)}\n`);
      process.stderr.write(`Wrote ${path.relative(process.cwd(), out) || out}\n`);
    }
    const { passed, total } = summary.overall;
    if ((total === 0 ? 0 : (passed / total) * MAX_PERCENT) < options.min) {
      process.stderr.write(`eval: ${summary.overall.percent.toFixed(1)}% is below --min ${options.min}%\n`);
      return 1;
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', interrupt);
    await bot?.stop();
  }
}

// A reader that stops early (`| head`) must not crash the run before the bot and its data folder are cleaned up.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`eval: cannot write the report: ${error.message}\n`);
  }
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
