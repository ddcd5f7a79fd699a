/**
 * Recognises the interruptions that work anywhere (help, restart, back, language, person, menu),
 * from button ids (`cmd:help`) or from keywords in locales/ in the user's language and English.
 */
import { normalize } from '../../knowledge/normalize';
import { COMMANDS, type Command, parseChoiceId } from '../ids';
import type { TurnLanguage } from '../localizer';

/** Keywords of at least this many words also count when they appear inside a longer message. */
const MIN_WORDS_TO_MATCH_INSIDE = 2;

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && (COMMANDS as readonly string[]).includes(value);
}

/** The command a message asks for, if any. */
export function recognizeCommand(text: string, language: TurnLanguage): Command | undefined {
  const fromId = parseChoiceId(text, 'cmd');
  if (isCommand(fromId)) {
    return fromId;
  }
  const raw = text.trim().toLowerCase();
  const folded = normalize(text);
  const padded = ` ${folded} `;
  for (const command of COMMANDS) {
    // "Change language" is understood in every language: the user may not read the current one.
    const keywords =
      command === 'language'
        ? language.listInEveryLanguage(`common:keywords.${command}`)
        : language.list(`common:keywords.${command}`);
    for (const keyword of keywords) {
      const key = normalize(keyword);
      if (raw === keyword.toLowerCase() || (key.length > 0 && key === folded)) {
        return command;
      }
      if (key.split(' ').length >= MIN_WORDS_TO_MATCH_INSIDE && padded.includes(` ${key} `)) {
        return command;
      }
    }
  }
  return undefined;
}
