/**
 * The layout of the compiled knowledge database (knowledge/build/knowledge.sqlite), shared by the
 * compiler that writes it and the repository and search that read it.
 */

/** Bumped whenever the tables change; the repository refuses a database of another version. */
export const KNOWLEDGE_SCHEMA_VERSION = 2;

/** Fixed so that the same content always produces the same bytes. */
export const PAGE_SIZE = 4096;

/** The keys of the meta table. */
export const META_KEYS = {
  knowledgeDate: 'knowledgeDate',
  entryCount: 'entryCount',
  contentHash: 'contentHash',
  schemaVersion: 'schemaVersion',
} as const;

/**
 * Tables:
 * - entries: one row per entry; `data` is the full validated entry as JSON, `regions` a JSON array or NULL
 *   (NULL = the whole country); status/profession/procedure_type/org_type/rule_type copy the kind's key field.
 * - entry_text: one row per entry and language that has text; raw text, several lines per column.
 * - entry_words / entry_trigrams: contentless FTS5 indexes over entry_text (rowid = entry_text.text_id) holding
 *   the normalized text; the same four columns, in the same order, as entry_text.
 * - taxonomy / taxonomy_terms: taxonomy terms and every name or synonym, with its normalized form and its
 *   position in the term's list for that language (0 = the display name).
 * - meta: knowledgeDate, entryCount, contentHash, schemaVersion.
 */
export const SCHEMA_SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE entries (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  regions TEXT,
  data TEXT NOT NULL,
  file TEXT NOT NULL,
  verified_on TEXT NOT NULL,
  review_by TEXT NOT NULL,
  status TEXT,
  profession TEXT,
  procedure_type TEXT,
  org_type TEXT,
  rule_type TEXT
);
CREATE INDEX entries_kind_country ON entries (kind, country);
CREATE TABLE entry_text (
  text_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL REFERENCES entries (id),
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  questions TEXT NOT NULL,
  keywords TEXT NOT NULL,
  UNIQUE (id, lang)
);
CREATE VIRTUAL TABLE entry_words USING fts5(
  title, body, questions, keywords,
  content = '', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE entry_trigrams USING fts5(
  title, body, questions, keywords,
  content = '', tokenize = 'trigram'
);
CREATE VIRTUAL TABLE entry_words_local USING fts5(
  title, body, questions, keywords,
  content = '', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE entry_trigrams_local USING fts5(
  title, body, questions, keywords,
  content = '', tokenize = 'trigram'
);
CREATE TABLE taxonomy (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  country TEXT,
  region TEXT,
  covered INTEGER,
  names TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE taxonomy_terms (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  term TEXT NOT NULL,
  normalized TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (kind, id, lang, term)
);
`;
