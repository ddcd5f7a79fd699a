/**
 * Turns knowledge entries into reply text in the user's language: the short answer first, then the
 * key facts, the sources and the date they were checked. Missing translations fall back to English
 * with a visible note; entries past their review date carry a visible warning.
 */
import { tokens } from '../knowledge/normalize';
import type { Entry, LocalText } from '../knowledge/schema';
import type { LanguageCode } from '../locales/languages';
import type { TurnLanguage } from './localizer';
import type { Citation, NeutralReply } from './reply';

/** How many bullet lines (details and key facts) a full answer shows; the source has the rest. */
const MAX_BULLETS = 6;
/** How many source links one entry shows. */
const MAX_CITATIONS_PER_ENTRY = 3;

/** Collects texts in one language and remembers whether any had to fall back to English. */
export class TextPicker {
  usedFallback = false;

  constructor(private readonly lang: LanguageCode) {}

  /** The text in the picker's language, else English. */
  pick(text: LocalText | undefined): string | undefined {
    if (!text) {
      return undefined;
    }
    const own = text[this.lang];
    if (own) {
      return own;
    }
    if (this.lang !== 'en') {
      this.usedFallback = true;
    }
    return text.en;
  }
}

/** A date written the way the user's language writes dates (UTC, so tests are stable). */
export function formatDate(iso: string, lang: LanguageCode): string {
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  try {
    // Gregorian and Western digits, as on every document in Europe (Farsi would otherwise get the Solar Hijri calendar).
    return new Intl.DateTimeFormat(lang, {
      dateStyle: 'long',
      timeZone: 'UTC',
      calendar: 'gregory',
      numberingSystem: 'latn',
    }).format(date);
  } catch {
    return iso;
  }
}

/** The source links of entries, without duplicates. */
export function citationsOf(entries: Entry[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const entry of entries) {
    for (const source of entry.sources) {
      if (!seen.has(source.url)) {
        seen.add(source.url);
        citations.push({ title: source.title, url: source.url });
      }
    }
  }
  return citations;
}

/** The text of a detail the user asked about (cost, duration) of an entry, when it has one. */
export function detailText(entry: Entry, detail: 'cost' | 'duration', picker: TextPicker): string | undefined {
  if (entry.kind === 'procedure' || entry.kind === 'profession') {
    const text = detail === 'cost' ? entry.cost : entry.duration;
    const waiver = detail === 'cost' && entry.kind === 'procedure' ? picker.pick(entry.feeWaiver) : undefined;
    return [picker.pick(text), waiver].filter(Boolean).join(' ') || undefined;
  }
  return undefined;
}

/** Lines with the kind-specific details of an entry (documents, costs, authorities …). */
function detailLines(entry: Entry, picker: TextPicker, language: TurnLanguage): string[] {
  const { t } = language;
  const lines: (string | undefined)[] = [];
  switch (entry.kind) {
    case 'workRight':
      lines.push(
        picker.pick(entry.waiting?.condition),
        picker.pick(entry.proofDocument),
        picker.pick(entry.whoApplies),
        picker.pick(entry.limits),
        picker.pick(entry.appealStage),
        picker.pick(entry.endsWhen),
        picker.pick(entry.selfEmployment.text),
      );
      break;
    case 'procedure':
      lines.push(
        picker.pick(entry.issues),
        ...(entry.steps ?? []).map((step) => picker.pick(step)),
        picker.pick(entry.documents),
        picker.pick(entry.cost),
        picker.pick(entry.duration),
        picker.pick(entry.feeWaiver),
        entry.url,
      );
      break;
    case 'profession':
      lines.push(
        entry.authority ? [entry.authority.name, entry.authority.url].filter(Boolean).join(' ') : undefined,
        ...(entry.steps ?? []).map((step) => picker.pick(step)),
        picker.pick(entry.cost),
        picker.pick(entry.duration),
        picker.pick(entry.languageRequirement),
      );
      break;
    case 'organisation':
      lines.push(entry.url, entry.mayHaveEnded ? t('plan:mayHaveEnded') : undefined);
      break;
    case 'info':
      lines.push(entry.url);
      break;
    default:
      break;
  }
  return lines.filter((line): line is string => Boolean(line));
}

export interface RenderOptions {
  today: Date;
  /** Show facts and details (an answer), or only title and summary (a list item). */
  detail: 'full' | 'brief';
  heading?: string;
  /** The question's words: the facts that contain most of them are shown first. */
  focus?: string[];
  /** Lines shown right after the heading, before the entry's own short answer (a computed date, a detail asked for). */
  lead?: string[];
}

/** Renders one entry as a reply: heading, short answer, facts, details, "checked on", sources. */
export function renderEntry(entry: Entry, language: TurnLanguage, options: RenderOptions): NeutralReply {
  const { t, lang } = language;
  const picker = new TextPicker(lang);
  const parts: string[] = [];
  parts.push(`**${options.heading ?? picker.pick(entry.title) ?? entry.id}**`);
  parts.push(...(options.lead ?? []));
  parts.push(picker.pick(entry.summary) ?? '');
  if (options.detail === 'full') {
    const facts = (entry.facts ?? []).map((fact) => picker.pick(fact));
    const details = detailLines(entry, picker, language);
    const lines = [...details, ...facts].filter((line): line is string => Boolean(line));
    const focus = new Set(options.focus ?? []);
    const relevance = (line: string): number => tokens(line).filter((word) => focus.has(word)).length;
    // Stable: with no focus (or a tie) the editor's order stays.
    const bullets = focus.size > 0 ? [...lines].sort((a, b) => relevance(b) - relevance(a)) : lines;
    parts.push(...bullets.slice(0, MAX_BULLETS).map((line) => `• ${line}`));
  } else if (entry.kind === 'organisation' && entry.url) {
    parts.push(entry.url);
  }
  if (entry.unknown) {
    parts.push(t('plan:unknown', { text: picker.pick(entry.unknown) }));
    if (entry.responsibleBody) {
      parts.push(t('plan:ask', { name: entry.responsibleBody.name, url: entry.responsibleBody.url ?? '' }).trim());
    }
  }
  parts.push(t('common:checkedOn', { date: formatDate(entry.verifiedOn, lang) }));
  if (entry.reviewBy < options.today.toISOString().slice(0, 10)) {
    parts.push(t('common:mayBeOutdated', { date: formatDate(entry.reviewBy, lang) }));
  }
  if (picker.usedFallback) {
    parts.push(t('common:englishOnly'));
  }
  return {
    text: parts.filter((part) => part.length > 0).join('\n'),
    citations: citationsOf([entry]).slice(0, MAX_CITATIONS_PER_ENTRY),
  };
}
