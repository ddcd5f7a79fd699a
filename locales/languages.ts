/**
 * The language registry: every interface language Pathfinder supports, with its native name,
 * writing direction and fallbacks. It feeds i18next, the language picker and the knowledge schema.
 * It lives beside the translations it describes and imports nothing, so every layer may use it.
 */

export const LANGUAGE_CODES = [
  'en',
  'fr',
  'nl',
  'de',
  'it',
  'es',
  'hu',
  'sk',
  'sl',
  'ar',
  'fa',
  'ps',
  'ti',
  'so',
  'uk',
  'ru',
  'tr',
] as const;

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export interface LanguageInfo {
  code: LanguageCode;
  /** The language's name in itself, shown in the language picker. */
  nativeName: string;
  rtl: boolean;
  /** Tried in order when a string or text is missing; English always comes last. */
  fallbacks: LanguageCode[];
  /** Extra tags (BCP 47) that map to this language, e.g. Dari → Farsi. */
  aliases: string[];
  /** Whether the interface strings are complete in this language (others fall back to English). */
  interfaceComplete: boolean;
}

export const DEFAULT_LANGUAGE: LanguageCode = 'en';

export const LANGUAGES: Record<LanguageCode, LanguageInfo> = {
  en: { code: 'en', nativeName: 'English', rtl: false, fallbacks: [], aliases: [], interfaceComplete: true },
  fr: { code: 'fr', nativeName: 'Français', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  nl: { code: 'nl', nativeName: 'Nederlands', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  de: { code: 'de', nativeName: 'Deutsch', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  it: { code: 'it', nativeName: 'Italiano', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  es: { code: 'es', nativeName: 'Español', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  hu: { code: 'hu', nativeName: 'Magyar', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  sk: { code: 'sk', nativeName: 'Slovenčina', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  sl: { code: 'sl', nativeName: 'Slovenščina', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  ar: { code: 'ar', nativeName: 'العربية', rtl: true, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  fa: {
    code: 'fa',
    nativeName: 'فارسی / دری',
    rtl: true,
    fallbacks: ['en'],
    aliases: ['prs', 'fa-AF'],
    interfaceComplete: true,
  },
  ps: { code: 'ps', nativeName: 'پښتو', rtl: true, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  ti: { code: 'ti', nativeName: 'ትግርኛ', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  so: { code: 'so', nativeName: 'Soomaali', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  uk: { code: 'uk', nativeName: 'Українська', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  ru: { code: 'ru', nativeName: 'Русский', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
  tr: { code: 'tr', nativeName: 'Türkçe', rtl: false, fallbacks: ['en'], aliases: [], interfaceComplete: true },
};

export type WritingSystem = 'latin' | 'arabic' | 'cyrillic' | 'ethiopic';

/** The writing system each language is written in (for telling a message's language from its letters). */
export const WRITING_SYSTEMS: Record<LanguageCode, WritingSystem> = {
  en: 'latin',
  fr: 'latin',
  nl: 'latin',
  de: 'latin',
  it: 'latin',
  es: 'latin',
  hu: 'latin',
  sk: 'latin',
  sl: 'latin',
  ar: 'arabic',
  fa: 'arabic',
  ps: 'arabic',
  ti: 'ethiopic',
  so: 'latin',
  uk: 'cyrillic',
  ru: 'cyrillic',
  tr: 'latin',
};

/**
 * Languages spoken as a national language in only one of the nine countries: a question asked in one of
 * them without naming a country is most likely about that country (the answer says so).
 */
export const HOME_COUNTRIES: Partial<Record<LanguageCode, string>> = {
  es: 'ES',
  it: 'IT',
  hu: 'HU',
  sk: 'SK',
  sl: 'SI',
};

/** The direction a language is written in. */
export function directionOf(lang: LanguageCode): 'ltr' | 'rtl' {
  return LANGUAGES[lang].rtl ? 'rtl' : 'ltr';
}

export function isLanguageCode(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag from a channel ("fr-BE", "prs", "en_US") to a supported language,
 * or undefined when the language is not supported.
 */
export function resolveLanguageTag(tag: string | undefined | null): LanguageCode | undefined {
  if (!tag) {
    return undefined;
  }
  const normalized = tag.trim().replace('_', '-');
  const lower = normalized.toLowerCase();
  for (const info of Object.values(LANGUAGES)) {
    if (info.aliases.some((alias) => alias.toLowerCase() === lower)) {
      return info.code;
    }
  }
  const primary = lower.split('-')[0] ?? '';
  return isLanguageCode(primary) ? primary : undefined;
}
