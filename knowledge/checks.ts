/**
 * Cross-checks over loaded knowledge content, beyond what the schema can say about one entry:
 * duplicate ids, dangling references, URLs, dates, stale entries and the coverage matrix.
 * A pure function of the content (and an injected "today"), so every rule is unit-testable.
 */
import { LANGUAGE_CODES, type LanguageCode } from '../locales/languages';
import { translationCoverage } from './translations';
import type { LoadedContent, LoadedEntry } from './loader';
import {
  COUNTRY_CODES,
  EMPLOYER_RULE_TYPES,
  STATUS_IDS,
  TAXONOMY_KINDS,
  type CountryCode,
  type Entry,
  type TaxonomyKind,
  type TaxonomyTerm,
} from './schema';

/** ok: answered; partial: answered, some details unknown; unknown: the main fact is unknown; missing: no entry. */
export type CoverageStatus = 'ok' | 'partial' | 'unknown' | 'missing';

export interface CoverageColumn {
  key: string;
  /** Short header for the printed table. */
  label: string;
  /** What the column needs, in words, for error messages. */
  description: string;
  /** A missing required cell is an error. */
  required: boolean;
  /** Count columns show how many entries match; the cell is missing below this count. */
  minCount?: number;
}

export interface CoverageCell {
  status: CoverageStatus;
  /** How many entries of the country match the column. */
  count: number;
  ids: string[];
}

export interface CoverageMatrix {
  columns: CoverageColumn[];
  cells: Record<CountryCode, Record<string, CoverageCell>>;
}

export interface CheckOptions {
  /** Today's date (YYYY-MM-DD); entries past their reviewBy date become warnings. No staleness check without it. */
  today?: string;
  /** Whether gaps in the coverage matrix are errors (true by default; the build turns it off). */
  coverage?: boolean;
}

export interface CheckResult {
  errors: string[];
  warnings: string[];
  matrix: CoverageMatrix;
}

/** The professions every country must cover (taxonomy ids). */
export const REQUIRED_PROFESSIONS = ['doctor', 'nurse', 'teacher', 'engineer'] as const;
/** The minimum number of directory (organisation) entries per country. */
export const MIN_DIRECTORY_ENTRIES = 8;

interface TopicDefinition extends CoverageColumn {
  matches: (entry: Entry) => boolean;
  /** Count columns show a number instead of ok/unknown. */
  counted: boolean;
}

const STATUS_LABELS: Record<(typeof STATUS_IDS)[number], string> = {
  refugee: 'ref',
  subsidiary_protection: 'sub',
  asylum_seeker: 'asy',
  temporary_protection: 'tp',
};

const EMPLOYER_LABELS: Record<(typeof EMPLOYER_RULE_TYPES)[number], string> = {
  checks: 'emp.chk',
  filing: 'emp.file',
  permits: 'emp.perm',
  fines: 'emp.fine',
  incentives: 'emp.inc',
};

const TOPICS: readonly TopicDefinition[] = [
  ...STATUS_IDS.map((status): TopicDefinition => ({
    key: `work.${status}`,
    label: `wk.${STATUS_LABELS[status]}`,
    description: `a workRight entry with status ${status}`,
    required: true,
    counted: false,
    matches: (entry) => entry.kind === 'workRight' && entry.status === status,
  })),
  ...(
    [
      ['academic', 'rec.acad'],
      ['vocational', 'rec.voc'],
      ['no_documents', 'rec.nodoc'],
      ['regulated', 'rec.reg'],
    ] as const
  ).map(([type, label]): TopicDefinition => ({
    key: `recognition.${type}`,
    label,
    description: `a procedure entry with procedureType ${type}`,
    required: true,
    counted: false,
    matches: (entry) => entry.kind === 'procedure' && entry.procedureType === type,
  })),
  ...REQUIRED_PROFESSIONS.map((profession): TopicDefinition => ({
    key: `profession.${profession}`,
    label: `pr.${profession.slice(0, 3)}`,
    description: `a profession entry for ${profession}`,
    required: true,
    counted: false,
    matches: (entry) => entry.kind === 'profession' && entry.profession === profession,
  })),
  {
    key: 'validation',
    label: 'valid',
    description: 'a procedure entry with procedureType validation',
    required: true,
    counted: false,
    matches: (entry) => entry.kind === 'procedure' && entry.procedureType === 'validation',
  },
  ...EMPLOYER_RULE_TYPES.map((ruleType): TopicDefinition => ({
    key: `employer.${ruleType}`,
    label: EMPLOYER_LABELS[ruleType],
    description: `an employerRule entry with ruleType ${ruleType}`,
    required: true,
    counted: false,
    matches: (entry) => entry.kind === 'employerRule' && entry.ruleType === ruleType,
  })),
  {
    key: 'directory',
    label: 'dir',
    description: `at least ${MIN_DIRECTORY_ENTRIES} organisation entries`,
    required: true,
    minCount: MIN_DIRECTORY_ENTRIES,
    counted: true,
    matches: (entry) => entry.kind === 'organisation',
  },
  {
    key: 'stories',
    label: 'story',
    description: 'story entries',
    required: false,
    counted: true,
    matches: (entry) => entry.kind === 'story',
  },
];

