/**
 * Free-text search over the compiled knowledge database, and taxonomy-term spotting in user text.
 *
 * search(): the user's words (folded by normalize) are quoted one by one and OR-joined — user text never
 * reaches FTS5 MATCH as syntax — then looked up in the word index (bm25 with column weights) and, for
 * typos and word parts, in the trigram index; both in the asked language and in English (the fallback
 * language of all content). The merged candidates are re-ranked with fuse.js over their normalized
 * titles, questions and keywords.
 *
 * Country filter: entries of the country plus EU-level entries, except for the UK (not an EU member),
 * which gets UK entries only; country "EU" gives EU entries only. EU entries rank slightly below a
 * country's own entries of equal relevance.
 */
import Database from 'better-sqlite3';
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { LanguageCode } from '../locales/languages';
import {
  casedTokens,
  hasPlurals,
  INFLECTING_LANGUAGES,
  isInflectionOf,
  isPluralOf,
  normalize,
  tokens,
} from './normalize';
import { TAXONOMY_KINDS, type ScopeCode, type TaxonomyKind } from './schema';
import type { KnowledgeRepository, KnowledgeSearch, SearchHit, SearchOptions, TermMatch } from './types';

/** The one fuzziness threshold of the search re-rank (fuse.js: 0 = exact, 1 = anything). */
export const SEARCH_FUZZY_THRESHOLD = 0.34;
/** The one fuzziness threshold of findTerms (fuse.js scale); "itlay" → "italy" needs 0.4. */
export const TERM_FUZZY_THRESHOLD = 0.4;

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;
/** Longer user text is cut: nobody asks a question this long, and it bounds the work per query. */
const MAX_QUERY_CHARS = 2000;
const MAX_QUERY_TOKENS = 32;
const MAX_TRIGRAMS = 96;
const TRIGRAM_LENGTH = 3;
/** Rows fetched from each FTS index. */
const CANDIDATE_LIMIT = 60;
/** Candidates re-ranked with fuse.js. */
const RERANK_TOP_N = 30;
/** Shorter query words are left to the word index (fuzzy matching of 1–2 letters is noise). */
const MIN_FUZZY_QUERY_TOKEN_LENGTH = 3;

/** bm25 column weights, in the column order of the FTS tables: title, body, questions, keywords. */
const BM25_TITLE_WEIGHT = 10;
const BM25_BODY_WEIGHT = 1;
const BM25_QUESTIONS_WEIGHT = 8;
const BM25_KEYWORDS_WEIGHT = 8;
const BM25_WEIGHTS = [BM25_TITLE_WEIGHT, BM25_BODY_WEIGHT, BM25_QUESTIONS_WEIGHT, BM25_KEYWORDS_WEIGHT].join(', ');

/** fuse.js key weights of the re-rank. */
const FUSE_TITLE_WEIGHT = 3;
const FUSE_QUESTION_WEIGHT = 3;
const FUSE_KEYWORD_WEIGHT = 2;
/**
 * The re-rank similarity mixes how many query words the entry's short texts match anywhere (the "bag")
 * with how many one single title, question or keyword matches; this is the bag's share.
 */
const BAG_SHARE = 0.3;

/** Shares of the final score (they sum to 1, so scores stay within 0..1). */
const FUSE_SHARE = 0.6;
const WORD_SHARE = 0.3;
const TRIGRAM_SHARE = 0.1;
/** The smoothing constant of the BM25-style inverse document frequency of query words. */
const IDF_SMOOTHING = 0.5;
/** EU-level entries rank below a country's own entries of the same relevance. */
const EU_ENTRY_FACTOR = 0.9;

/** findTerms: words shorter than this are matched exactly only. */
const MIN_FUZZY_TERM_TOKEN_LENGTH = 4;
/** findTerms: how far from the start of a term a fuzzy match may begin (fuse.js distance). */
const TERM_FUZZY_DISTANCE = 10;
/** findTerms: words this short may only have two neighbouring letters swapped ("itlay"), not "multa" for "malta". */
const SHORT_WORD_MAX_LENGTH = 5;
/** findTerms: words this long may have two typos; words in between one. */
const TWO_TYPOS_MIN_LENGTH = 9;
/** findTerms: fuzzy matches stay below an exact match. */
const MAX_FUZZY_TERM_SCORE = 0.99;
/** findTerms: fuzzy matches on a name in another language than the asked one weigh a little less. */
const OTHER_LANGUAGE_FACTOR = 0.98;
/** findTerms: abbreviations this short written in capitals ("IT", "ES") must be capitals in the text too. */
const SHORT_ABBREVIATION_LENGTH = 3;
const MAX_TERM_TEXT_TOKENS = 64;
/** findTerms: an inflected form of a term ("Írországban") ranks below the exact name, above typos. */
const INFLECTED_TERM_SCORE = 0.97;
/** Abbreviations people type in lower case that are no word of their own ("uk"; unlike "it", "es", "be"). */
const LOWER_CASE_ABBREVIATIONS: ReadonlySet<string> = new Set(['UK']);
const PLACE_KINDS: ReadonlySet<TaxonomyKind> = new Set<TaxonomyKind>(['countries', 'regions', 'cities']);

