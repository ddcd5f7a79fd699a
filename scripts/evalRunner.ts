/**
 * The evaluation runner's core (the CLI is scripts/eval.ts): parses JSONL conversation cases
 * (../shared/eval/README.md), plays each one as a fresh conversation against a bot over HTTP with
 * deliveryMode "expectReplies", matches every turn's reply text against the case's regexes, and
 * summarises the scores per tag and per language. No botbuilder here: the bot is only a URL.
 */
import { randomUUID } from 'node:crypto';
import { isInLanguage } from './evalLanguage';

export interface Expectation {
  /** Every regex must match. */
  all: string[];
  /** At least one must match (when given and non-empty). */
  any?: string[];
  /** None may match. */
  none?: string[];
  /** true: the reply must carry an http(s) link; false: it must not. */
  cites?: boolean;
}

export interface EvalTurn {
  text: string;
  expect: Expectation;
}

export interface EvalCase {
  id: string;
  /** The language the user writes in. */
  lang: string;
  tags: string[];
  turns: EvalTurn[];
  /** 1-based line in the JSONL file (0 when built in code). */
  line: number;
}

export interface CaseParseError {
  line: number;
  message: string;
}

export interface ParsedCases {
  cases: EvalCase[];
  errors: CaseParseError[];
}

export interface TurnCheck {
  passed: boolean;
  /** One line per unmet expectation, naming the regex. */
  failures: string[];
}

export interface TurnResult extends TurnCheck {
  /** 1-based. */
  turn: number;
  text: string;
  /** The joined reply text (message text, card text, button titles). */
  reply: string;
  /** Whether the reply reads as written in the case's language; undefined when the check does not know it. */
  inLanguage?: boolean;
}

export interface CaseResult {
  id: string;
  lang: string;
  tags: string[];
  line: number;
  passed: boolean;
  turns: TurnResult[];
}

export interface Score {
  total: number;
  passed: number;
  /** 0–100, one decimal. */
  percent: number;
}

export interface LanguageShare {
  replies: number;
  inLanguage: number;
  percent: number;
}

export interface Summary {
  /** Cases passed of all cases, malformed lines counted as failed cases. */
  overall: Score;
  byTag: Record<string, Score>;
  byLang: Record<string, Score>;
  /** Per case language: how many replies were in that language. */
  languageShare: Record<string, LanguageShare>;
  malformed: number;
}

export interface RunOptions {
  /** Conversations played at the same time (each one's turns stay in order). Default 4. */
  concurrency?: number;
  /** Per HTTP request. Default 60 s. */
  timeoutMs?: number;
  /** Called as each case finishes (progress). */
  onCase?: (result: CaseResult) => void;
}

/** The channel id every evaluation conversation uses. */
export const EVAL_CHANNEL = 'eval';
const BOT_ID = 'pathfinder';
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 60_000;
const REGEX_FLAGS = 'iu';
const LINK = /https?:\/\/[^\s)>\]"']+/iu;
const SNIPPET = 60;
const PERCENT_DECIMALS = 10;

// ---------------------------------------------------------------------------------------------------------------
// Parsing

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function regexList(value: unknown, where: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`${where} must be an array of strings`);
  }
  for (const source of value as string[]) {
    try {
      new RegExp(source, REGEX_FLAGS);
    } catch (error) {
      throw new Error(`${where}: invalid regex /${source}/: ${(error as Error).message}`);
    }
  }
  return value as string[];
}

function parseExpectation(value: unknown, where: string): Expectation {
  if (value === undefined) {
    return { all: [] };
  }
  if (!isRecord(value)) {
    throw new Error(`${where} must be an object`);
  }
  const known = new Set(['all', 'any', 'none', 'cites']);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new Error(`${where} has unknown field(s): ${unknown.join(', ')}`);
  }
  if (value.cites !== undefined && typeof value.cites !== 'boolean') {
    throw new Error(`${where}.cites must be true or false`);
  }
  const expectation: Expectation = { all: regexList(value.all, `${where}.all`) };
  if (value.any !== undefined) {
    expectation.any = regexList(value.any, `${where}.any`);
  }
  if (value.none !== undefined) {
    expectation.none = regexList(value.none, `${where}.none`);
  }
  if (typeof value.cites === 'boolean') {
    expectation.cites = value.cites;
  }
  return expectation;
}

