/**
 * How much of a question an entry really answers. Search ranks entries relative to each other, so
 * even "Tell me a joke" has a best hit; this measures, for one entry, the share of the question's
 * content words that the entry's own text contains — allowing typos and other word endings
 * ("evalution" → evaluation, "diplomas" → diploma) through fuse.js over the entry's vocabulary.
 * The caller says which words carry no content (stopwords of the language, place names).
 */
import Fuse from 'fuse.js';
import { entryTexts } from './compiler';
import { tokens } from './normalize';
import type { Entry } from './schema';

/** fuse.js threshold for a query word to count as one of the entry's words (0 = exact, 1 = anything). */
export const COVERAGE_FUZZY_THRESHOLD = 0.25;
/** Words shorter than this must match exactly: fuzzy matching of short words is noise. */
const MIN_FUZZY_WORD_LENGTH = 5;
/** Entries whose vocabulary index is kept (the few that are checked per question). */
const MAX_CACHED_ENTRIES = 200;

export interface Coverage {
  /** Content words in the question. */
  total: number;
  /** Content words the entry contains. */
  matched: number;
  /** matched / total, 0 when the question has no content word. */
  share: number;
}

interface Vocabulary {
  words: Set<string>;
  fuse: Fuse<string>;
}

export class QueryCoverage {
  private readonly cache = new Map<string, Vocabulary>();

  /** The share of the question's content words (those not in `ignore`) found in the entry. */
  coverage(question: string, entry: Entry, ignore: ReadonlySet<string>): Coverage {
    const words = [...new Set(tokens(question))].filter((word) => !ignore.has(word));
    if (words.length === 0) {
      return { total: 0, matched: 0, share: 0 };
    }
    const vocabulary = this.vocabulary(entry);
    const matched = words.filter(
      (word) =>
        vocabulary.words.has(word) ||
        (word.length >= MIN_FUZZY_WORD_LENGTH && vocabulary.fuse.search(word, { limit: 1 }).length > 0),
    ).length;
    return { total: words.length, matched, share: matched / words.length };
  }

  /** The words of all the entry's texts in every language, indexed once. */
  private vocabulary(entry: Entry): Vocabulary {
    let vocabulary = this.cache.get(entry.id);
    if (!vocabulary) {
      const words = new Set<string>();
      for (const text of entryTexts(entry)) {
        for (const word of tokens([text.title, text.body, text.questions, text.keywords].join('\n'))) {
          words.add(word);
        }
      }
      vocabulary = {
        words,
        fuse: new Fuse([...words], {
          threshold: COVERAGE_FUZZY_THRESHOLD,
          ignoreLocation: false,
          location: 0,
          distance: 8,
        }),
      };
      if (this.cache.size >= MAX_CACHED_ENTRIES) {
        this.cache.clear();
      }
      this.cache.set(entry.id, vocabulary);
    }
    return vocabulary;
  }
}