/**
 * How findTerms compares a user's word with a term's word in `lang`: any inflection where words inflect (and
 * German adjectives, "vorübergehendem Schutz"); elsewhere plurals only, never for places ("italien" is not
 * Italy, "espagnol" not Spain); undefined where names keep their form (English lists its plurals).
 */
function formMatcher(lang: string, kind: TaxonomyKind): ((word: string, termWord: string) => boolean) | undefined {
  if (INFLECTING_LANGUAGES.has(lang) || (lang === 'de' && !PLACE_KINDS.has(kind))) {
    return isInflectionOf;
  }
  if (hasPlurals(lang) && !PLACE_KINDS.has(kind)) {
    return (word, termWord) => isPluralOf(word, termWord, lang);
  }
  return undefined;
}

const EU_SCOPE: ScopeCode = 'EU';
/** Countries where EU-level entries apply. */
const NON_EU_COUNTRIES: ReadonlySet<ScopeCode> = new Set<ScopeCode>(['UK']);

interface CandidateRow {
  id: string;
  lang: string;
  rank: number;
}

interface CandidateParams {
  match: string;
  lang: string;
  countries: string | null;
  kinds: string | null;
  limit: number;
}

interface TextRow {
  id: string;
  lang: string;
  title: string;
  questions: string;
  keywords: string;
}

interface TermRow {
  kind: string;
  id: string;
  lang: string;
  term: string;
  normalized: string;
  position: number;
}

/** One normalized short text of an entry — its title, one question or one keyword — for fuse.js. */
interface FuseDoc {
  title?: string;
  question?: string;
  keyword?: string;
}

/** The re-rank index of one entry in one language. */
interface TextIndex {
  fuse: Fuse<FuseDoc>;
  /** The text of each doc, by doc index. */
  texts: string[];
  /** Word → indices of the docs that contain it. */
  wordDocs: Map<string, number[]>;
}

interface TermRecord {
  id: string;
  lang: string;
  term: string;
  normalized: string;
  /** Position among the term's names in its language; 0 = the display name. */
  position: number;
  /** The term is an abbreviation in capitals that must be written in capitals. */
  capitalsOnly: boolean;
}

interface KindTerms {
  exact: Map<string, TermRecord[]>;
  /** The terms of each language with their words, for the inflection pass ("Írországban", "шукачі притулку"). */
  byLanguage: Map<string, { words: string[]; record: TermRecord }[]>;
  maxWords: number;
  /** fuse.js over the one-word terms, one index per term length in letters (a typo keeps the length close). */
  fuzzyByLength: Map<number, Fuse<TermRecord>>;
}

interface Candidate {
  word: number;
  trigram: number;
  country: string;
}

interface ScoredTerm extends TermMatch {
  inLanguage: boolean;
  words: number;
  position: number;
}

const SEARCH_FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: [
    { name: 'title', weight: FUSE_TITLE_WEIGHT },
    { name: 'question', weight: FUSE_QUESTION_WEIGHT },
    { name: 'keyword', weight: FUSE_KEYWORD_WEIGHT },
  ],
  threshold: SEARCH_FUZZY_THRESHOLD,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  includeScore: true,
  includeMatches: true,
  isCaseSensitive: true,
};

const TERM_FUSE_OPTIONS: IFuseOptions<TermRecord> = {
  keys: ['normalized'],
  threshold: TERM_FUZZY_THRESHOLD,
  location: 0,
  distance: TERM_FUZZY_DISTANCE,
  includeScore: true,
  isCaseSensitive: true,
};

/** An FTS5 string literal: the text in double quotes, inner quotes doubled. Never an operator. */
function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function trigramsOf(token: string): string[] {
  const letters = [...token];
  const grams: string[] = [];
  for (let start = 0; start + TRIGRAM_LENGTH <= letters.length; start += 1) {
    grams.push(letters.slice(start, start + TRIGRAM_LENGTH).join(''));
  }
  return grams;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map(normalize)
    .filter((line) => line !== '');
}

