/**
 * Text folding for matching user text against knowledge content. The same function runs when the
 * knowledge base is compiled and when a user's text is searched, so both sides fold alike.
 *
 * - Latin letters lose their diacritics (é → e, ő → o, č → c) and a few ligatures are spelled out (ß → ss).
 * - Arabic, Cyrillic, Ethiopic and other scripts keep their letters (й stays й); Arabic loses its
 *   short-vowel marks and tatweel, and the Arabic/Persian variants of yeh and kaf become one letter.
 * - Eastern Arabic and Persian digits become ASCII digits; everything is lower-cased; punctuation and
 *   symbols become single spaces.
 */

/** Combining marks that follow a Latin letter after NFKD decomposition (the diacritics to drop). */
const LATIN_DIACRITICS = /(\p{Script=Latin})\p{M}+/gu;

/** Latin letters that NFKD does not decompose but that people type without the stroke or ligature. */
const LATIN_SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Ł: 'L',
  Đ: 'D',
  Ð: 'D',
  Þ: 'TH',
};
const LATIN_SPECIAL_PATTERN = new RegExp(`[${Object.keys(LATIN_SPECIAL_LETTERS).join('')}]`, 'gu');

/**
 * Arabic harakat, Quranic annotation marks, superscript alef and tatweel (kashida). After NFKD this also
 * removes the hamza and madda marks, so أ إ آ fold to ا.
 */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]|\u0640/gu;

/** Alef maksura and Farsi yeh → Arabic yeh. */
const YEH_VARIANTS = /[\u0649\u06CC]/gu;
const ARABIC_YEH = '\u064A';

/** Keheh (Persian kaf) and swash kaf → Arabic kaf. */
const KAF_VARIANTS = /[\u06A9\u06AA]/gu;
const ARABIC_KAF = '\u0643';

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
const ASCII_ZERO = 0x30;
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;

/** Anything that is not a letter, digit, mark or underscore separates words. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}_]+/gu;

/** A word: letters, digits and underscore (the same rule the search tokenizer uses). */
const TOKEN = /[\p{L}\p{N}_]+/gu;

function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? ASCII_ZERO;
  const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
  return String.fromCharCode(ASCII_ZERO + code - zero);
}

function fold(text: string, lowerCase: boolean): string {
  const cased = lowerCase ? text.toLowerCase() : text;
  return cased
    .normalize('NFKD')
    .replace(LATIN_DIACRITICS, '$1')
    .replace(ARABIC_MARKS, '')
    .replace(YEH_VARIANTS, ARABIC_YEH)
    .replace(KAF_VARIANTS, ARABIC_KAF)
    .replace(EASTERN_DIGITS, asciiDigit)
    .normalize('NFC')
    .replace(LATIN_SPECIAL_PATTERN, (letter) => LATIN_SPECIAL_LETTERS[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim();
}

/** The text with Eastern Arabic and Persian digits written as ASCII digits ("٥ أشهر" → "5 أشهر"); nothing else changes. */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, asciiDigit);
}

/** Folds text for matching: lower case, no Latin diacritics, unified Arabic letters, ASCII digits, no punctuation. */
export function normalize(text: string): string {
  return fold(text, true);
}

/** The words of a text after folding (see {@link normalize}). */
export function tokens(text: string): string[] {
  return normalize(text).match(TOKEN) ?? [];
}

/**
 * The words of a text folded like {@link tokens} but keeping their letter case, aligned one to one with
 * `tokens(text)`; used to tell the abbreviation "IT" from the word "it".
 */
export function casedTokens(text: string): string[] {
  return fold(text, false).match(TOKEN) ?? [];
}

/** Inflection: term words shorter than this must match exactly. */
const MIN_INFLECTED_LENGTH = 4;
/** Inflection: a term word may lose this many final letters ("ірландія" → "ірланді-ї")… */
const MAX_CHANGED_ENDING = 2;
/** …and the user's word may be this many letters longer than the term's ("menedékkérő" → "menedékkérők"). */
const MAX_ADDED_ENDING = 5;
/** Arabic-script clitics written together with the next word: and, so, with/in, for, like, the. */
const ARABIC_PREFIXES = /^(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)?/u;

function commonPrefixLength(a: string[], b: string[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) {
    length += 1;
  }
  return length;
}

/** Whether a user's word is an inflected form of a term's word (both folded). */
export function isInflectionOf(word: string, termWord: string): boolean {
  if (word === termWord) {
    return true;
  }
  const term = [...termWord];
  if (term.length < MIN_INFLECTED_LENGTH) {
    return false;
  }
  const candidates = /\p{Script=Arabic}/u.test(word) ? [word, word.replace(ARABIC_PREFIXES, '')] : [word];
  const termStem = /\p{Script=Arabic}/u.test(termWord) ? [...termWord.replace(/^ال/u, '')] : term;
  return candidates.some((candidate) => {
    const letters = [...candidate];
    const shared = commonPrefixLength(letters, termStem);
    return (
      shared >= Math.max(MIN_INFLECTED_LENGTH - 1, termStem.length - MAX_CHANGED_ENDING) &&
      shared >= Math.min(termStem.length, MIN_INFLECTED_LENGTH) &&
      letters.length - termStem.length <= MAX_ADDED_ENDING &&
      termStem.length - letters.length <= MAX_CHANGED_ENDING
    );
  });
}

/** Plural endings of languages whose words otherwise keep their form (French, Spanish, Italian, Dutch, German). */
const PLURAL_ENDINGS: Readonly<Record<string, readonly string[]>> = {
  fr: ['s', 'x'],
  es: ['s', 'es'],
  it: [],
  nl: ['s', 'en', 'n'],
  de: ['e', 'en', 'n', 's', 'er', 'nen'],
};
/** Italian plurals change the final vowel: richiedente → richiedenti, rifugiato → rifugiati, domanda → domande. */
const ITALIAN_PLURAL = /^(.{3,})([aeo])$/u;

/** Whether `lang` is one of the languages whose plurals {@link isPluralOf} knows. */
export function hasPlurals(lang: string): boolean {
  return lang in PLURAL_ENDINGS;
}

/** Whether a word is a term's word or its plural in `lang` ("demandeurs" of "demandeur", "rifugiati" of "rifugiato"). */
export function isPluralOf(word: string, termWord: string, lang: string): boolean {
  if (word === termWord) {
    return true;
  }
  if (lang === 'it') {
    const match = ITALIAN_PLURAL.exec(termWord);
    return match !== null && (word === `${match[1]}i` || word === `${match[1]}e`);
  }
  return (PLURAL_ENDINGS[lang] ?? []).some((ending) => word === `${termWord}${ending}`);
}

/** Languages whose names and words change their endings (cases, plurals) or take attached prefixes. */
export const INFLECTING_LANGUAGES: ReadonlySet<string> = new Set([
  'hu',
  'sk',
  'sl',
  'uk',
  'ru',
  'tr',
  'ar',
  'fa',
  'ps',
  'so',
]);

/** Whether a word is a form of a term's word in `lang`: any inflection where words inflect, else a plural. */
export function isFormOf(word: string, termWord: string, lang: string): boolean {
  return INFLECTING_LANGUAGES.has(lang) ? isInflectionOf(word, termWord) : isPluralOf(word, termWord, lang);
}
