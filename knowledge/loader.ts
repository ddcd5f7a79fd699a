/**
 * Reads the YAML content under a folder and validates it against the schema. Never throws on bad
 * content: every problem is returned as a message naming the file, the entry and the field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { applyTranslations } from './translations';
import { ContentFile, Entry, TAXONOMY_KINDS, TaxonomyFile, TaxonomyTerm, type TaxonomyKind } from './schema';

export interface LoadedEntry {
  entry: Entry;
  /** Path relative to the content folder, with forward slashes. */
  file: string;
}

export interface LoadedContent {
  entries: LoadedEntry[];
  taxonomies: Record<TaxonomyKind, TaxonomyTerm[]>;
  errors: string[];
  /** Problems that do not stop a build (stale translations). */
  warnings: string[];
}

/** Lists every .yaml/.yml file below a folder, sorted, so builds are deterministic. */
function listYamlFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      files.push(...listYamlFiles(root, full));
    } else if (/\.ya?ml$/.test(name)) {
      files.push(full);
    }
  }
  return files;
}

function formatIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(entry)';
    return `${where}: field "${field}": ${issue.message}`;
  });
}

function describeItem(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : undefined;
  return id ? `entry "${id}"` : `entry #${index + 1}`;
}

/**
 * Loads and validates all content files below `contentDir`, then merges the translations found in
 * `translationsDir` (by default the `translations` folder beside the content folder).
 */
export function loadContent(
  contentDir: string,
  translationsDir: string = path.join(contentDir, '..', 'translations'),
): LoadedContent {
  const entries: LoadedEntry[] = [];
  const errors: string[] = [];
  const taxonomies = Object.fromEntries(TAXONOMY_KINDS.map((kind) => [kind, [] as TaxonomyTerm[]])) as Record<
    TaxonomyKind,
    TaxonomyTerm[]
  >;

  for (const full of listYamlFiles(contentDir)) {
    const file = path.relative(contentDir, full).split(path.sep).join('/');
    const doc = parseDocument(readFileSync(full, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length > 0) {
      errors.push(...doc.errors.map((e) => `${file}: YAML error: ${e.message.split('\n')[0]}`));
      continue;
    }
    const data: unknown = doc.toJS();
    if (typeof data === 'object' && data !== null && 'taxonomy' in data) {
      const parsed = TaxonomyFile.safeParse(data);
      if (!parsed.success) {
        errors.push(...formatIssues(file, parsed.error));
        continue;
      }
      parsed.data.terms.forEach((raw, index) => {
        const term = TaxonomyTerm.safeParse(raw);
        if (term.success) {
          taxonomies[parsed.data.taxonomy].push(term.data);
        } else {
          errors.push(...formatIssues(`${file}: term ${describeItem(raw, index).replace('entry ', '')}`, term.error));
        }
      });
      continue;
    }
    const parsed = ContentFile.safeParse(data);
    if (!parsed.success) {
      errors.push(...formatIssues(file, parsed.error));
      continue;
    }
    parsed.data.entries.forEach((raw, index) => {
      const entry = Entry.safeParse(raw);
      if (entry.success) {
        entries.push({ entry: entry.data, file });
      } else {
        errors.push(...formatIssues(`${file}: ${describeItem(raw, index)}`, entry.error));
      }
    });
  }
  const translated = applyTranslations(
    translationsDir,
    entries.map(({ entry }) => entry),
  );
  return { entries, taxonomies, errors: [...errors, ...translated.errors], warnings: translated.warnings };
}
