/**
 * Translations of entry texts live beside the content, one folder per language
 * (`knowledge/translations/<lang>/*.yaml`), so that translators never edit the English source files.
 * Each translated entry records the fingerprint of the English text it was made from: when the English
 * changes, the translation is stale, is not used (the English shows, with its note) and kb:check warns.
 *
 * An entry may be translated in several files (e.g. its steps later), as long as no field is given twice.
 * A translation mirrors the entry's texts: `title`, `summary`, `facts` (same number, same order), and
 * any other text field at the same path (`whoApplies`, `selfEmployment.text`, `steps`, `waiting.condition` …).
 * Question phrasings in the language may be added as `questions` (they feed the search index).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { isLanguageCode, type LanguageCode } from '../locales/languages';
import type { Entry } from './schema';

/** Fields that hold search phrasings per language (lists), not texts to translate. */
const LIST_FIELDS = new Set(['questions', 'keywords']);

/** Length of the English fingerprint in hex characters. */
const FINGERPRINT_LENGTH = 10;

type Path = (string | number)[];

export interface TextField {
  path: Path;
  text: Record<string, string | undefined>;
}

function isLocalText(value: unknown): value is Record<string, string | undefined> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { en?: unknown }).en === 'string'
  );
}

/** Every translatable text of an entry with its path, in a stable order (the order of the entry's fields). */
export function textFields(entry: Entry): TextField[] {
  const fields: TextField[] = [];
  const walk = (value: unknown, at: Path): void => {
    if (isLocalText(value)) {
      fields.push({ path: at, text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...at, index]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (at.length === 0 && LIST_FIELDS.has(key)) {
          continue;
        }
        walk(child, [...at, key]);
      }
    }
  };
  walk(entry, []);
  return fields;
}

/** A short hash of the entry's English texts; a translation is current while this matches. */
export function englishFingerprint(entry: Entry): string {
  const english = textFields(entry).map((field) => [field.path.join('.'), field.text.en]);
  return createHash('sha256').update(JSON.stringify(english)).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

const TranslatedEntry = z
  .object({ from: z.string().regex(/^[0-9a-f]+$/, 'must be the fingerprint printed by kb:translations') })
  .catchall(z.unknown());
const TranslationFile = z.object({ entries: z.record(z.string(), TranslatedEntry) }).strict();

export interface TranslationReport {
  errors: string[];
  warnings: string[];
}

function valueAt(root: unknown, at: Path): unknown {
  let value = root;
  for (const key of at) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Paths of the strings in a translated entry (other than `from` and `questions`). */
function translatedPaths(value: unknown, at: Path = []): Path[] {
  if (typeof value === 'string') {
    return [at];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => translatedPaths(item, [...at, index]));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) =>
      at.length === 0 && (key === 'from' || key === 'questions') ? [] : translatedPaths(child, [...at, key]),
    );
  }
  return [];
}

function listYaml(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        return listYaml(full);
      }
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/** Merges one language's translation into the entries; returns what was wrong or stale. */
function applyFile(
  lang: LanguageCode,
  file: string,
  data: z.infer<typeof TranslationFile>,
  byId: Map<string, Entry>,
  seen: Map<string, Set<string>>,
  report: TranslationReport,
): void {
  for (const [id, translated] of Object.entries(data.entries)) {
    const where = `${file}: entry "${id}"`;
    const entry = byId.get(id);
    if (!entry) {
      report.errors.push(`${where}: no entry with this id in the content`);
      continue;
    }
    const fields = new Map(textFields(entry).map((field) => [field.path.join('.'), field]));
    const paths = translatedPaths(translated).map((at) => at.join('.'));
    // An entry may be translated in parts (its short texts first, its steps later), each field once.
    const earlier = seen.get(id) ?? new Set<string>();
    const twice = paths.filter((key) => earlier.has(key));
    if (twice.length > 0) {
      report.errors.push(`${where}: translated twice in ${lang}: ${twice.join(', ')}`);
      continue;
    }
    paths.forEach((key) => earlier.add(key));
    seen.set(id, earlier);
    const unknownPaths = paths.filter((key) => !fields.has(key));
    if (unknownPaths.length > 0) {
      report.errors.push(`${where}: no English text at ${unknownPaths.join(', ')}`);
      continue;
    }
    if (translated.from !== englishFingerprint(entry)) {
      report.warnings.push(`${where}: the English text changed since this translation (stale, not used)`);
      continue;
    }
    for (const [key, field] of fields) {
      const value = valueAt(translated, field.path);
      if (typeof value === 'string' && value.trim().length > 0) {
        field.text[lang] = value.trim();
      } else if (value !== undefined) {
        report.errors.push(`${where}: field "${key}" must be a non-empty text`);
      }
    }
    const questions = translated.questions;
    if (Array.isArray(questions) && questions.every((q) => typeof q === 'string')) {
      entry.questions = { ...entry.questions, [lang]: questions as string[] };
    } else if (questions !== undefined) {
      report.errors.push(`${where}: field "questions" must be a list of texts`);
    }
  }
}

/** Reads `<translationsDir>/<lang>/*.yaml` and merges every current translation into the entries. */
export function applyTranslations(translationsDir: string, entries: Entry[]): TranslationReport {
  const report: TranslationReport = { errors: [], warnings: [] };
  if (!existsSync(translationsDir)) {
    return report;
  }
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const lang of readdirSync(translationsDir).sort()) {
    const dir = path.join(translationsDir, lang);
    if (!statSync(dir).isDirectory()) {
      continue;
    }
    if (!isLanguageCode(lang) || lang === 'en') {
      report.errors.push(`translations/${lang}: not a supported translation language`);
      continue;
    }
    const seen = new Map<string, Set<string>>();
    for (const full of listYaml(dir)) {
      const file = `translations/${path.relative(translationsDir, full).split(path.sep).join('/')}`;
      const doc = parseDocument(readFileSync(full, 'utf8'), { uniqueKeys: true });
      if (doc.errors.length > 0) {
        report.errors.push(...doc.errors.map((e) => `${file}: YAML error: ${e.message.split('\n')[0]}`));
        continue;
      }
      const parsed = TranslationFile.safeParse(doc.toJS());
      if (!parsed.success) {
        report.errors.push(
          ...parsed.error.issues.map((issue) => `${file}: field "${issue.path.join('.')}": ${issue.message}`),
        );
        continue;
      }
      applyFile(lang, file, parsed.data, byId, seen, report);
    }
  }
  return report;
}

/** Share of text fields per language and entry kind, for kb:check's per-language coverage. */
export function translationCoverage(entries: Entry[]): Map<string, Record<LanguageCode, number>> {
  const totals = new Map<string, { all: number; per: Partial<Record<LanguageCode, number>> }>();
  for (const entry of entries) {
    const row = totals.get(entry.kind) ?? { all: 0, per: {} };
    for (const field of textFields(entry)) {
      row.all += 1;
      for (const [lang, value] of Object.entries(field.text)) {
        if (value && isLanguageCode(lang)) {
          row.per[lang] = (row.per[lang] ?? 0) + 1;
        }
      }
    }
    totals.set(entry.kind, row);
  }
  const result = new Map<string, Record<LanguageCode, number>>();
  for (const [kind, row] of totals) {
    const shares = {} as Record<LanguageCode, number>;
    for (const [lang, count] of Object.entries(row.per) as [LanguageCode, number][]) {
      shares[lang] = row.all === 0 ? 0 : count / row.all;
    }
    result.set(kind, shares);
  }
  return result;
}
