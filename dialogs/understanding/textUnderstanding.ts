/**
 * Free text → what the user asks about (topics, scored) and what they name (country, region, city,
 * status, profession, level, documents), plus dates ("I applied 5 months ago"). Topic words come from
 * locales/<lng>/understanding.json (the user's language and English); names and synonyms come from
 * the knowledge taxonomies, typo-tolerant through the knowledge search.
 */
import Fuse from 'fuse.js';
import { normalize } from '../../knowledge/normalize';
import type {
  CountryCode,
  DocumentsId,
  EmployerRuleEntry,
  GoalId,
  LevelId,
  StatusId,
  TaxonomyKind,
} from '../../knowledge/schema';
import { COUNTRY_CODES } from '../../knowledge/schema';
import type { KnowledgeRepository, KnowledgeSearch, TermMatch } from '../../knowledge/types';
import type { Clock } from '../clock';
import type { Localizer, TurnLanguage } from '../localizer';
import { LANGUAGE_CODES } from '../../locales/languages';
import { parsePastDate } from './dates';
import { trustedTerms } from './slotRecognizer';

export const TOPICS = [
  'safety',
  'legal',
  'delete',
  'employer',
  'nodocs',
  'validation',
  'regulated',
  'recognition',
  'services',
  'stories',
  'compare',
  'plan',
  'about',
  'work',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Employer rule types, in the order they win when a question names several. */
export const RULE_TYPES = ['fines', 'incentives', 'filing', 'permits', 'checks'] as const;
export type Detail = 'cost' | 'duration';

export interface Understanding {
  /** Topics named, best first (ties broken by the order of TOPICS). */
  topics: Topic[];
  country?: CountryCode;
  /** A country named that Pathfinder does not cover (and no covered one). */
  uncoveredCountry?: string;
  region?: string;
  city?: string;
  status?: StatusId;
  profession?: string;
  level?: LevelId;
  documents?: DocumentsId;
  goal?: GoalId;
  /** The employer rule asked about (fines, checks …). */
  ruleType?: EmployerRuleEntry['ruleType'];
  detail?: Detail;
  selfEmployment: boolean;
  /** The text asks for an NGO or a charity rather than a public office. */
  ngoAsked: boolean;
  study: boolean;
  /** A date in the past the text names (an application date), YYYY-MM-DD. */
  date?: string;
  /** The text is short and leans on the previous question ("And in Spain?"). */
  followUp: boolean;
  /** How many words the text has. */
  wordCount: number;
  /** The text asks something (a question mark, or it starts with a question word of the language). */
  isQuestion: boolean;
}

/**
 * Countries people ask to work or study in that Pathfinder does not cover. Other uncovered countries
 * (Syria, Ukraine, Afghanistan …) are where people come from: "a degree from Syria" is not a question
 * about Syria.
 */
const UNCOVERED_DESTINATIONS: ReadonlySet<string> = new Set([
  'DE',
  'FR',
  'PL',
  'AT',
  'SE',
  'DK',
  'GR',
  'PT',
  'CZ',
  'RO',
  'HR',
  'CH',
  'NO',
  'FI',
  'LU',
  'BG',
  'EE',
  'LV',
  'LT',
  'MT',
  'CY',
  'US',
  'CA',
]);

/** The locale list of each language's function words. */
const STOPWORDS_KEY = 'question:stopwords';

/** Texts of at most this many words that name no topic are read as follow-ups of the last question. */
const MAX_FOLLOW_UP_WORDS = 8;

/** Whether a phrase (already folded) occurs in the folded text on word boundaries. */
function containsPhrase(paddedText: string, phrase: string): boolean {
  return phrase.length > 0 && paddedText.includes(` ${phrase} `);
}

/** Words shorter than this are not corrected: a typo in "job" or "work" can be anything. */
const MIN_TYPO_WORD_LENGTH = 5;
/** A misspelt word is at most this many letters longer or shorter than the word meant. */
const MAX_TYPO_LENGTH_DIFFERENCE = 2;
/** fuse.js threshold for a misspelt topic word (0 = exact, 1 = anything). */
export const TOPIC_TYPO_THRESHOLD = 0.25;

/** How far from the start of a topic word a misspelt word may match (fuse.js distance). */
const TYPO_DISTANCE = 4;
/** Topics that decide the whole answer (danger, legal, deleting data) are never guessed from a typo. */
const NO_TYPO_TOPICS: ReadonlySet<Topic> = new Set([
  'safety',
  'legal',
  'delete',
  'about',
  'compare',
  'plan',
  'stories',
]);

interface TopicWord {
  word: string;
  topic: Topic;
}

interface TypoIndex {
  exact: Set<string>;
  fuse: Fuse<TopicWord>;
}

export class TextUnderstanding {
  private readonly typoIndexes = new Map<string, TypoIndex>();
  private allSafetyPhrases: string[] | undefined;
  private readonly allLists = new Map<string, string[]>();
  private allFunctionWords: ReadonlySet<string> | undefined;

  constructor(
    private readonly search: KnowledgeSearch,
    private readonly repo: KnowledgeRepository,
    private readonly clock: Clock,
    private readonly localizer: Localizer,
  ) {}

  /** Reads a message. */
  understand(text: string, language: TurnLanguage): Understanding {
    const folded = normalize(text);
    const words = folded.split(' ').filter(Boolean);
    const phrases = (key: string): string[] => this.allLanguages(key);

    // Names of places, statuses and professions are entities, not topic words: "recognised refugee" is a
    // status, not a question about recognition.
    const named = (kind: TaxonomyKind) => this.best(kind, text, language);
    const statusMatch = named('statuses');
    const professionMatch = named('professions');
    let topicText = ` ${folded} `;
    for (const match of [statusMatch, professionMatch, ...(['countries', 'cities', 'regions'] as const).map(named)]) {
      const phrase = match ? normalize(match.matched) : '';
      if (phrase.length > 0) {
        topicText = topicText.replace(` ${phrase} `, ' ');
      }
    }
    const padded = topicText;
    const matches = (key: string): number =>
      phrases(key).reduce(
        (score, phrase) => (containsPhrase(padded, phrase) ? score + phrase.split(' ').length : score),
        0,
      );
    const matchesAnywhere = (key: string): number =>
      phrases(key).reduce((score, phrase) => (containsPhrase(` ${folded} `, phrase) ? score + 1 : score), 0);

    const scores = new Map<Topic, number>();
    for (const topic of TOPICS) {
      const score = matches(`understanding:topics.${topic}`);
      if (score > 0) {
        scores.set(topic, score);
      }
    }
    // Danger is never missed because the language was not recognised: its words count in every language.
    if (!scores.has('safety') && this.safetyPhrases().some((phrase) => containsPhrase(padded, phrase))) {
      scores.set('safety', 1);
    }
    // Misspelt topic words ("recogniton", "diplom", "homologacion") count once each.
    const typoIndex = this.typoIndex(language);
    const stopwords = new Set(phrases(STOPWORDS_KEY));
    for (const word of padded.trim().split(' ')) {
      if (word.length >= MIN_TYPO_WORD_LENGTH && !typoIndex.exact.has(word) && !stopwords.has(word)) {
        // A typo keeps the word's first letter and about its length; fuse alone also finds words inside words.
        const hit = typoIndex.fuse
          .search(word, { limit: 3 })
          .find(
            (candidate) =>
              candidate.item.word[0] === word[0] &&
              Math.abs(candidate.item.word.length - word.length) <= MAX_TYPO_LENGTH_DIFFERENCE,
          );
        if (hit) {
          scores.set(hit.item.topic, (scores.get(hit.item.topic) ?? 0) + 1);
        }
      }
    }
    // "A company wants to hire me": the worker asks, not the employer.
    if (matchesAnywhere('understanding:notEmployer') > 0) {
      scores.delete('employer');
    }
    const ruleScores = RULE_TYPES.map((rule) => [rule, matches(`understanding:employerRules.${rule}`)] as const).filter(
      ([, score]) => score > 0,
    );
    // Fines first: "what are the fines if I don't check…" asks about fines, whatever else it names.
    const ruleType = RULE_TYPES.find((rule) => ruleScores.some(([candidate]) => candidate === rule));

    const places = this.places(text, language);
    const status =
      statusMatch?.id ?? (matchesAnywhere('understanding:asylumApplied') > 0 ? 'asylum_seeker' : undefined);
    const profession = professionMatch?.id;
    if (profession && !scores.has('regulated') && !scores.has('recognition') && !scores.has('work')) {
      // "What about nurses?" or "nurse in Italy": a profession alone asks about practising it.
      scores.set('regulated', 1);
    }
    const topics = [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || TOPICS.indexOf(a[0]) - TOPICS.indexOf(b[0]))
      .map(([topic]) => topic);

    const costScore = matches('understanding:details.cost');
    const durationScore = matches('understanding:details.duration');
    const detail: Detail | undefined =
      costScore > 0 || durationScore > 0 ? (costScore >= durationScore ? 'cost' : 'duration') : undefined;

    return {
      topics,
      ...places,
      status: status as StatusId | undefined,
      profession,
      level: this.term('levels', text, language) as LevelId | undefined,
      documents: this.term('documents', text, language) as DocumentsId | undefined,
      goal: this.term('goals', text, language) as GoalId | undefined,
      ruleType,
      detail,
      selfEmployment: matches('understanding:selfEmployment') > 0,
      ngoAsked: matchesAnywhere('understanding:ngoWords') > 0,
      study: matches('understanding:study') > 0,
      date: parsePastDate(text, language, this.clock.now()),
      followUp: topics.length === 0 && words.length <= MAX_FOLLOW_UP_WORDS,
      wordCount: words.length,
      isQuestion:
        /[?？؟]/.test(text) || phrases('understanding:questionWords').some((word) => folded.startsWith(`${word} `)),
    };
  }

  /**
   * A list from locales in every supported language, folded once (cached per key): questions are understood
   * before their language is known. One-word phrases that are a function word in some language are left out
   * (Turkish "iş" folds to English "is").
   */
  private allLanguages(key: string): string[] {
    let list = this.allLists.get(key);
    if (!list) {
      const folded = (listKey: string): string[] =>
        LANGUAGE_CODES.flatMap((lng) =>
          this.localizer
            .forLanguage(lng)
            .list(listKey)
            .map((phrase) => normalize(phrase)),
        );
      const functionWords = key.startsWith('question:') ? new Set<string>() : new Set(folded(STOPWORDS_KEY));
      list = [...new Set(folded(key))].filter(
        (phrase) => phrase.length > 0 && (phrase.includes(' ') || !functionWords.has(phrase)),
      );
      this.allLists.set(key, list);
    }
    return list;
  }

  /** The function words of every supported language, folded: they carry no content in any question. */
  functionWords(): ReadonlySet<string> {
    this.allFunctionWords ??= new Set(this.allLanguages(STOPWORDS_KEY).flatMap((phrase) => phrase.split(' ')));
    return this.allFunctionWords;
  }

  /** The safety words of every supported language, folded once. */
  private safetyPhrases(): string[] {
    if (!this.allSafetyPhrases) {
      this.allSafetyPhrases = [
        ...new Set(
          LANGUAGE_CODES.flatMap((lng) =>
            this.localizer
              .forLanguage(lng)
              .list('understanding:topics.safety')
              .map((phrase) => normalize(phrase)),
          ),
        ),
      ].filter((phrase) => phrase.length > 0);
    }
    return this.allSafetyPhrases;
  }

  /** The one-word topic words of a language (and English), indexed once for typo matching. */
  private typoIndex(language: TurnLanguage): TypoIndex {
    let index = this.typoIndexes.get(language.lang);
    if (!index) {
      const words: TopicWord[] = TOPICS.filter((topic) => !NO_TYPO_TOPICS.has(topic)).flatMap((topic) =>
        language
          .list(`understanding:topics.${topic}`)
          .map((phrase) => normalize(phrase))
          .filter((word) => word.length >= MIN_TYPO_WORD_LENGTH && !word.includes(' '))
          .map((word) => ({ word, topic })),
      );
      index = {
        exact: new Set(words.map((entry) => entry.word)),
        // Anchored at the word's start (location 0, short distance): a typo, not a word inside another word.
        fuse: new Fuse(words, {
          keys: ['word'],
          threshold: TOPIC_TYPO_THRESHOLD,
          location: 0,
          distance: TYPO_DISTANCE,
        }),
      };
      this.typoIndexes.set(language.lang, index);
    }
    return index;
  }

  /** The best term of a taxonomy named in the text, trusted matches only. */
  private best(kind: TaxonomyKind, text: string, language: TurnLanguage): TermMatch | undefined {
    return trustedTerms(this.search, text, kind, language)[0];
  }

  /** The id of the best term of a taxonomy named in the text. */
  private term(kind: TaxonomyKind, text: string, language: TurnLanguage): string | undefined {
    return this.best(kind, text, language)?.id;
  }

  /** Country, region and city: a city or region names its country; a covered country wins over one of origin. */
  private places(
    text: string,
    language: TurnLanguage,
  ): Pick<Understanding, 'country' | 'uncoveredCountry' | 'region' | 'city'> {
    const trusted = (kind: TaxonomyKind) => trustedTerms(this.search, text, kind, language);
    const countries = trusted('countries');
    const covered = countries.find((match) => (COUNTRY_CODES as readonly string[]).includes(match.id));
    const city = trusted('cities')[0];
    const cityTerm = city ? this.repo.term('cities', city.id) : undefined;
    const region = trusted('regions')[0];
    const regionTerm = region ? this.repo.term('regions', region.id) : undefined;
    const country = (covered?.id ?? cityTerm?.country ?? regionTerm?.country) as CountryCode | undefined;
    const placeCountry = country && (COUNTRY_CODES as readonly string[]).includes(country) ? country : undefined;
    return {
      country: placeCountry,
      uncoveredCountry: placeCountry ? undefined : countries.find((match) => UNCOVERED_DESTINATIONS.has(match.id))?.id,
      region: regionTerm?.country === placeCountry ? region?.id : cityTerm?.region,
      city: cityTerm?.country === placeCountry ? city?.id : undefined,
    };
  }
}
