/**
 * Which supported language a message is written in. The writing system decides first and surely:
 * Ethiopic → Tigrinya; Arabic script → Pashto, Farsi or Arabic by the letters only each uses;
 * Cyrillic → Ukrainian or Russian by their own letters. Latin-script messages are judged only when
 * long enough, by an offline statistical detector (tinyld, restricted to the supported languages)
 * together with each language's most frequent words from locales/ (which also covers Slovenian and
 * Somali, which tinyld does not know). One-word greetings are not judged.
 */
import { detectAll } from 'tinyld';
import { tokens } from '../../knowledge/normalize';
import type { LanguageCode } from '../../locales/languages';

export interface DetectedLanguage {
  lang: LanguageCode;
  /** True when the writing system or a clear statistical margin decided; false for a best guess. */
  sure: boolean;
}

/** Latin-script messages need at least this many words and letters to be judged at all. */
const MIN_LATIN_WORDS = 3;
const MIN_LATIN_LETTERS = 12;
/** A Latin-script guess counts as sure with this score and this lead over the next language. */
const SURE_SCORE = 0.45;
const SURE_MARGIN = 0.2;
/** Weights of tinyld's accuracy and of the share of a language's frequent words (both 0..1). */
const TINYLD_WEIGHT = 0.6;
const STOPWORD_WEIGHT = 1.5;
/**
 * tinyld does not know Slovenian and reads it as Slovak. Slovak writes á é í ó ú ý ä ô ĺ ľ ŕ ť ď ň;
 * Slovenian only č š ž. Without those letters Slovak's statistical score counts for Slovenian too.
 */
const SLOVAK_ONLY_LETTERS = /[áéíóúýäôĺľŕťďň]/iu;
/** Cyrillic messages without a telling letter are judged only from this many letters. */
const MIN_CYRILLIC_LETTERS = 15;

const LATIN_LANGUAGES: readonly LanguageCode[] = ['en', 'fr', 'nl', 'de', 'it', 'es', 'hu', 'sk', 'sl', 'so', 'tr'];
/** The languages tinyld knows, among ours. */
const TINYLD_LANGUAGES = ['en', 'fr', 'nl', 'de', 'it', 'es', 'hu', 'sk', 'tr'];

/** Letters only Pashto uses. */
const PASHTO_LETTERS = /[ټډړږښګڼۍېځڅ]/gu;
/** Letters and marks Farsi uses and Arabic does not: پ چ ژ گ, Persian kaf and yeh, the zero-width non-joiner. */
const PERSIAN_MARKS = /[پچژگکی\u200C]/gu;
/** Letters Arabic writes and Farsi does not: ta marbuta, Arabic kaf and yeh, alef maksura, hamza on waw. */
const ARABIC_MARKS = /[ةكيىؤ]/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/giu;
const RUSSIAN_LETTERS = /[ыэъё]/giu;

const ARABIC_SCRIPT = /\p{Script=Arabic}/gu;
const CYRILLIC_SCRIPT = /\p{Script=Cyrillic}/gu;
const ETHIOPIC_SCRIPT = /\p{Script=Ethiopic}/gu;
const LATIN_SCRIPT = /\p{Script=Latin}/gu;
const URLS = /\b(?:https?:\/\/|www\.)\S+/giu;

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

export class LanguageDetector {
  /**
   * @param frequentWords each Latin-script language's most frequent words (locales/<lang>/question.json
   *   `stopwords`), folded like search text.
   */
  constructor(private readonly frequentWords: Partial<Record<LanguageCode, ReadonlySet<string>>>) {}

