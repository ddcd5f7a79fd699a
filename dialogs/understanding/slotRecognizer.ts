/**
 * Understands an answer to one of the bot's questions: a button id, the number of an option, the
 * label of an option, or free text naming a country, city, status, level, profession … in any
 * supported language (names and synonyms come from the knowledge taxonomies, typos are tolerated).
 */
import { normalize } from '../../knowledge/normalize';
import type { TaxonomyKind } from '../../knowledge/schema';
import type { KnowledgeRepository, KnowledgeSearch, TermMatch } from '../../knowledge/types';
import { LANGUAGE_CODES, LANGUAGES } from '../../locales/languages';
import type { Clock } from '../clock';
import type { SlotKind } from '../ids';
import type { TurnLanguage } from '../localizer';
import type { ChoiceItem } from '../reply';
import { parsePastDate } from './dates';

/** Taxonomy matches below this score are not trusted as answers. */
export const MIN_TERM_SCORE = 0.6;
/** Free text kept as a "field of work" is cut to this length. */
const MAX_FIELD_LENGTH = 80;

export interface SlotMatch {
  /** The stable id of the answer, e.g. `country:IE`, `status:refugee`, `date:2026-05-03`. */
  id: string;
  /** Extra facts the same words gave (a city names its region; free text names a field). */
  region?: string;
  city?: string;
  field?: string;
  /** The answer is the user's own words (a question typed at the menu), not a pick. */
  freeText?: boolean;
}

/** The taxonomy terms of a kind named in a text that are sure enough to act on, best first. */
export function trustedTerms(
  search: KnowledgeSearch,
  text: string,
  kind: TaxonomyKind,
  language: TurnLanguage,
): TermMatch[] {
  return search.findTerms(text, kind, language.lang).filter((match) => match.score >= MIN_TERM_SCORE);
}

/** The taxonomy and id prefix that answer each slot. */
const SLOT_TAXONOMY: Partial<Record<SlotKind, { kind: TaxonomyKind; prefix: string }>> = {
  status: { kind: 'statuses', prefix: 'status' },
  level: { kind: 'levels', prefix: 'level' },
  documents: { kind: 'documents', prefix: 'documents' },
  goal: { kind: 'goals', prefix: 'goal' },
  profession: { kind: 'professions', prefix: 'profession' },
};

export class SlotRecognizer {
  constructor(
    private readonly search: KnowledgeSearch,
    private readonly repo: KnowledgeRepository,
    private readonly clock: Clock,
  ) {}

  /** The answer a message gives to a question about `slot`, or undefined when it gives none. */
  recognize(slot: SlotKind, text: string, language: TurnLanguage, choices: ChoiceItem[]): SlotMatch | undefined {
    const trimmed = text.trim();
    if (trimmed.length === 0) {
      return undefined;
    }
    const byChoice = this.matchChoice(trimmed, choices) ?? this.matchAnswerWords(trimmed, choices, language);
    if (byChoice) {
      return { id: byChoice };
    }
    switch (slot) {
      case 'country':
        return this.country(trimmed, language);
      case 'region':
        return this.region(trimmed, language);
      case 'asylumDate': {
        const date = parsePastDate(trimmed, language, this.clock.now());
        return date ? { id: `date:${date}` } : undefined;
      }
      case 'language':
        return this.language(trimmed);
      case 'question':
        return { id: 'question', freeText: true };
      case 'menu':
        return this.menu(trimmed, language, choices);
      case 'profession': {
        const profession = this.term('professions', trimmed, language);
        return profession
          ? { id: `profession:${profession}` }
          : { id: 'profession:other', field: trimmed.slice(0, MAX_FIELD_LENGTH) };
      }
      case 'status': {
        const unsure = language
          .list('flow:status.unsureKeywords')
          .some((word) => normalize(word) === normalize(trimmed));
        if (unsure) {
          return { id: 'status:unsure' };
        }
        break;
      }
      default:
        break;
    }
    const taxonomy = SLOT_TAXONOMY[slot];
    if (taxonomy) {
      const id = this.term(taxonomy.kind, trimmed, language);
      return id ? { id: `${taxonomy.prefix}:${id}` } : undefined;
    }
    return undefined;
  }