/** The columns of the coverage matrix, in print order. */
export const COVERAGE_COLUMNS: readonly CoverageColumn[] = TOPICS.map(
  ({ key, label, description, required, minCount }): CoverageColumn => ({
    key,
    label,
    description,
    required,
    ...(minCount === undefined ? {} : { minCount }),
  }),
);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHITESPACE = /\s/;
const HTTP_URL = /^https?:\/\/[^/?#]+/;

function where(item: LoadedEntry): string {
  return `${item.file}: entry "${item.entry.id}"`;
}

function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a URL is not acceptable, or undefined when it is fine. */
export function urlProblem(url: string): string | undefined {
  if (WHITESPACE.test(url)) {
    return 'contains a space';
  }
  if (!HTTP_URL.test(url)) {
    return 'must start with http:// or https:// and name a host';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a well-formed URL';
  }
  if (!parsed.hostname.includes('.')) {
    return 'has no domain name';
  }
  return undefined;
}

/** Every value of a key named `url` anywhere in an entry, with its field path. */
function collectUrls(value: unknown, path: string, out: Array<{ field: string; url: unknown }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectUrls(item, `${path}.${index}`, out));
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === 'url') {
      out.push({ field, url: child });
    } else {
      collectUrls(child, field, out);
    }
  }
}

/**
 * Whether the main fact of an entry is unknown (can this status work? is this profession regulated?),
 * as opposed to a detail such as a fee or a processing time.
 */
export function mainFactUnknown(entry: Entry): boolean {
  switch (entry.kind) {
    case 'workRight':
      return entry.canWork === 'unknown';
    case 'profession':
      return entry.regulated === 'unknown';
    case 'procedure':
      return entry.unknown !== undefined && !entry.body && !entry.bodyName && !entry.url && !entry.steps?.length;
    default:
      return entry.unknown !== undefined && (entry.facts?.length ?? 0) === 0;
  }
}

/** Whether an entry says that part of its answer is not known. */
export function hasUnknown(entry: Entry): boolean {
  if (entry.unknown !== undefined) {
    return true;
  }
  switch (entry.kind) {
    case 'workRight':
      return (
        entry.canWork === 'unknown' || entry.permitNeeded === 'unknown' || entry.selfEmployment.allowed === 'unknown'
      );
    case 'profession':
      return entry.regulated === 'unknown';
    default:
      return false;
  }
}

type TaxonomyIndex = Record<TaxonomyKind, Map<string, TaxonomyTerm>>;

function indexTaxonomies(content: LoadedContent): TaxonomyIndex {
  return Object.fromEntries(
    TAXONOMY_KINDS.map((kind) => [kind, new Map(content.taxonomies[kind].map((term) => [term.id, term]))]),
  ) as TaxonomyIndex;
}

function checkTaxonomies(content: LoadedContent, errors: string[]): void {
  for (const kind of TAXONOMY_KINDS) {
    const seen = new Set<string>();
    for (const term of content.taxonomies[kind]) {
      if (seen.has(term.id)) {
        errors.push(`taxonomy ${kind}: duplicate id "${term.id}"`);
      }
      seen.add(term.id);
    }
  }
  const regions = new Set(content.taxonomies.regions.map((term) => term.id));
  for (const kind of TAXONOMY_KINDS) {
    for (const term of content.taxonomies[kind]) {
      if (term.region !== undefined && !regions.has(term.region)) {
        errors.push(`taxonomy ${kind}: term "${term.id}": field "region": unknown region id "${term.region}"`);
      }
    }
  }
}

