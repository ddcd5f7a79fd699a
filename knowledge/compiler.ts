/**
 * Compiles the YAML knowledge content into one SQLite file: validated entries, their text per
 * language, two FTS5 indexes (words and trigrams), the taxonomies with every synonym, and meta data.
 * The same content always gives a byte-identical file (sorted inserts, no timestamps, fixed page
 * size, VACUUM at the end).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_CODES, type LanguageCode } from '../locales/languages';
import { checkContent } from './checks';
import { loadContent, type LoadedContent, type LoadedEntry } from './loader';
import { normalize } from './normalize';
import { TAXONOMY_KINDS, type Entry, type TaxonomyTerm } from './schema';
import { KNOWLEDGE_SCHEMA_VERSION, META_KEYS, PAGE_SIZE, SCHEMA_SQL } from './sqliteSchema';
import type { KnowledgeMeta } from './types';

/** The text of one entry in one language, as stored in entry_text. */
export interface EntryText {
  lang: LanguageCode;
  title: string;
  /** Summary, facts, the kind's own text fields, then names that need no translation (body, authority, person). */
  body: string;
  /** One question phrasing per line. */
  questions: string;
  /** One keyword per line. */
  keywords: string;
}

export type CompileResult =
  { ok: true; meta: KnowledgeMeta; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };

type LanguageTexts = Partial<Record<LanguageCode, string>>;
type LanguageLists = Partial<Record<LanguageCode, string[]>>;

/** Fields handled on their own (or not text at all); every other localized text in an entry goes into `body`. */
const NOT_BODY_FIELDS = new Set([
  'id',
  'kind',
  'country',
  'regions',
  'title',
  'summary',
  'facts',
  'questions',
  'keywords',
  'sources',
  'verifiedOn',
  'reviewBy',
  'related',
]);

const LANGUAGE_SET: ReadonlySet<string> = new Set(LANGUAGE_CODES);

function isLocalText(value: unknown): value is LanguageTexts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const fields = Object.entries(value);
  return (
    fields.some(([key]) => key === 'en') &&
    fields.every(([key, text]) => LANGUAGE_SET.has(key) && (typeof text === 'string' || text === undefined))
  );
}

/** Collects, in field order, the localized texts of one language below a value. */
function collectLocalTexts(value: unknown, lang: LanguageCode, out: string[]): void {
  if (isLocalText(value)) {
    const text = value[lang];
    if (text !== undefined) {
      out.push(text);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectLocalTexts(item, lang, out));
  } else if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((child) => collectLocalTexts(child, lang, out));
  }
}

/** Names that are the same in every language: the body running a procedure, an authority, a person. */
function neutralNames(entry: Entry): string[] {
  const names: string[] = [];
  if (entry.kind === 'procedure' && entry.bodyName !== undefined) {
    names.push(entry.bodyName);
  }
  if (entry.kind === 'profession' && entry.authority !== undefined) {
    names.push(entry.authority.name);
  }
  if (entry.kind === 'story') {
    names.push(entry.person);
  }
  if (entry.responsibleBody !== undefined) {
    names.push(entry.responsibleBody.name);
  }
  return names;
}

