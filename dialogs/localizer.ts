/**
 * What dialogs know about language: a translator and keyword lists for the turn's language.
 * The bot resolves the language once per turn and puts a TurnLanguage on the turn state;
 * dialogs read it from there and never switch a global language.
 */
import type { TurnContext } from 'botbuilder';
import type { LanguageCode } from '../locales/languages';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface TurnLanguage {
  lang: LanguageCode;
  t: Translate;
  /** A list from locales (keywords, synonyms) in this language merged with English. */
  list(key: string): string[];
  /** The same list in every supported language (e.g. "change language" typed in any language). */
  listInEveryLanguage(key: string): string[];
}

export interface Localizer {
  forLanguage(lang: LanguageCode): TurnLanguage;
}

const TURN_LANGUAGE = Symbol('pathfinder.turnLanguage');
const LOCALIZER = Symbol('pathfinder.localizer');

/** Called by the bot at the start of every turn. */
export function setTurnLanguage(context: TurnContext, localizer: Localizer, lang: LanguageCode): TurnLanguage {
  const language = localizer.forLanguage(lang);
  context.turnState.set(LOCALIZER, localizer);
  context.turnState.set(TURN_LANGUAGE, language);
  return language;
}

/** The language of this turn, as the bot resolved it. */
export function turnLanguage(context: TurnContext): TurnLanguage {
  const language = context.turnState.get(TURN_LANGUAGE) as TurnLanguage | undefined;
  if (!language) {
    throw new Error('turnLanguage: the bot did not set the language of this turn');
  }
  return language;
}

/** The language of this turn, or undefined before the bot has resolved it. */
export function turnLanguageOrUndefined(context: TurnContext): TurnLanguage | undefined {
  return context.turnState.get(TURN_LANGUAGE) as TurnLanguage | undefined;
}

/** Switches the rest of this turn to another language (after the user picked one). */
export function switchTurnLanguage(context: TurnContext, lang: LanguageCode): TurnLanguage {
  const localizer = context.turnState.get(LOCALIZER) as Localizer | undefined;
  if (!localizer) {
    throw new Error('switchTurnLanguage: no localizer on this turn');
  }
  return setTurnLanguage(context, localizer, lang);
}