  /** The language of a message, or undefined when it cannot be told (too short, no letters, a tie). */
  detect(message: string): DetectedLanguage | undefined {
    const text = message.replace(URLS, ' ');
    const scripts = {
      arabic: count(text, ARABIC_SCRIPT),
      cyrillic: count(text, CYRILLIC_SCRIPT),
      ethiopic: count(text, ETHIOPIC_SCRIPT),
      latin: count(text, LATIN_SCRIPT),
    };
    const top = Math.max(scripts.arabic, scripts.cyrillic, scripts.ethiopic, scripts.latin);
    if (top === 0) {
      return undefined;
    }
    if (scripts.ethiopic === top) {
      return { lang: 'ti', sure: true };
    }
    if (scripts.arabic === top) {
      return this.arabicScript(text);
    }
    if (scripts.cyrillic === top) {
      return this.cyrillic(text, scripts.cyrillic);
    }
    return this.latin(text, scripts.latin);
  }

  /** The language among `candidates` with the most of its frequent words in the text, if one leads. */
  private byFrequentWords(text: string, candidates: LanguageCode[]): LanguageCode | undefined {
    const words = tokens(text);
    const hits = candidates
      .map((lang) => ({ lang, hits: words.filter((word) => this.frequentWords[lang]?.has(word)).length }))
      .sort((a, b) => b.hits - a.hits);
    const [first, second] = hits;
    return first && first.hits > 0 && first.hits > (second?.hits ?? 0) ? first.lang : undefined;
  }

  private arabicScript(text: string): DetectedLanguage {
    if (count(text, PASHTO_LETTERS) > 0 || this.byFrequentWords(text, ['ps', 'fa', 'ar']) === 'ps') {
      return { lang: 'ps', sure: true };
    }
    const persian = count(text, PERSIAN_MARKS);
    const arabic = count(text, ARABIC_MARKS);
    if (persian > arabic) {
      return { lang: 'fa', sure: true };
    }
    // "سلام" could be either; Arabic is the larger group, and the user can change it with one tap.
    return { lang: 'ar', sure: arabic > 0 };
  }

  private cyrillic(text: string, letters: number): DetectedLanguage | undefined {
    const ukrainian = count(text, UKRAINIAN_LETTERS);
    const russian = count(text, RUSSIAN_LETTERS);
    if (ukrainian !== russian) {
      return { lang: ukrainian > russian ? 'uk' : 'ru', sure: true };
    }
    const byWords = this.byFrequentWords(text, ['uk', 'ru']);
    if (byWords) {
      return { lang: byWords, sure: true };
    }
    // A Ukrainian sentence of some length nearly always has one of і ї є ґ; without them it is Russian.
    return letters >= MIN_CYRILLIC_LETTERS ? { lang: 'ru', sure: true } : undefined;
  }

  private latin(text: string, letters: number): DetectedLanguage | undefined {
    const words = tokens(text).filter((word) => /\p{L}/u.test(word));
    if (words.length < MIN_LATIN_WORDS || letters < MIN_LATIN_LETTERS) {
      return undefined;
    }
    const scores = new Map<LanguageCode, number>(LATIN_LANGUAGES.map((lang) => [lang, 0]));
    for (const { lang, accuracy } of detectAll(text, { only: TINYLD_LANGUAGES })) {
      const code = lang as LanguageCode;
      if (scores.has(code)) {
        scores.set(code, (scores.get(code) ?? 0) + TINYLD_WEIGHT * accuracy);
      }
    }
    if (!SLOVAK_ONLY_LETTERS.test(text)) {
      scores.set('sl', Math.max(scores.get('sl') ?? 0, scores.get('sk') ?? 0));
    }
    for (const lang of LATIN_LANGUAGES) {
      const frequent = this.frequentWords[lang];
      if (frequent) {
        const share = words.filter((word) => frequent.has(word)).length / words.length;
        scores.set(lang, (scores.get(lang) ?? 0) + STOPWORD_WEIGHT * share);
      }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1]);
    const [first, second] = ranked;
    if (!first || first[1] === 0 || (second && first[1] === second[1])) {
      return undefined;
    }
    const sure = first[1] >= SURE_SCORE && first[1] - (second?.[1] ?? 0) >= SURE_MARGIN;
    return { lang: first[0], sure };
  }
}
