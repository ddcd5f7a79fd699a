/**
 * Checks the translations against English: every key, every {{placeholder}} and every CLDR plural
 * form of the language. Languages marked interfaceComplete must have every key; the others may
 * miss keys (English is shown) but what they have must be right.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, type LanguageCode } from './languages';

export interface LocaleReport {
  errors: string[];
  /** Keys present in English and missing in a language that may fall back (informational). */
  missing: Record<string, number>;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Flattens nested JSON into dotted keys; arrays (keyword lists) count as one value. */
function flatten(value: Json, prefix: string, out: Map<string, Json>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, value);
  }
}

function readLanguage(localesDir: string, lng: string): Map<string, Json> {
  const dir = path.join(localesDir, lng);
  const out = new Map<string, Json>();
  if (!existsSync(dir)) {
    return out;
  }
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const ns = file.replace(/\.json$/, '');
    flatten(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json, ns, out);
  }
  return out;
}

function placeholders(value: Json | undefined): string[] {
  return typeof value === 'string' ? [...value.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort() : [];
}

/** Checks every language folder under `localesDir` against English. */
export function checkLocales(localesDir: string): LocaleReport {
  const errors: string[] = [];
  const missing: Record<string, number> = {};
  const english = readLanguage(localesDir, DEFAULT_LANGUAGE);
  // Plural groups: base key → its English value (for placeholders).
  const pluralBases = new Map<string, Json | undefined>();
  for (const [key, value] of english) {
    const match = PLURAL_SUFFIX.exec(key);
    if (match) {
      pluralBases.set(key.slice(0, -match[0].length), value);
    }
  }
  for (const lng of LANGUAGE_CODES) {
    const own = readLanguage(localesDir, lng);
    if (own.size === 0 && lng !== DEFAULT_LANGUAGE) {
      if (LANGUAGES[lng].interfaceComplete) {
        errors.push(`${lng}: marked complete in languages.ts but has no locale files`);
      }
      continue;
    }
    const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    let missingCount = 0;
    for (const [key, value] of english) {
      if (PLURAL_SUFFIX.test(key) || key === 'common.meta.reviewed') {
        continue;
      }
      if (!own.has(key)) {
        missingCount += 1;
        continue;
      }
      const expected = placeholders(value).join(',');
      const actual = placeholders(own.get(key)).join(',');
      if (expected !== actual) {
        errors.push(`${lng}: ${key}: placeholders {{${actual}}} differ from English {{${expected}}}`);
      }
      if (Array.isArray(value) !== Array.isArray(own.get(key))) {
        errors.push(`${lng}: ${key}: must be ${Array.isArray(value) ? 'a list' : 'a text'} as in English`);
      }
    }
    for (const [base, value] of pluralBases) {
      const present = categories.filter((category) => own.has(`${base}_${category}`));
      if (present.length === 0) {
        missingCount += 1;
        continue;
      }
      for (const category of categories) {
        const form = own.get(`${base}_${category}`);
        if (form === undefined) {
          errors.push(`${lng}: ${base}: plural form "${category}" is missing (CLDR needs ${categories.join(', ')})`);
        } else if (placeholders(form).join(',') !== placeholders(value).join(',')) {
          errors.push(`${lng}: ${base}_${category}: placeholders differ from English`);
        }
      }
    }
    for (const key of own.keys()) {
      const base = key.replace(PLURAL_SUFFIX, '');
      if (!english.has(key) && !pluralBases.has(base) && key !== 'common.meta.reviewed') {
        errors.push(`${lng}: ${key}: not in English (a typo, or a key that was removed?)`);
      }
    }
    if (own.get('common.meta.reviewed') === undefined) {
      errors.push(`${lng}: common.json must record meta.reviewed (true once a person has reviewed it)`);
    }
    if (missingCount > 0) {
      if (LANGUAGES[lng as LanguageCode].interfaceComplete) {
        errors.push(`${lng}: ${missingCount} key(s) missing, but languages.ts marks it complete`);
      }
      missing[lng] = missingCount;
    }
  }
  return { errors, missing };
}