function parseCase(value: unknown, line: number): EvalCase {
  if (!isRecord(value)) {
    throw new Error('a case must be a JSON object');
  }
  if (typeof value.id !== 'string' || value.id.trim() === '') {
    throw new Error('"id" must be a non-empty string');
  }
  if (typeof value.lang !== 'string' || value.lang.trim() === '') {
    throw new Error(`${value.id}: "lang" must be a non-empty string`);
  }
  if (value.tags !== undefined && (!Array.isArray(value.tags) || value.tags.some((tag) => typeof tag !== 'string'))) {
    throw new Error(`${value.id}: "tags" must be an array of strings`);
  }
  if (!Array.isArray(value.turns) || value.turns.length === 0) {
    throw new Error(`${value.id}: "turns" must be a non-empty array`);
  }
  const turns = value.turns.map((turn: unknown, index): EvalTurn => {
    const where = `${String(value.id)}: turns[${index}]`;
    if (!isRecord(turn) || typeof turn.text !== 'string' || turn.text.trim() === '') {
      throw new Error(`${where} must be an object with a non-empty "text"`);
    }
    return { text: turn.text, expect: parseExpectation(turn.expect, `${where}.expect`) };
  });
  return { id: value.id, lang: value.lang.trim(), tags: (value.tags as string[] | undefined) ?? [], turns, line };
}

/**
 * Parses JSONL cases. Blank lines are skipped; a malformed line (bad JSON, missing fields, a regex that
 * does not compile, a repeated id) becomes an error with its 1-based line number.
 */