/**
 * How well a fuzzy match covers the whole word of `text` it falls in: 1 when the query word and that word
 * have the same length, less when the query is only part of it ("job" in "jobseeker").
 */
function wholeWordRatio(word: string, text: string, [start, end]: readonly [number, number]): number {
  let from = start;
  while (from > 0 && text[from - 1] !== ' ') {
    from -= 1;
  }
  let to = end;
  while (to < text.length - 1 && text[to + 1] !== ' ') {
    to += 1;
  }
  const length = to - from + 1;
  return Math.min(word.length, length) / Math.max(word.length, length);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string[], b: string[]): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_unused, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] ?? [];
      const previous = rows[i - 1] ?? [];
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/** The term lengths a word of this length can be a typo of (see isTypoOf). */
function typoLengths(length: number): number[] {
  const spread = length <= SHORT_WORD_MAX_LENGTH ? 0 : length >= TWO_TYPOS_MIN_LENGTH ? 2 : 1;
  return Array.from({ length: 2 * spread + 1 }, (_, offset) => length - spread + offset);
}

/** Whether a word is close enough to a term to be a typo of it, by the word's length. */
function isTypoOf(word: string[], term: string[], distance: number): boolean {
  if (word.length <= SHORT_WORD_MAX_LENGTH) {
    return distance === 1 && [...word].sort().join('') === [...term].sort().join('');
  }
  return distance <= (word.length >= TWO_TYPOS_MIN_LENGTH ? 2 : 1);
}

