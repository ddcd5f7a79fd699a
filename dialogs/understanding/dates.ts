/**
 * Dates in users' words ("5 months ago", "in March", "3 May 2026") → a calendar date, computed
 * against an injected "today". Uses @microsoft/recognizers-text where it has a model.
 */
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { addPeriod } from '../../knowledge/pathway';
import { normalize } from '../../knowledge/normalize';
import type { LanguageCode } from '../../locales/languages';
import type { TurnLanguage } from '../localizer';

/** Languages with a date-time model in recognizers-text 1.3.1; others are tried with English. */
const CULTURES: Partial<Record<LanguageCode, string>> = {
  en: Culture.English,
  fr: Culture.French,
  es: Culture.Spanish,
};
const NO_OPTIONS = 0;
const MS_PER_SECOND = 1000;

interface Resolution {
  type?: string;
  value?: string;
  start?: string;
  timex?: string;
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Candidate dates a resolution stands for; durations count back from today ("il y a 5 mois"). */
function candidates(resolution: Resolution, today: Date): string[] {
  switch (resolution.type) {
    case 'date':
      return resolution.value ? [resolution.value.slice(0, 10)] : [];
    case 'daterange':
    case 'datetimerange':
      return resolution.start ? [resolution.start.slice(0, 10)] : [];
    case 'duration': {
      const months = /^P(\d+)M$/.exec(resolution.timex ?? '');
      if (months) {
        return [toIso(addPeriod(today, -Number(months[1]), 'months'))];
      }
      const seconds = Number(resolution.value);
      return Number.isFinite(seconds) ? [toIso(new Date(today.getTime() - seconds * MS_PER_SECOND))] : [];
    }
    default:
      return [];
  }
}

/** Unit words shorter than this must match a whole word; longer ones match word beginnings ("monat" → "Monaten"). */
const MIN_STEM_LENGTH = 3;
const DAYS_PER_WEEK = 7;
const MONTHS_PER_YEAR = 12;
/** Arabic duals mean "two" by themselves ("شهرين" = two months). */
const ARABIC_DUAL = /ين$/u;

type Unit = 'day' | 'week' | 'month' | 'year';
const UNITS: readonly Unit[] = ['day', 'week', 'month', 'year'];

/**
 * "5 months ago" in the user's language, from the small lexicon in locales/<lang>/understanding.json
 * (`pastDates`: the words for "ago", the units and the numbers one to twelve) — recognizers-text has
 * date models for English, French and Spanish only.
 */
function fromLexicon(text: string, language: Pick<TurnLanguage, 'list'>, today: Date): string[] {
  const folded = ` ${normalize(text)} `;
  const fold = (key: string): string[] => language.list(`understanding:pastDates.${key}`).map(normalize);
  if (!fold('ago').some((phrase) => phrase && folded.includes(` ${phrase} `))) {
    return [];
  }
  const words = folded.trim().split(' ');
  const numbers = language.list('understanding:pastDates.numbers').map(normalize);
  const numberAt = (index: number): number | undefined => {
    const word = words[index];
    if (word === undefined) {
      return undefined;
    }
    if (/^\d{1,3}$/.test(word)) {
      return Number(word);
    }
    const position = numbers.indexOf(word);
    return position >= 0 ? position + 1 : undefined;
  };
  const found: string[] = [];
  for (const unit of UNITS) {
    const stems = fold(unit);
    words.forEach((word, index) => {
      const isUnit = stems.some((stem) => (stem.length >= MIN_STEM_LENGTH ? word.startsWith(stem) : word === stem));
      if (!isUnit) {
        return;
      }
      const amount = numberAt(index - 1) ?? numberAt(index + 1) ?? (ARABIC_DUAL.test(word) ? 2 : 1);
      const date =
        unit === 'day' || unit === 'week'
          ? addPeriod(today, -amount * (unit === 'week' ? DAYS_PER_WEEK : 1), 'days')
          : addPeriod(today, -amount * (unit === 'year' ? MONTHS_PER_YEAR : 1), 'months');
      found.push(toIso(date));
    });
  }
  return found;
}

/**
 * The most recent date mentioned in `text` that is not after `today`, or undefined.
 * "in March" said in November means this year's March, not next year's.
 */
export function parsePastDate(
  text: string,
  language: Pick<TurnLanguage, 'lang' | 'list'>,
  today: Date,
): string | undefined {
  const todayIso = toIso(today);
  const relative = fromLexicon(text, language, today).filter((iso) => iso <= todayIso);
  const model = CULTURES[language.lang];
  if (!model && relative.length > 0) {
    // English models misread other languages' words ("5 hónappal" → today); the lexicon knows them.
    return relative.sort().at(-1);
  }
  const culture = model ?? Culture.English;
  const found: string[] = [];
  for (const result of recognizeDateTime(text, culture, NO_OPTIONS, today)) {
    const values = (result.resolution?.values ?? []) as Resolution[];
    for (const resolution of values) {
      found.push(...candidates(resolution, today).filter((iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso <= todayIso));
    }
  }
  found.push(...relative);
  return found.sort().at(-1);
}