export function parseCases(text: string): ParsedCases {
  const cases: EvalCase[] = [];
  const errors: CaseParseError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    const source = raw.replace(/^\uFEFF/u, '').trim();
    if (source === '') {
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch (error) {
      errors.push({ line, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    try {
      const parsed = parseCase(json, line);
      const earlier = seen.get(parsed.id);
      if (earlier !== undefined) {
        throw new Error(`duplicate id "${parsed.id}" (first on line ${earlier})`);
      }
      seen.set(parsed.id, line);
      cases.push(parsed);
    } catch (error) {
      errors.push({ line, message: (error as Error).message });
    }
  });
  return { cases, errors };
}

/** Keeps the cases in one language and/or with one tag. */
export function filterCases(cases: EvalCase[], filter: { lang?: string; tag?: string }): EvalCase[] {
  const lang = filter.lang?.toLowerCase();
  const tag = filter.tag?.toLowerCase();
  return cases.filter(
    (item) =>
      (lang === undefined || item.lang.toLowerCase() === lang) &&
      (tag === undefined || item.tags.some((candidate) => candidate.toLowerCase() === tag)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Reply text and matching

/** Keys of card JSON that hold layout, ids or payloads rather than text a user reads. */
const CARD_SKIP_KEYS = new Set([
  'type',
  '$schema',
  'version',
  'id',
  'style',
  'weight',
  'size',
  'color',
  'horizontalAlignment',
  'verticalAlignment',
  'verticalContentAlignment',
  'spacing',
  'height',
  'width',
  'fontType',
  'imageSize',
  'mode',
  'lang',
  'speak',
  'data',
  'msteams',
  'iconUrl',
  'backgroundImage',
  'images',
  'image',
  'media',
  'associatedInputs',
  'contentType',
  'contentUrl',
  'thumbnailUrl',
]);
const OPEN_URL_TYPES = new Set(['openurl', 'action.openurl']);

/** Every user-readable string of an attachment's content (Adaptive Card text blocks, facts, button titles, links). */
export function cardStrings(content: unknown): string[] {
  if (typeof content === 'string') {
    return content.trim() === '' ? [] : [content];
  }
  if (Array.isArray(content)) {
    return content.flatMap(cardStrings);
  }
  if (!isRecord(content)) {
    return [];
  }
  const type = typeof content.type === 'string' ? content.type.toLowerCase() : undefined;
  const out: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (CARD_SKIP_KEYS.has(key)) {
      continue;
    }
    // An image's url is not a source link; a button's value is an id unless the button opens a link.
    if (key === 'url' && type === 'image') {
      continue;
    }
    if (key === 'value' && type !== undefined && !OPEN_URL_TYPES.has(type)) {
      continue;
    }
    out.push(...cardStrings(value));
  }
  return out;
}

/**
 * The text of a turn's replies: every message activity's text, the strings of its attachments' content and the
 * titles of its suggested actions, joined with newlines.
 */
export function replyText(activities: unknown[]): string {
  const parts: string[] = [];
  for (const activity of activities) {
    if (!isRecord(activity) || activity.type !== 'message') {
      continue;
    }
    if (typeof activity.text === 'string' && activity.text.trim() !== '') {
      parts.push(activity.text);
    }
    if (Array.isArray(activity.attachments)) {
      for (const attachment of activity.attachments) {
        if (isRecord(attachment)) {
          parts.push(...cardStrings(attachment.content));
        }
      }
    }
    const suggested = activity.suggestedActions;
    if (isRecord(suggested) && Array.isArray(suggested.actions)) {
      for (const action of suggested.actions) {
        if (isRecord(action) && typeof action.title === 'string' && action.title.trim() !== '') {
          parts.push(action.title);
        }
      }
    }
  }
  return parts.join('\n');
}

const EASTERN_ARABIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
const ASCII_ZERO = 0x30;

/** NFC, and Eastern Arabic (٠-٩) and Persian (۰-۹) digits as ASCII digits. */
export function normalizeReply(text: string): string {
  return text.normalize('NFC').replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (digit) => {
    const code = digit.charCodeAt(0);
    const base = code >= PERSIAN_ZERO ? PERSIAN_ZERO : EASTERN_ARABIC_ZERO;
    return String.fromCharCode(ASCII_ZERO + code - base);
  });
}

/** A case regex, with its digits read the same way as the reply's (so `٤` in a regex matches 4 and ٤). */
function compile(source: string): RegExp | string {
  try {
    return new RegExp(normalizeReply(source), REGEX_FLAGS);
  } catch (error) {
    return (error as Error).message;
  }
}

function snippet(text: string, index: number, length: number): string {
  const start = Math.max(0, index - SNIPPET / 2);
  const end = Math.min(text.length, index + length + SNIPPET / 2);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/gu, ' ')}${end < text.length ? '…' : ''}`;
}

/** Checks one turn's reply text against its expectation (README semantics). */
export function matchTurn(expect: Expectation, reply: string): TurnCheck {
  const text = normalizeReply(reply);
  const failures: string[] = [];
  for (const source of expect.all) {
    const regex = compile(source);
    if (typeof regex === 'string') {
      failures.push(`all: /${source}/ is not a valid regex (${regex})`);
    } else if (!regex.test(text)) {
      failures.push(`all: /${source}/ did not match`);
    }
  }
  const any = expect.any ?? [];
  if (any.length > 0) {
    const matched = any.some((source) => {
      const regex = compile(source);
      return typeof regex !== 'string' && regex.test(text);
    });
    if (!matched) {
      failures.push(`any: none of ${any.map((source) => `/${source}/`).join(', ')} matched`);
    }
  }
  for (const source of expect.none ?? []) {
    const regex = compile(source);
    if (typeof regex === 'string') {
      failures.push(`none: /${source}/ is not a valid regex (${regex})`);
      continue;
    }
    const found = regex.exec(text);
    if (found) {
      failures.push(`none: /${source}/ matched "${snippet(text, found.index, found[0].length)}"`);
    }
  }
  const link = LINK.exec(text);
  if (expect.cites === true && !link) {
    failures.push('cites: expected a source link (http…), found none');
  } else if (expect.cites === false && link) {
    failures.push(`cites: expected no link, found ${link[0]}`);
  }
  return { passed: failures.length === 0, failures };
}

// ---------------------------------------------------------------------------------------------------------------
// Running

/** The messages endpoint of a bot, from its base URL (or the endpoint itself). */
export function messagesUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/u, '');
  return trimmed.endsWith('/api/messages') ? trimmed : `${trimmed}/api/messages`;
}

/** The activity an evaluation turn sends; `locale: en-US` only for English cases (README). */
export function turnActivity(
  text: string,
  lang: string,
  ids: { userId: string; conversationId: string },
): Record<string, unknown> {
  const activity: Record<string, unknown> = {
    type: 'message',
    text,
    channelId: EVAL_CHANNEL,
    from: { id: ids.userId },
    recipient: { id: BOT_ID },
    conversation: { id: ids.conversationId },
    deliveryMode: 'expectReplies',
  };
  if (lang.toLowerCase() === 'en') {
    activity.locale = 'en-US';
  }
  return activity;
}

async function postTurn(url: string, activity: Record<string, unknown>, timeoutMs: number): Promise<unknown[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`the reply is not JSON: ${body.slice(0, 200)}`);
  }
  if (!isRecord(json) || !Array.isArray(json.activities)) {
    throw new Error(`the reply has no "activities" array: ${body.slice(0, 200)}`);
  }
  return json.activities;
}

/** Plays one case as a fresh conversation; later turns are still sent after a failed one (they need the context). */
export async function runCase(baseUrl: string, item: EvalCase, options: RunOptions = {}): Promise<CaseResult> {
  const url = messagesUrl(baseUrl);
  const ids = { conversationId: `eval-${randomUUID()}`, userId: `eval-user-${randomUUID()}` };
  const turns: TurnResult[] = [];
  for (const [index, turn] of item.turns.entries()) {
    let reply: string;
    let transportError: string | undefined;
    try {
      reply = replyText(
        await postTurn(url, turnActivity(turn.text, item.lang, ids), options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      );
    } catch (error) {
      reply = '';
      transportError = `request failed: ${(error as Error).message}`;
    }
    const check = matchTurn(turn.expect, reply);
    const failures = transportError ? [transportError, ...check.failures] : check.failures;
    turns.push({
      turn: index + 1,
      text: turn.text,
      reply,
      passed: failures.length === 0,
      failures,
      inLanguage: isInLanguage(reply, item.lang),
    });
  }
  return {
    id: item.id,
    lang: item.lang,
    tags: item.tags,
    line: item.line,
    passed: turns.every((turn) => turn.passed),
    turns,
  };
}

/** Plays every case against the bot at baseUrl; results come back in the cases' order. */
export async function runCases(baseUrl: string, cases: EvalCase[], options: RunOptions = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next;
      next += 1;
      const item = cases[index] as EvalCase;
      const result = await runCase(baseUrl, item, options);
      results[index] = result;
      options.onCase?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, cases.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Scores and the report

const percentOf = (passed: number, total: number): number =>
  total === 0 ? 0 : Math.round((passed / total) * 100 * PERCENT_DECIMALS) / PERCENT_DECIMALS;

const score = (passed: number, total: number): Score => ({ total, passed, percent: percentOf(passed, total) });

function addTo(table: Record<string, Score>, key: string, passed: boolean): void {
  const current = table[key] ?? score(0, 0);
  table[key] = score(current.passed + (passed ? 1 : 0), current.total + 1);
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Overall, per tag and per language scores, and the share of replies in the asker's language. */
export function summarize(results: CaseResult[], errors: CaseParseError[] = []): Summary {
  const byTag: Record<string, Score> = {};
  const byLang: Record<string, Score> = {};
  const languageShare: Record<string, LanguageShare> = {};
  for (const result of results) {
    addTo(byLang, result.lang, result.passed);
    for (const tag of new Set(result.tags)) {
      addTo(byTag, tag, result.passed);
    }
    for (const turn of result.turns) {
      if (turn.inLanguage === undefined) {
        continue;
      }
      const share = languageShare[result.lang] ?? { replies: 0, inLanguage: 0, percent: 0 };
      const inLanguage = share.inLanguage + (turn.inLanguage ? 1 : 0);
      languageShare[result.lang] = {
        replies: share.replies + 1,
        inLanguage,
        percent: percentOf(inLanguage, share.replies + 1),
      };
    }
  }
  const passed = results.filter((result) => result.passed).length;
  return {
    overall: score(passed, results.length + errors.length),
    byTag: sortedRecord(byTag),
    byLang: sortedRecord(byLang),
    languageShare: sortedRecord(languageShare),
    malformed: errors.length,
  };
}

const DEFAULT_REPLY_CHARS = 600;

function truncate(text: string, max: number | undefined): string {
  return max === undefined || text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more chars)`;
}

const indent = (text: string, prefix: string): string =>
  text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

/** The printed report: scores, then every failing case with its turn, the failed checks and the reply. */
export function formatReport(
  summary: Summary,
  results: CaseResult[],
  errors: CaseParseError[] = [],
  options: { verbose?: boolean } = {},
): string {
  const out: string[] = [];
  const line = (label: string, s: Score, width: number): string =>
    `  ${label.padEnd(width)} ${`${s.passed}/${s.total}`.padStart(7)}  ${s.percent.toFixed(1).padStart(5)}%`;
  const width = (keys: string[]): number => Math.max(4, ...keys.map((key) => key.length));

  const { overall } = summary;
  out.push(
    `Overall: ${overall.passed}/${overall.total} cases passed (${overall.percent.toFixed(1)}%)` +
      (summary.malformed > 0 ? `, ${summary.malformed} malformed line(s) counted as failed` : ''),
  );
  const tags = Object.keys(summary.byTag);
  if (tags.length > 0) {
    out.push('', 'By tag:');
    const w = width(tags);
    for (const [tag, s] of Object.entries(summary.byTag)) {
      out.push(line(tag, s, w));
    }
  }
  const langs = Object.keys(summary.byLang);
  if (langs.length > 0) {
    out.push('', 'By language (cases passed; replies in the asker’s language):');
    const w = width(langs);
    for (const [lang, s] of Object.entries(summary.byLang)) {
      const share = summary.languageShare[lang];
      const inLanguage = share
        ? `   in ${lang}: ${share.inLanguage}/${share.replies} replies (${share.percent.toFixed(1)}%)`
        : '   language not checked';
      out.push(`${line(lang, s, w)}${inLanguage}`);
    }
  }

  const failing = results.filter((result) => !result.passed);
  if (failing.length > 0 || errors.length > 0) {
    out.push('', `Failures (${failing.length + errors.length}):`);
  }
  for (const error of errors) {
    out.push(`✗ line ${error.line}: malformed case: ${error.message}`);
  }
  const maxChars = options.verbose ? undefined : DEFAULT_REPLY_CHARS;
  for (const result of failing) {
    out.push(`✗ ${result.id} [${result.lang}${result.tags.length > 0 ? `; ${result.tags.join(', ')}` : ''}]`);
    for (const turn of result.turns) {
      if (turn.passed && !options.verbose) {
        continue;
      }
      out.push(`  turn ${turn.turn}/${result.turns.length} ${turn.passed ? '✓' : '✗'} "${turn.text}"`);
      for (const failure of turn.failures) {
        out.push(`    - ${failure}`);
      }
      out.push(`    reply:`, indent(truncate(turn.reply, maxChars) || '(no reply)', '      | '));
    }
  }
  return `${out.join('\n')}\n`;
}