function checkEntry(
  item: LoadedEntry,
  ids: Map<string, LoadedEntry>,
  taxonomy: TaxonomyIndex,
  options: CheckOptions,
  errors: string[],
  warnings: string[],
): void {
  const { entry } = item;
  const at = where(item);

  const prefix = entry.id.split('.')[0];
  if (prefix !== entry.country.toLowerCase()) {
    warnings.push(`${at}: field "id": should start with "${entry.country.toLowerCase()}." (the entry's country)`);
  }

  for (const [index, related] of (entry.related ?? []).entries()) {
    if (!ids.has(related)) {
      errors.push(`${at}: field "related.${index}": unknown entry id "${related}"`);
    }
  }
  if ((entry.kind === 'procedure' || entry.kind === 'profession') && entry.body !== undefined) {
    const body = ids.get(entry.body);
    if (!body) {
      errors.push(`${at}: field "body": unknown entry id "${entry.body}"`);
    } else if (body.entry.kind !== 'organisation') {
      errors.push(`${at}: field "body": "${entry.body}" is a ${body.entry.kind} entry, not an organisation`);
    }
  }

  for (const [index, regionId] of (entry.regions ?? []).entries()) {
    const region = taxonomy.regions.get(regionId);
    if (!region) {
      errors.push(`${at}: field "regions.${index}": unknown region id "${regionId}" (see taxonomy/regions)`);
    } else if (region.country !== undefined && entry.country !== 'EU' && region.country !== entry.country) {
      errors.push(
        `${at}: field "regions.${index}": region "${regionId}" belongs to ${region.country}, not ${entry.country}`,
      );
    }
  }
  if (entry.kind === 'organisation') {
    for (const [index, city] of (entry.cities ?? []).entries()) {
      if (!taxonomy.cities.has(city)) {
        errors.push(`${at}: field "cities.${index}": unknown city id "${city}" (see taxonomy/cities)`);
      }
    }
  }
  if (entry.kind === 'profession' && !taxonomy.professions.has(entry.profession)) {
    errors.push(`${at}: field "profession": unknown profession id "${entry.profession}" (see taxonomy/professions)`);
  }
  if (entry.kind === 'story') {
    for (const [index, profession] of (entry.professions ?? []).entries()) {
      if (!taxonomy.professions.has(profession)) {
        errors.push(
          `${at}: field "professions.${index}": unknown profession id "${profession}" (see taxonomy/professions)`,
        );
      }
    }
  }

  const urls: Array<{ field: string; url: unknown }> = [];
  collectUrls(entry, '', urls);
  for (const { field, url } of urls) {
    const problem = typeof url === 'string' ? urlProblem(url) : 'must be a text';
    if (problem) {
      errors.push(`${at}: field "${field}": URL ${problem}: ${String(url)}`);
    }
  }

  if (entry.sources.length === 0) {
    errors.push(`${at}: field "sources": every entry needs at least one source`);
  }
  entry.sources.forEach((source, index) => {
    if (source.title.trim() === '') {
      errors.push(`${at}: field "sources.${index}.title": a source needs a title`);
    }
  });

  const datesValid = isRealDate(entry.verifiedOn) && isRealDate(entry.reviewBy);
  if (!isRealDate(entry.verifiedOn)) {
    errors.push(`${at}: field "verifiedOn": "${entry.verifiedOn}" is not a real date`);
  }
  if (!isRealDate(entry.reviewBy)) {
    errors.push(`${at}: field "reviewBy": "${entry.reviewBy}" is not a real date`);
  }
  if (datesValid && entry.reviewBy <= entry.verifiedOn) {
    errors.push(`${at}: field "reviewBy": ${entry.reviewBy} must be after verifiedOn ${entry.verifiedOn}`);
  }
  if (datesValid && options.today !== undefined) {
    if (entry.reviewBy < options.today) {
      warnings.push(`${at}: past its review date ${entry.reviewBy}: check the sources again`);
    }
    if (entry.verifiedOn > options.today) {
      warnings.push(`${at}: field "verifiedOn": ${entry.verifiedOn} is in the future`);
    }
  }
}

/** Builds the coverage matrix: for each country and topic, whether the content answers it. */
export function coverageMatrix(content: LoadedContent): CoverageMatrix {
  const cells = Object.fromEntries(
    COUNTRY_CODES.map((country) => {
      const ofCountry = content.entries.map(({ entry }) => entry).filter((entry) => entry.country === country);
      const row = Object.fromEntries(
        TOPICS.map((topic): [string, CoverageCell] => {
          const matching = ofCountry.filter(topic.matches);
          const ids = matching.map((entry) => entry.id).sort();
          let status: CoverageStatus;
          if (matching.length < (topic.minCount ?? 1)) {
            status = 'missing';
          } else if (!topic.counted && matching.every(mainFactUnknown)) {
            status = 'unknown';
          } else if (!topic.counted && matching.some(hasUnknown)) {
            status = 'partial';
          } else {
            status = 'ok';
          }
          return [topic.key, { status, count: matching.length, ids }];
        }),
      );
      return [country, row];
    }),
  ) as Record<CountryCode, Record<string, CoverageCell>>;
  return { columns: [...COVERAGE_COLUMNS], cells };
}

