/**
 * Dates in users' words ("5 months ago", "in March", "3 May 2026") → a calendar date, computed
 * against an injected "today". Uses @microsoft/recognizers-text where it has a model.
 */
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { addPeriod } from '../../knowledge/pathway';
import type { LanguageCode } from '../../locales/languages';

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

/**
 * The most recent date mentioned in `text` that is not after `today`, or undefined.
 * "in March" said in November means this year's March, not next year's.
 */
export function parsePastDate(text: string, lang: LanguageCode, today: Date): string | undefined {
  const culture = CULTURES[lang] ?? Culture.English;
  const todayIso = toIso(today);
  const found: string[] = [];
  for (const result of recognizeDateTime(text, culture, NO_OPTIONS, today)) {
    const values = (result.resolution?.values ?? []) as Resolution[];
    for (const resolution of values) {
      found.push(...candidates(resolution, today).filter((iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso <= todayIso));
    }
  }
  return found.sort().at(-1);
}