/** The text rows of an entry: one per language that has any text (English always). */
export function entryTexts(entry: Entry): EntryText[] {
  const title: LanguageTexts = entry.title;
  const summary: LanguageTexts = entry.summary;
  const questions: LanguageLists = entry.questions ?? {};
  const keywords: LanguageLists = entry.keywords ?? {};
  const names = neutralNames(entry);
  const rows: EntryText[] = [];
  for (const lang of LANGUAGE_CODES) {
    const own: string[] = [];
    for (const [field, value] of Object.entries(entry)) {
      if (!NOT_BODY_FIELDS.has(field)) {
        collectLocalTexts(value, lang, own);
      }
    }
    const facts: string[] = [];
    collectLocalTexts(entry.facts ?? [], lang, facts);
    const bodyTexts = [summary[lang], ...facts, ...own].filter((text): text is string => text !== undefined);
    const langQuestions = questions[lang] ?? [];
    const langKeywords = keywords[lang] ?? [];
    const hasText =
      title[lang] !== undefined || bodyTexts.length > 0 || langQuestions.length > 0 || langKeywords.length > 0;
    if (lang === 'en' || hasText) {
      rows.push({
        lang,
        title: title[lang] ?? '',
        body: [...bodyTexts, ...names].join('\n'),
        questions: langQuestions.join('\n'),
        keywords: langKeywords.join('\n'),
      });
    }
  }
  return rows;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sha256 over the validated content (entries by id, taxonomy terms by kind and id). */
export function contentHash(content: LoadedContent): string {
  const entries = content.entries.map(({ entry }) => entry).sort(byId);
  const taxonomies = TAXONOMY_KINDS.map((kind) => [kind, [...content.taxonomies[kind]].sort(byId)]);
  return createHash('sha256').update(JSON.stringify({ entries, taxonomies })).digest('hex');
}

function keyColumns(entry: Entry): {
  status: string | null;
  profession: string | null;
  procedureType: string | null;
  orgType: string | null;
  ruleType: string | null;
} {
  return {
    status: entry.kind === 'workRight' ? entry.status : null,
    profession: entry.kind === 'profession' ? entry.profession : null,
    procedureType: entry.kind === 'procedure' ? entry.procedureType : null,
    orgType: entry.kind === 'organisation' ? entry.orgType : null,
    ruleType: entry.kind === 'employerRule' ? entry.ruleType : null,
  };
}

function writeDatabase(db: Database.Database, content: LoadedContent, meta: KnowledgeMeta): void {
  db.exec(SCHEMA_SQL);
  const insertMeta = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO entries (id, kind, country, regions, data, file, verified_on, review_by,
       status, profession, procedure_type, org_type, rule_type)
     VALUES (@id, @kind, @country, @regions, @data, @file, @verifiedOn, @reviewBy,
       @status, @profession, @procedureType, @orgType, @ruleType)`,
  );
  const insertText = db.prepare(
    `INSERT INTO entry_text (text_id, id, lang, title, body, questions, keywords)
     VALUES (@rowid, @id, @lang, @title, @body, @questions, @keywords)`,
  );
  // English texts and translations are indexed apart, so that word statistics (bm25) of one do not shift the other.
  const insertInto = (table: string) =>
    db.prepare(
      `INSERT INTO ${table} (rowid, title, body, questions, keywords) VALUES (@rowid, @title, @body, @questions, @keywords)`,
    );
  const insertWords = { en: insertInto('entry_words'), local: insertInto('entry_words_local') };
  const insertTrigrams = { en: insertInto('entry_trigrams'), local: insertInto('entry_trigrams_local') };
  const insertTaxonomy = db.prepare(
    'INSERT INTO taxonomy (kind, id, country, region, covered, names) VALUES (@kind, @id, @country, @region, @covered, @names)',
  );
  const insertTerm = db.prepare(
    `INSERT OR IGNORE INTO taxonomy_terms (kind, id, lang, term, normalized, position)
     VALUES (@kind, @id, @lang, @term, @normalized, @position)`,
  );

  const entries: LoadedEntry[] = [...content.entries].sort((a, b) => byId(a.entry, b.entry));
  let rowid = 0;
  for (const { entry, file } of entries) {
    insertEntry.run({
      id: entry.id,
      kind: entry.kind,
      country: entry.country,
      regions: entry.regions !== undefined && entry.regions.length > 0 ? JSON.stringify(entry.regions) : null,
      data: JSON.stringify(entry),
      file,
      verifiedOn: entry.verifiedOn,
      reviewBy: entry.reviewBy,
      ...keyColumns(entry),
    });
    for (const text of entryTexts(entry)) {
      rowid += 1;
      insertText.run({ rowid, id: entry.id, ...text });
      const folded = {
        rowid,
        title: normalize(text.title),
        body: normalize(text.body),
        questions: normalize(text.questions),
        keywords: normalize(text.keywords),
      };
      const index = text.lang === 'en' ? 'en' : 'local';
      insertWords[index].run(folded);
      insertTrigrams[index].run(folded);
    }
  }

  for (const kind of TAXONOMY_KINDS) {
    const terms: TaxonomyTerm[] = [...content.taxonomies[kind]].sort(byId);
    for (const term of terms) {
      insertTaxonomy.run({
        kind,
        id: term.id,
        country: term.country ?? null,
        region: term.region ?? null,
        covered: term.covered === undefined ? null : Number(term.covered),
        names: JSON.stringify(term.names),
      });
      const names: LanguageLists = term.names;
      for (const lang of LANGUAGE_CODES) {
        (names[lang] ?? []).forEach((name, position) => {
          insertTerm.run({ kind, id: term.id, lang, term: name, normalized: normalize(name), position });
        });
      }
    }
  }

  insertMeta.run(META_KEYS.knowledgeDate, meta.knowledgeDate);
  insertMeta.run(META_KEYS.entryCount, String(meta.entryCount));
  insertMeta.run(META_KEYS.contentHash, meta.contentHash);
  insertMeta.run(META_KEYS.schemaVersion, String(KNOWLEDGE_SCHEMA_VERSION));

  for (const table of ['entry_words', 'entry_trigrams', 'entry_words_local', 'entry_trigrams_local']) {
    db.exec(`INSERT INTO ${table} (${table}) VALUES ('optimize')`);
  }
}

/** The meta data of loaded content: latest verifiedOn, entry count and content hash. */
export function contentMeta(content: LoadedContent): KnowledgeMeta {
  const knowledgeDate = content.entries.reduce(
    (latest, { entry }) => (entry.verifiedOn > latest ? entry.verifiedOn : latest),
    '',
  );
  return { knowledgeDate, entryCount: content.entries.length, contentHash: contentHash(content) };
}

/**
 * Validates the content under `contentDir` (schema and cross-checks, without the coverage requirement,
 * which `kb:check` enforces) and, when it is valid, writes the database to `outFile` through a temporary
 * file in the same folder. Nothing is written when there are errors.
 */
export function compileKnowledge(contentDir: string, outFile: string): CompileResult {
  const content = loadContent(contentDir);
  const { errors, warnings } = checkContent(content, { coverage: false });
  if (errors.length > 0) {
    return { ok: false, errors, warnings };
  }
  const meta = contentMeta(content);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const tempFile = `${outFile}.${process.pid}.tmp`;
  rmSync(tempFile, { force: true });
  try {
    const db = new Database(tempFile);
    try {
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('synchronous = OFF');
      db.transaction(() => writeDatabase(db, content, meta))();
      db.exec('VACUUM');
    } finally {
      db.close();
    }
    renameSync(tempFile, outFile);
  } catch (error) {
    rmSync(tempFile, { force: true });
    rmSync(`${tempFile}-journal`, { force: true });
    throw error;
  }
  return { ok: true, meta, warnings };
}
