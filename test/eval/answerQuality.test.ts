/**
 * Answer quality cannot silently regress: the project's own evaluation cases (test/eval/*.jsonl) and the
 * shared development set run against the real bot over HTTP, on a fixed day, and must stay at or above
 * the levels reached. Raise the floors when the bot gets better; never lower them to make a change pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type CaseResult, parseCases, runCases, type Summary, summarize } from '../../scripts/evalRunner';
import { removeDataDir, type RunningBot, startBot } from '../helpers/botServer';

/** Floors, in percent of cases passed. */
const OWN_ENGLISH_FLOOR = 95;
const OWN_ALL_LANGUAGES_FLOOR = 95;
const DEV_ENGLISH_FLOOR = 95;
const DEV_ALL_LANGUAGES_FLOOR = 95;
/** Replies to questions asked in another language than English that are in the asker's language. */
const IN_LANGUAGE_FLOOR = 95;

const OWN_DIR = __dirname;
const DEV_SET = path.resolve(__dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');
/** The evaluation day: waiting periods and review dates are computed against it. */
const EVAL_DAY = '2026-11-22T10:00:00Z';

/** The share (in percent) of replies to non-English cases that are in the asker's language. */
function nonEnglishInLanguage(summary: Summary): number {
  const shares = Object.entries(summary.languageShare).filter(([lang]) => lang !== 'en');
  const replies = shares.reduce((sum, [, share]) => sum + share.replies, 0);
  const inLanguage = shares.reduce((sum, [, share]) => sum + share.inLanguage, 0);
  return replies === 0 ? 0 : (100 * inLanguage) / replies;
}

function failures(results: CaseResult[]): string {
  return results
    .filter((result) => !result.passed)
    .map((result) => result.id)
    .join(', ');
}

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ today: EVAL_DAY });
});

afterAll(async () => {
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

describe('the project’s own evaluation cases', () => {
  const files = readdirSync(OWN_DIR).filter((name) => name.endsWith('.jsonl'));
  const parsed = files.map((file) => parseCases(readFileSync(path.join(OWN_DIR, file), 'utf8')));
  const cases = parsed.flatMap((result) => result.cases);

  it('are well-formed, at least 200, with unique ids', () => {
    expect(parsed.flatMap((result) => result.errors)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((item) => item.id)).size).toBe(cases.length);
  });

  it(`pass at ${OWN_ENGLISH_FLOOR}% or more in English and ${OWN_ALL_LANGUAGES_FLOOR}% or more overall, replying in the asker's language`, async () => {
    const results = await runCases(bot.baseUrl, cases);
    const summary = summarize(results);
    const english = summary.byLang.en;
    expect(english).toBeDefined();
    if (english && english.percent < OWN_ENGLISH_FLOOR) {
      throw new Error(
        `English ${english.percent}% < ${OWN_ENGLISH_FLOOR}%. Failing: ${failures(results.filter((r) => r.lang === 'en'))}`,
      );
    }
    expect(summary.overall.percent).toBeGreaterThanOrEqual(OWN_ALL_LANGUAGES_FLOOR);
    expect(nonEnglishInLanguage(summary)).toBeGreaterThanOrEqual(IN_LANGUAGE_FLOOR);
  }, 900_000);
});

describe('the shared development set', () => {
  it(`passes at ${DEV_ENGLISH_FLOOR}% or more in English and ${DEV_ALL_LANGUAGES_FLOOR}% or more overall`, async () => {
    expect(existsSync(DEV_SET)).toBe(true);
    const { cases, errors } = parseCases(readFileSync(DEV_SET, 'utf8'));
    expect(errors).toEqual([]);
    const results = await runCases(bot.baseUrl, cases);
    const summary = summarize(results);
    const english = summary.byLang.en;
    if (!english || english.percent < DEV_ENGLISH_FLOOR) {
      throw new Error(`dev English ${english?.percent}% < ${DEV_ENGLISH_FLOOR}%. Failing: ${failures(results)}`);
    }
    if (summary.overall.percent < DEV_ALL_LANGUAGES_FLOOR) {
      throw new Error(`dev ${summary.overall.percent}% < ${DEV_ALL_LANGUAGES_FLOOR}%. Failing: ${failures(results)}`);
    }
    expect(nonEnglishInLanguage(summary)).toBeGreaterThanOrEqual(IN_LANGUAGE_FLOOR);
  }, 600_000);
});
