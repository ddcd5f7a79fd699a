/**
 * i18next set up once at start-up from locales/<lng>/<namespace>.json. Each turn gets a fixed
 * translator for its language (getFixedT); the shared instance's language is never switched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18nInstance, type Resource } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, type LanguageCode } from '../locales/languages';
import type { Localizer, Translate, TurnLanguage } from '../dialogs/localizer';
import { normalize } from '../knowledge/normalize';

/** Reads every locales/<lng>/<ns>.json into an i18next resource object. */
export function readLocaleResources(localesDir: string): { resources: Resource; namespaces: string[] } {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lng of LANGUAGE_CODES) {
    const dir = path.join(localesDir, lng);
    let files: string[];
    try {
      files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    } catch {
      continue;
    }
    resources[lng] = {};
    for (const file of files.sort()) {
      const ns = file.replace(/\.json$/, '');
      namespaces.add(ns);
      (resources[lng] as Record<string, unknown>)[ns] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    }
  }
  return { resources, namespaces: [...namespaces].sort() };
}

/** Creates the shared, initialised i18next instance (synchronously). */
export function createI18n(localesDir: string): I18nInstance {
  const { resources, namespaces } = readLocaleResources(localesDir);
  const instance = i18next.createInstance();
  const fallbackLng: Record<string, string[]> = { default: [DEFAULT_LANGUAGE] };
  for (const info of Object.values(LANGUAGES)) {
    fallbackLng[info.code] = [...info.fallbacks, DEFAULT_LANGUAGE];
  }
  void instance.init({
    resources,
    ns: namespaces,
    defaultNS: 'common',
    supportedLngs: [...LANGUAGE_CODES],
    fallbackLng,
    lng: DEFAULT_LANGUAGE,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** A translator bound to one language, for one turn. */
export function translatorFor(instance: I18nInstance, lng: LanguageCode): Translate {
  const fixed = instance.getFixedT(lng);
  return (key, options) => String(fixed(key, options ?? {}));
}

/** Lists from locales (keywords, synonyms) for a language, merged with English ones. */
export function listFor(instance: I18nInstance, lng: LanguageCode, key: string): string[] {
  const own = instance.getFixedT(lng)(key, { returnObjects: true, defaultValue: [] }) as unknown;
  const english = instance.getFixedT(DEFAULT_LANGUAGE)(key, { returnObjects: true, defaultValue: [] }) as unknown;
  const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  return [...new Set([...asList(own), ...asList(english)])];
}

/** A list from one language's own files only (no English), e.g. the frequent words that tell languages apart. */
export function ownListFor(instance: I18nInstance, lng: LanguageCode, key: string): string[] {
  const [ns, ...path] = key.split(':');
  const value = instance.getResource(lng, ns ?? 'common', path.join(':')) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Each language's most frequent words (question:stopwords), folded like search text, for language detection. */
export function frequentWords(instance: I18nInstance): Partial<Record<LanguageCode, ReadonlySet<string>>> {
  return Object.fromEntries(
    LANGUAGE_CODES.map((lng) => [lng, new Set(ownListFor(instance, lng, 'question:stopwords').map(normalize))]),
  );
}

/** The Localizer dialogs use: a cached translator and keyword lists per language. */
export class I18nLocalizer implements Localizer {
  private readonly cache = new Map<LanguageCode, TurnLanguage>();

  private readonly everyLanguageLists = new Map<string, string[]>();

  constructor(private readonly instance: I18nInstance) {}

  private everyLanguage(key: string): string[] {
    let list = this.everyLanguageLists.get(key);
    if (!list) {
      list = [...new Set(LANGUAGE_CODES.flatMap((lng) => ownListFor(this.instance, lng, key)))];
      this.everyLanguageLists.set(key, list);
    }
    return list;
  }

  forLanguage(lang: LanguageCode): TurnLanguage {
    let language = this.cache.get(lang);
    if (!language) {
      const lists = new Map<string, string[]>();
      language = {
        lang,
        t: translatorFor(this.instance, lang),
        list: (key) => {
          let list = lists.get(key);
          if (!list) {
            list = listFor(this.instance, lang, key);
            lists.set(key, list);
          }
          return list;
        },
        listInEveryLanguage: (key) => this.everyLanguage(key),
      };
      this.cache.set(lang, language);
    }
    return language;
  }
}
