/**
 * Stable ids: dialog ids and the ids carried by buttons. Buttons show translated labels but send
 * these ids; dialogs compare ids, never translated text.
 */

export const DialogIds = {
  main: 'mainDialog',
  guidedFlow: 'guidedFlowDialog',
  country: 'countryDialog',
  status: 'statusDialog',
  qualification: 'qualificationDialog',
  goal: 'goalDialog',
  plan: 'planDialog',
  employer: 'employerDialog',
  compare: 'compareDialog',
  language: 'languageDialog',
  question: 'questionDialog',
  slotPrompt: 'slotPrompt',
} as const;

/** The kinds of answer the slot prompt understands. */
export type SlotKind =
  | 'menu'
  | 'country'
  | 'region'
  | 'status'
  | 'asylumDate'
  | 'level'
  | 'profession'
  | 'documents'
  | 'goal'
  | 'language'
  | 'next'
  | 'question';

/** Interruptions understood at any point of a conversation. */
export const COMMANDS = ['help', 'restart', 'back', 'language', 'person', 'menu', 'delete'] as const;
export type Command = (typeof COMMANDS)[number];

export const MENU_CHOICES = ['path', 'question', 'employer', 'compare', 'language'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

export function isMenuChoice(value: string): value is MenuChoice {
  return (MENU_CHOICES as readonly string[]).includes(value);
}

/** Builds a choice id such as `country:IE` or `cmd:help`. */
export function choiceId(prefix: string, value: string): string {
  return `${prefix}:${value}`;
}

/** Splits a choice id; undefined when the text is not a choice id with this prefix. */
export function parseChoiceId(text: string, prefix: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.startsWith(`${prefix}:`) ? trimmed.slice(prefix.length + 1) : undefined;
}