function isUpperCase(word: string): boolean {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/** Builds the re-rank index of one entry text row: one fuse.js doc per title, question and keyword. */
function buildTextIndex(row: TextRow): TextIndex {
  const docs: FuseDoc[] = [
    ...lines(row.title).map((title): FuseDoc => ({ title })),
    ...lines(row.questions).map((question): FuseDoc => ({ question })),
    ...lines(row.keywords).map((keyword): FuseDoc => ({ keyword })),
  ];
  const texts = docs.map((doc) => doc.title ?? doc.question ?? doc.keyword ?? '');
  const wordDocs = new Map<string, number[]>();
  texts.forEach((text, doc) => {
    for (const word of new Set(tokens(text))) {
      wordDocs.set(word, [...(wordDocs.get(word) ?? []), doc]);
    }
  });
  return { fuse: new Fuse(docs, SEARCH_FUSE_OPTIONS), texts, wordDocs };
}

/** Doc index → 0..1 similarity of the best match of one query word in each doc of an entry text. */
function wordMatches(index: TextIndex, word: string): Map<number, number> {
  const exact = index.wordDocs.get(word);
  if (exact) {
    return new Map(exact.map((doc) => [doc, 1]));
  }
  const matches = new Map<number, number>();
  for (const result of index.fuse.search(word)) {
    const range = result.matches?.[0]?.indices[0];
    const text = index.texts[result.refIndex] ?? '';
    const ratio = range ? wholeWordRatio(word, text, range) : 0;
    matches.set(result.refIndex, (1 - (result.score ?? 1)) * ratio);
  }
  return matches;
}

/** Keeps a relevance ratio within 0..1 (bm25 ranks are negative; the best candidate is the most negative). */
function relative(rank: number, best: number): number {
  return best < 0 ? Math.min(1, Math.max(0, rank / best)) : 0;
}

/** The KnowledgeSearch over a compiled knowledge database. Indexes are built once, here. Call `close()` when done. */
export class SqliteKnowledgeSearch implements KnowledgeSearch {
  private readonly db: Database.Database;
  /** Candidates from the English index and from the translations' index (searched apart). */
  private readonly wordCandidates: Record<'en' | 'local', Database.Statement<CandidateParams, CandidateRow>>;
  private readonly trigramCandidates: Record<'en' | 'local', Database.Statement<CandidateParams, CandidateRow>>;
  private readonly entryCountry: Map<string, string>;
  /** fuse.js over each entry's short texts, one instance per entry and language. */
  private readonly textIndexes = new Map<string, Map<string, TextIndex>>();
  /** How many entry texts contain each word (for the inverse document frequency of query words). */
  private readonly documentFrequency = new Map<string, number>();
  private readonly documentCount: number;
  private readonly terms = new Map<TaxonomyKind, KindTerms>();

  /** Opens the database at `dbPath` read-only and builds the in-memory indexes; entries come from `repository`. */
  constructor(
    dbPath: string,
    private readonly repository: KnowledgeRepository,
  ) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const candidateSql = (table: string): string => `
      SELECT t.id AS id, t.lang AS lang, bm25(${table}, ${BM25_WEIGHTS}) AS rank
      FROM ${table}
      JOIN entry_text t ON t.text_id = ${table}.rowid
      JOIN entries e ON e.id = t.id
      WHERE ${table} MATCH @match
        AND t.lang = @lang
        AND (@countries IS NULL OR e.country IN (SELECT value FROM json_each(@countries)))
        AND (@kinds IS NULL OR e.kind IN (SELECT value FROM json_each(@kinds)))
      ORDER BY rank, t.id
      LIMIT @limit`;
    const prepare = (table: string) => this.db.prepare<CandidateParams, CandidateRow>(candidateSql(table));
    this.wordCandidates = { en: prepare('entry_words'), local: prepare('entry_words_local') };
    this.trigramCandidates = { en: prepare('entry_trigrams'), local: prepare('entry_trigrams_local') };

    this.entryCountry = new Map(
      this.db
        .prepare<[], { id: string; country: string }>('SELECT id, country FROM entries ORDER BY id')
        .all()
        .map((row) => [row.id, row.country]),
    );

    const texts = this.db
      .prepare<[], TextRow>('SELECT id, lang, title, questions, keywords FROM entry_text ORDER BY id, lang')
      .all();
    for (const row of texts) {
      const index = buildTextIndex(row);
      const perLanguage = this.textIndexes.get(row.id) ?? new Map<string, TextIndex>();
      perLanguage.set(row.lang, index);
      this.textIndexes.set(row.id, perLanguage);
      for (const word of index.wordDocs.keys()) {
        this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
      }
    }
    this.documentCount = texts.length;

    const termRows = this.db
      .prepare<[], TermRow>(
        'SELECT kind, id, lang, term, normalized, position FROM taxonomy_terms ORDER BY kind, id, lang, position',
      )
      .all();
    for (const kind of TAXONOMY_KINDS) {
      this.terms.set(kind, this.buildKindTerms(termRows.filter((row) => row.kind === kind)));
    }
  }

  private buildKindTerms(rows: TermRow[]): KindTerms {
    const exact = new Map<string, TermRecord[]>();
    const byLanguage: KindTerms['byLanguage'] = new Map();
    const singleByLength = new Map<number, TermRecord[]>();
    let maxWords = 0;
    for (const row of rows) {
      const words = row.normalized.split(' ').filter((word) => word !== '');
      if (words.length === 0) {
        continue;
      }
      const letters = row.term.replace(/[^\p{L}]/gu, '');
      const record: TermRecord = {
        id: row.id,
        lang: row.lang,
        term: row.term,
        normalized: words.join(' '),
        position: row.position,
        capitalsOnly:
          letters.length > 0 &&
          letters.length <= SHORT_ABBREVIATION_LENGTH &&
          isUpperCase(letters) &&
          !LOWER_CASE_ABBREVIATIONS.has(letters),
      };
      const key = record.normalized;
      exact.set(key, [...(exact.get(key) ?? []), record]);
      if (!record.capitalsOnly) {
        byLanguage.set(row.lang, [...(byLanguage.get(row.lang) ?? []), { words, record }]);
      }
      maxWords = Math.max(maxWords, words.length);
      const length = [...key].length;
      if (words.length === 1 && length >= MIN_FUZZY_TERM_TOKEN_LENGTH) {
        singleByLength.set(length, [...(singleByLength.get(length) ?? []), record]);
      }
    }
    const fuzzyByLength = new Map(
      [...singleByLength].map(([length, records]) => [length, new Fuse(records, TERM_FUSE_OPTIONS)] as const),
    );
    return { exact, byLanguage, maxWords, fuzzyByLength };
  }

  /** Entries answering a free-text question, best first, with scores in 0..1. Never throws on user text. */
  search(query: string, options: SearchOptions): SearchHit[] {
    const words = unique(tokens(query.slice(0, MAX_QUERY_CHARS))).slice(0, MAX_QUERY_TOKENS);
    if (words.length === 0) {
      return [];
    }
    const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
    if (limit === 0) {
      return [];
    }
    const langs = unique<string>([options.lang, 'en']);
    const filters = {
      lang: options.lang,
      countries: this.countryScope(options.country),
      kinds: options.kinds !== undefined && options.kinds.length > 0 ? JSON.stringify(options.kinds) : null,
      limit: CANDIDATE_LIMIT,
    };

    const candidates = new Map<string, Candidate>();
    const addRows = (rows: CandidateRow[], field: 'word' | 'trigram'): void => {
      const best = rows.reduce((min, row) => Math.min(min, row.rank), 0);
      for (const row of rows) {
        const candidate = candidates.get(row.id) ?? {
          word: 0,
          trigram: 0,
          country: this.entryCountry.get(row.id) ?? '',
        };
        candidate[field] = Math.max(candidate[field], relative(row.rank, best));
        candidates.set(row.id, candidate);
      }
    };
    // The asked language's own texts and the English ones, each ranked within its own index.
    const indexes =
      options.lang === 'en'
        ? [['en', 'en'] as const]
        : ([
            ['en', 'en'],
            ['local', options.lang],
          ] as const);
    const wordMatch = words.map(quote).join(' OR ');
    for (const [index, lang] of indexes) {
      addRows(this.wordCandidates[index].all({ ...filters, lang, match: wordMatch }), 'word');
    }
    const grams = unique(words.filter((word) => [...word].length >= TRIGRAM_LENGTH).flatMap(trigramsOf)).slice(
      0,
      MAX_TRIGRAMS,
    );
    if (grams.length > 0) {
      const gramMatch = grams.map(quote).join(' OR ');
      for (const [index, lang] of indexes) {
        addRows(this.trigramCandidates[index].all({ ...filters, lang, match: gramMatch }), 'trigram');
      }
    }

    const fuzzyWords = words.filter((word) => [...word].length >= MIN_FUZZY_QUERY_TOKEN_LENGTH);
    const scopeIsCountry = options.country !== undefined && options.country !== EU_SCOPE;
    return [...candidates.entries()]
      .map(([id, candidate]) => ({
        id,
        candidate,
        pre: WORD_SHARE * candidate.word + TRIGRAM_SHARE * candidate.trigram,
      }))
      .sort((a, b) => b.pre - a.pre || (a.id < b.id ? -1 : 1))
      .slice(0, RERANK_TOP_N)
      .map(({ id, candidate, pre }) => {
        const factor = scopeIsCountry && candidate.country === EU_SCOPE ? EU_ENTRY_FACTOR : 1;
        const score = (pre + FUSE_SHARE * this.fuseSimilarity(id, fuzzyWords, langs)) * factor;
        return { id, score: Math.min(1, Math.max(0, score)) };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .flatMap(({ id, score }) => {
        const entry = this.repository.get(id);
        return entry ? [{ entry, score }] : [];
      });
  }

  /** The countries whose entries a search may return, as a JSON list for json_each, or null for all. */
  private countryScope(country: ScopeCode | undefined): string | null {
    if (country === undefined) {
      return null;
    }
    const scope = country === EU_SCOPE || NON_EU_COUNTRIES.has(country) ? [country] : [country, EU_SCOPE];
    return JSON.stringify(scope);
  }

  /**
   * 0..1: how well an entry's title, questions and keywords (in the asked language or English) match the
   * query words, fuzzily and weighted by word rarity: BAG_SHARE for the words matched anywhere, the rest
   * for the words matched by one single title, question or keyword.
   */
  private fuseSimilarity(id: string, words: string[], langs: string[]): number {
    const perLanguage = this.textIndexes.get(id);
    if (!perLanguage || words.length === 0) {
      return 0;
    }
    const weights = words.map((word) => {
      const frequency = this.documentFrequency.get(word) ?? 0;
      return Math.log(1 + (this.documentCount - frequency + IDF_SMOOTHING) / (frequency + IDF_SMOOTHING));
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total <= 0) {
      return 0;
    }
    let best = 0;
    for (const lang of langs) {
      const index = perLanguage.get(lang);
      if (!index) {
        continue;
      }
      let bag = 0;
      const perDoc = new Array<number>(index.texts.length).fill(0);
      words.forEach((word, position) => {
        const weight = weights[position] ?? 0;
        const matches = wordMatches(index, word);
        bag += weight * Math.max(0, ...matches.values());
        for (const [doc, similarity] of matches) {
          perDoc[doc] = (perDoc[doc] ?? 0) + weight * similarity;
        }
      });
      const similarity = (BAG_SHARE * bag + (1 - BAG_SHARE) * Math.max(0, ...perDoc)) / total;
      best = Math.max(best, similarity);
    }
    return Math.min(1, best);
  }

  /**
   * Taxonomy terms named in a text: an exact (normalized, whole-word) name or synonym scores 1, longest
   * phrase first; other words of 4+ letters are matched fuzzily against one-word names. All languages are
   * searched; names in `lang` win ties. One match per id, best first.
   */
  findTerms(text: string, kind: TaxonomyKind, lang: LanguageCode): TermMatch[] {
    const terms = this.terms.get(kind);
    const source = text.slice(0, MAX_QUERY_CHARS);
    const words = tokens(source).slice(0, MAX_TERM_TEXT_TOKENS);
    const cased = casedTokens(source).slice(0, MAX_TERM_TEXT_TOKENS);
    if (!terms || words.length === 0) {
      return [];
    }
    const found: ScoredTerm[] = [];
    const covered = new Array<boolean>(words.length).fill(false);

    for (let size = Math.min(terms.maxWords, words.length); size >= 1; size -= 1) {
      for (let start = 0; start + size <= words.length; start += 1) {
        if (covered.slice(start, start + size).some(Boolean)) {
          continue;
        }
        const wholeText = size === words.length;
        const spanIsCapitals = cased.slice(start, start + size).every(isUpperCase);
        const records = (terms.exact.get(words.slice(start, start + size).join(' ')) ?? []).filter(
          (record) => !record.capitalsOnly || spanIsCapitals || wholeText,
        );
        if (records.length === 0) {
          continue;
        }
        covered.fill(true, start, start + size);
        for (const record of records) {
          found.push({
            kind,
            id: record.id,
            matched: record.term,
            score: 1,
            inLanguage: record.lang === lang,
            words: size,
            position: record.position,
          });
        }
      }
    }

    // Inflected forms: case endings, plurals and Arabic-script prefixes and suffixes around a term's words —
    // only the names in the language the user writes in: other languages' endings would find names in English words.
    const sameWord = formMatcher(lang, kind);
    for (const { words: termWords, record } of sameWord ? (terms.byLanguage.get(lang) ?? []) : []) {
      for (let start = 0; start + termWords.length <= words.length; start += 1) {
        if (covered.slice(start, start + termWords.length).some(Boolean)) {
          continue;
        }
        if (termWords.every((termWord, index) => sameWord?.(words[start + index] ?? '', termWord))) {
          covered.fill(true, start, start + termWords.length);
          found.push({
            kind,
            id: record.id,
            matched: record.term,
            score: INFLECTED_TERM_SCORE,
            inLanguage: true,
            words: termWords.length,
            position: record.position,
          });
        }
      }
    }

    words.forEach((word, index) => {
      const length = [...word].length;
      if (covered[index] || length < MIN_FUZZY_TERM_TOKEN_LENGTH) {
        return;
      }
      const letters = [...word];
      const results = typoLengths(length).flatMap(
        (termLength) => terms.fuzzyByLength.get(termLength)?.search(word) ?? [],
      );
      for (const result of results) {
        const termLetters = [...result.item.normalized];
        const distance = editDistance(letters, termLetters);
        if (!isTypoOf(letters, termLetters, distance)) {
          continue;
        }
        const inLanguage = result.item.lang === lang;
        const similarity =
          (1 - distance / Math.max(length, termLetters.length)) * (inLanguage ? 1 : OTHER_LANGUAGE_FACTOR);
        found.push({
          kind,
          id: result.item.id,
          matched: result.item.term,
          score: Math.min(MAX_FUZZY_TERM_SCORE, similarity),
          inLanguage,
          words: 1,
          position: result.item.position,
        });
      }
    });

    const better = (a: ScoredTerm, b: ScoredTerm): number =>
      b.score - a.score ||
      Number(b.inLanguage) - Number(a.inLanguage) ||
      b.words - a.words ||
      a.position - b.position ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const best = new Map<string, ScoredTerm>();
    for (const match of [...found].sort(better)) {
      if (!best.has(match.id)) {
        best.set(match.id, match);
      }
    }
    return [...best.values()].sort(better).map(({ kind: k, id, matched, score }) => ({ kind: k, id, matched, score }));
  }

  /** Closes the search's database connection (the repository is closed by its owner). */
  close(): void {
    this.db.close();
  }
}

/** Opens a search over the compiled knowledge database at `dbPath`, hydrating entries through `repository`. */
export function openKnowledgeSearch(dbPath: string, repository: KnowledgeRepository): SqliteKnowledgeSearch {
  return new SqliteKnowledgeSearch(dbPath, repository);
}