  /** An answer picked from the options themselves: a button id, a number, a label or a short answer word. */
  recognizeChoice(text: string, language: TurnLanguage, choices: ChoiceItem[]): string | undefined {
    const trimmed = text.trim();
    return this.matchChoice(trimmed, choices) ?? this.matchAnswerWords(trimmed, choices, language);
  }

  /** A button id, the number of an option ("2", "٢") or an option's label typed out. */
  private matchChoice(text: string, choices: ChoiceItem[]): string | undefined {
    if (choices.some((choice) => choice.id === text)) {
      return text;
    }
    const folded = normalize(text);
    if (/^\d{1,2}$/.test(folded)) {
      return choices[Number(folded) - 1]?.id;
    }
    return choices.find((choice) => normalize(choice.label) === folded)?.id;
  }

  /** Short answers a question accepts ("all", "none" …), listed in locales under flow:answers.<slot>.<value>. */
  private matchAnswerWords(text: string, choices: ChoiceItem[], language: TurnLanguage): string | undefined {
    const folded = normalize(text);
    return choices.find((choice) =>
      language.list(`flow:answers.${choice.id.replace(':', '.')}`).some((word) => normalize(word) === folded),
    )?.id;
  }

  /** The best taxonomy term of a kind named in the text. */
  private term(kind: TaxonomyKind, text: string, language: TurnLanguage): string | undefined {
    return trustedTerms(this.search, text, kind, language)[0]?.id;
  }

  private country(text: string, language: TurnLanguage): SlotMatch | undefined {
    const candidates = (['countries', 'cities', 'regions'] as const)
      .map((kind) => trustedTerms(this.search, text, kind, language)[0])
      .filter((match) => match !== undefined);
    const best = candidates.sort((a, b) => b.score - a.score)[0];
    if (!best) {
      return undefined;
    }
    if (best.kind === 'countries') {
      const term = this.repo.term('countries', best.id);
      return { id: term?.covered === false ? `uncovered:${best.id}` : `country:${best.id}` };
    }
    const term = this.repo.term(best.kind, best.id);
    if (!term?.country) {
      return undefined;
    }
    const regionId = best.kind === 'regions' ? best.id : term.region;
    return { id: `country:${term.country}`, region: regionId, city: best.kind === 'cities' ? best.id : undefined };
  }

  private region(text: string, language: TurnLanguage): SlotMatch | undefined {
    const region = trustedTerms(this.search, text, 'regions', language)[0];
    if (region) {
      return { id: `region:${region.id}` };
    }
    const city = trustedTerms(this.search, text, 'cities', language)[0];
    const cityTerm = city ? this.repo.term('cities', city.id) : undefined;
    return cityTerm?.region ? { id: `region:${cityTerm.region}`, city: city?.id } : undefined;
  }

  /** A menu entry by its keywords, a greeting, or else a question in the user's own words. */
  private menu(text: string, language: TurnLanguage, choices: ChoiceItem[]): SlotMatch {
    const folded = normalize(text);
    for (const choice of choices) {
      const keywords = language.list(`welcome:menuKeywords.${choice.id.slice('menu:'.length)}`);
      if (keywords.some((keyword) => normalize(keyword) === folded)) {
        return { id: choice.id };
      }
    }
    if (language.list('welcome:greetings').some((greeting) => normalize(greeting) === folded)) {
      return { id: 'menu:greet' };
    }
    return { id: 'menu:question', freeText: true };
  }

  /** A language named by its code, its own name or (in locales) its name in other languages. */
  private language(text: string): SlotMatch | undefined {
    const folded = normalize(text);
    const code = LANGUAGE_CODES.find(
      (lng) =>
        lng === folded ||
        normalize(LANGUAGES[lng].nativeName).split(' ').includes(folded) ||
        normalize(LANGUAGES[lng].nativeName) === folded,
    );
    return code ? { id: `lang:${code}` } : undefined;
  }
}