/** Runs every cross-check over loaded content. Schema errors from loading are included in `errors`. */
export function checkContent(content: LoadedContent, options: CheckOptions = {}): CheckResult {
  const errors = [...content.errors];
  const warnings: string[] = [...content.warnings];

  const ids = new Map<string, LoadedEntry>();
  for (const item of content.entries) {
    const first = ids.get(item.entry.id);
    if (first) {
      errors.push(`duplicate id "${item.entry.id}" in ${first.file} and ${item.file}`);
    } else {
      ids.set(item.entry.id, item);
    }
  }

  checkTaxonomies(content, errors);
  const taxonomy = indexTaxonomies(content);
  for (const item of content.entries) {
    checkEntry(item, ids, taxonomy, options, errors, warnings);
  }

  const matrix = coverageMatrix(content);
  if (options.coverage ?? true) {
    for (const country of COUNTRY_CODES) {
      for (const column of matrix.columns) {
        const cell = matrix.cells[country][column.key];
        if (column.required && cell?.status === 'missing') {
          const found = column.minCount === undefined ? '' : ` (found ${cell.count})`;
          errors.push(`coverage: ${country} needs ${column.description}${found}`);
        }
      }
    }
  }
  return { errors, warnings, matrix };
}

/** How many entries have a summary in each language. */
export function summaryLanguageCounts(content: LoadedContent): Record<LanguageCode, number> {
  const counts = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, 0])) as Record<LanguageCode, number>;
  for (const { entry } of content.entries) {
    const summary: Partial<Record<LanguageCode, string>> = entry.summary;
    for (const code of LANGUAGE_CODES) {
      if (summary[code] !== undefined) {
        counts[code] += 1;
      }
    }
  }
  return counts;
}

const COUNTRY_COLUMN_WIDTH = 4;

function renderCell(column: CoverageColumn, cell: CoverageCell | undefined): string {
  if (!cell) {
    return '-';
  }
  const counted = TOPICS.find((topic) => topic.key === column.key)?.counted ?? false;
  if (counted) {
    return cell.status === 'missing' && column.required ? `MISSING(${cell.count})` : String(cell.count);
  }
  return cell.status === 'missing' ? 'MISSING' : cell.status;
}

/** The coverage matrix as a plain-text table (rows = countries, columns = topics) with a legend. */
export function formatCoverageTable(matrix: CoverageMatrix): string {
  const header = ['', ...matrix.columns.map((column) => column.label)];
  const rows = COUNTRY_CODES.map((country) => [
    country,
    ...matrix.columns.map((column) => renderCell(column, matrix.cells[country][column.key])),
  ]);
  const widths = header.map((title, index) =>
    Math.max(index === 0 ? COUNTRY_COLUMN_WIDTH : 0, title.length, ...rows.map((row) => row[index]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join(' ')
      .trimEnd();
  const labelWidth = Math.max(...matrix.columns.map((column) => column.label.length));
  const legend = matrix.columns.map((column) => `  ${column.label.padEnd(labelWidth)}  ${column.description}`);
  const states = [
    'Cells:',
    '  ok         answered',
    '  partial    answered; some details are not known (the entry says so and names who to ask)',
    '  unknown    the main fact is not known (the entry says so and names who to ask)',
    '  MISSING    no entry',
  ];
  return [line(header), ...rows.map(line), '', 'Columns:', ...legend, '', ...states].join('\n');
}

/**
 * The knowledge texts per language: rows are entry kinds, cells the share (in %) of the kind's text
 * fields that exist in the language (English is always 100).
 */
export function formatTranslationMatrix(content: LoadedContent): string {
  const coverage = translationCoverage(content.entries.map(({ entry }) => entry));
  const kinds = [...coverage.keys()].sort();
  const kindWidth = Math.max(4, ...kinds.map((kind) => kind.length));
  const header = ['kind'.padEnd(kindWidth), ...LANGUAGE_CODES.map((code) => code.padStart(4))].join(' ');
  const rows = kinds.map((kind) => {
    const shares = coverage.get(kind) ?? ({} as Record<LanguageCode, number>);
    return [
      kind.padEnd(kindWidth),
      ...LANGUAGE_CODES.map((code) => String(Math.round((shares[code] ?? 0) * 100)).padStart(4)),
    ].join(' ');
  });
  return [header, ...rows].join('\n');
}

/** Summary-language counts as one line, e.g. "en 120  fr 14  ar 3". */
export function formatLanguageCounts(counts: Record<LanguageCode, number>): string {
  return LANGUAGE_CODES.map((code) => `${code} ${counts[code]}`).join('  ');
}
