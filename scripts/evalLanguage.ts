/**
 * A deliberately simple "is this reply in the asker's language?" check for the evaluation runner:
 * the writing system decides for non-Latin languages (with a few tell-tale letters to tell Arabic,
 * Farsi and Pashto, or Ukrainian and Russian apart), and a short list of very common words decides
 * between Latin-script languages. URLs, numbers and text in quotes or brackets (names, sources,
 * quoted originals) are ignored. It is a score, not a language identifier.
 */

/** Latin-script languages and some of their most frequent short words (lower case, space-separated). */
const STOPWORDS: Record<string, string> = {
  en: 'the and you is are of to in for can your with not this what have it or from after may need do who which be',
  fr: 'le la les vous est et de des du un une pour dans pas votre vos sur avec qui que au aux sont pouvez peut ou à l d ne',
  nl: 'de het een je is en van niet voor op met u uw jij zijn kunt kan mag wat wie na bij ook dat er als',
  it: 'il la di che per non un una lo gli le del della dei sono puoi può con al alla nel è e tuo tua dopo',
  es: 'el la de que para los las en y un una por con no es su del al puede puedes se lo tu sus después está',
  hu: 'a az és hogy nem egy van meg csak után kell már vagy ha ön lehet mint még hol mit ezt azt nincs ahol',
  sk: 'a je na sa v sú pre že aj ako alebo ste môžete nie po od sme ktorý ktoré ak vaše váš zo pri aby tu',
  sl: 'je in na za v se da ki lahko ali pa tudi ste ni po od ne še vaše vaš kot če bo pri kje so',
  de: 'der die und ist das nicht sie ein eine zu mit den von für auf dem des können kann ihr ihre sind oder wer nach bei',
  tr: 've bir bu için ile değil olarak sonra var yok siz sizin ne veya gibi mı mi daha her kadar olan nasıl çok ama',
  so: 'iyo waa ka ku la oo u aad ma ee ah kale waxaad shaqo haddii kuu ayaa ayuu lagu kadib sida wax mid waxa',
};

const STOPWORD_SETS: [string, Set<string>][] = Object.entries(STOPWORDS).map(([lang, list]) => [
  lang,
  new Set(list.split(' ')),
]);

/** Letters Farsi (and Pashto) use and Arabic does not. */
const PERSIAN_LETTERS = /[پچژگکی]/gu;
/** Letters only Pashto uses. */
const PASHTO_LETTERS = /[ټډړږښګڼۍې]/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/giu;
const RUSSIAN_LETTERS = /[ыэъё]/giu;

const ARABIC_SCRIPT = /\p{Script=Arabic}/gu;
const CYRILLIC_SCRIPT = /\p{Script=Cyrillic}/gu;
const ETHIOPIC_SCRIPT = /\p{Script=Ethiopic}/gu;
const LATIN_SCRIPT = /\p{Script=Latin}/gu;
const ANY_LETTER = /\p{L}/gu;

/** A language's script must hold at least this share of the reply's letters. */
const SCRIPT_SHARE = 0.5;
/** Arabic text may carry a stray Farsi letter (a name) but not more than this share of its letters. */
const FOREIGN_LETTER_SHARE = 0.01;

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/** The languages this check knows. */
export const EVAL_LANGUAGES: readonly string[] = [...Object.keys(STOPWORDS), 'ar', 'fa', 'ps', 'uk', 'ru', 'ti'];

/** Removes what says nothing about the reply's language: URLs, numbers, and text in quotes or brackets. */
export function stripForLanguage(text: string): string {
  let result = text.replace(/\b(?:https?:\/\/|www\.)\S+/giu, ' ');
  // Inner pairs first, repeatedly, so that nested brackets go too.
  const pairs = [
    /\([^()]*\)/gu,
    /\[[^[\]]*\]/gu,
    /\{[^{}]*\}/gu,
    /<[^<>]*>/gu,
    /"[^"\n]*"/gu,
    /“[^“”\n]*”/gu,
    /„[^“”\n]*[“”]/gu,
    /«[^«»]*»/gu,
    /‘[^‘’\n]*’/gu,
    /「[^」]*」/gu,
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const pair of pairs) {
      const next = result.replace(pair, ' ');
      if (next !== result) {
        changed = true;
        result = next;
      }
    }
  }
  return result.replace(/[\p{Nd}]+(?:[.,:/-][\p{Nd}]+)*/gu, ' ');
}

/** The lower-case words of a text. */
function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}]+/gu) ?? []
  );
}

/** How many of the text's words are common words of each Latin-script language. */
export function stopwordScores(text: string): Record<string, number> {
  const tokens = words(text);
  const scores: Record<string, number> = {};
  for (const [lang, set] of STOPWORD_SETS) {
    scores[lang] = tokens.filter((token) => set.has(token)).length;
  }
  return scores;
}

function latinAgrees(text: string, lang: string): boolean {
  const scores = stopwordScores(text);
  const own = scores[lang] ?? 0;
  if (own === 0) {
    return false;
  }
  return Object.entries(scores).every(([other, score]) => other === lang || score <= own);
}

/**
 * Whether the text reads as written in `lang`; undefined when the check does not know the language.
 * Empty text (or text that is only links, numbers and quotes) is not in any language.
 */
export function isInLanguage(text: string, lang: string): boolean | undefined {
  const code = lang.toLowerCase().split(/[-_]/u)[0] ?? '';
  if (!EVAL_LANGUAGES.includes(code)) {
    return undefined;
  }
  const clean = stripForLanguage(text);
  const letters = count(clean, ANY_LETTER);
  if (letters === 0) {
    return false;
  }
  const share = (pattern: RegExp): number => count(clean, pattern) / letters;
  switch (code) {
    case 'ar':
    case 'fa':
    case 'ps': {
      const arabic = count(clean, ARABIC_SCRIPT);
      if (arabic / letters < SCRIPT_SHARE) {
        return false;
      }
      const persian = count(clean, PERSIAN_LETTERS);
      const pashto = count(clean, PASHTO_LETTERS);
      if (code === 'ps') {
        return pashto > 0;
      }
      if (code === 'fa') {
        return persian > 0 && pashto <= arabic * FOREIGN_LETTER_SHARE;
      }
      return persian + pashto <= arabic * FOREIGN_LETTER_SHARE;
    }
    case 'uk':
    case 'ru': {
      if (share(CYRILLIC_SCRIPT) < SCRIPT_SHARE) {
        return false;
      }
      const ukrainian = count(clean, UKRAINIAN_LETTERS);
      const russian = count(clean, RUSSIAN_LETTERS);
      return code === 'uk' ? ukrainian > russian : russian >= ukrainian;
    }
    case 'ti':
      return share(ETHIOPIC_SCRIPT) >= SCRIPT_SHARE;
    default:
      return share(LATIN_SCRIPT) >= SCRIPT_SHARE && latinAgrees(clean, code);
  }
}
