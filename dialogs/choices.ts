/**
 * Translated labels for stable choice ids. Countries, regions and professions are named by the
 * knowledge taxonomies; everything else by locales/.
 */
import type { KnowledgeRepository } from '../knowledge/types';
import type { TaxonomyKind } from '../knowledge/schema';
import { isLanguageCode, LANGUAGES } from '../locales/languages';
import type { TurnLanguage } from './localizer';
import type { ChoiceItem } from './reply';

/** Choice-id prefixes whose labels come from a taxonomy. */
const TAXONOMY_PREFIXES: Readonly<Record<string, TaxonomyKind>> = {
  country: 'countries',
  region: 'regions',
  profession: 'professions',
  city: 'cities',
};

/** Choice-id prefixes whose labels come from a locale key (`{{value}}` is the id's value). */
const LOCALE_KEYS: Readonly<Record<string, string>> = {
  status: 'flow:status.labels.{{value}}',
  level: 'flow:level.labels.{{value}}',
  documents: 'flow:documents.labels.{{value}}',
  goal: 'flow:goal.labels.{{value}}',
  menu: 'welcome:menu.{{value}}',
  cmd: 'common:actions.{{value}}',
};

export class ChoiceLabels {
  constructor(private readonly repo: KnowledgeRepository) {}

  /** The name of a taxonomy term in a language (English when missing). */
  termName(kind: TaxonomyKind, id: string, language: TurnLanguage): string {
    const term = this.repo.term(kind, id);
    return term?.names[language.lang]?.[0] ?? term?.names.en?.[0] ?? id;
  }

  /** The label of one choice id in the turn's language. */
  label(id: string, language: TurnLanguage): string {
    const separator = id.indexOf(':');
    const prefix = id.slice(0, separator);
    const value = id.slice(separator + 1);
    if (id === 'profession:other') {
      return language.t('flow:profession.other');
    }
    if (id === 'date:unknown') {
      return language.t('flow:asylumDate.dontKnow');
    }
    if (prefix === 'lang' && isLanguageCode(value)) {
      return LANGUAGES[value].nativeName;
    }
    const taxonomy = TAXONOMY_PREFIXES[prefix];
    if (taxonomy) {
      return this.termName(taxonomy, value, language);
    }
    const key = LOCALE_KEYS[prefix];
    return key ? language.t(key.replace('{{value}}', value)) : id;
  }

  /** Choice items (id + label) for a list of ids. */
  items(ids: readonly string[], language: TurnLanguage): ChoiceItem[] {
    return ids.map((id) => ({ id, label: this.label(id, language) }));
  }
}
