/**
 * The last resort of a turn: the user gets a friendly apology in their language, the details go to
 * the log only. The dialog stack is reset so the next message starts cleanly; the profile is kept.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { turnLanguage, type Localizer } from '../dialogs/localizer';
import { toActivity } from '../dialogs/reply';
import { DEFAULT_LANGUAGE } from '../locales/languages';
import type { Logger } from './logger';

/** Builds the adapter's onTurnError handler. */
export function createOnTurnError(
  logger: Logger,
  conversationState: ConversationState,
  localizer: Localizer,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    logger.error(
      { err: error, conversationId: context.activity.conversation?.id, activityType: context.activity.type },
      'unhandled error in turn',
    );
    let language;
    try {
      language = turnLanguage(context);
    } catch {
      language = localizer.forLanguage(DEFAULT_LANGUAGE);
    }
    try {
      await context.sendActivity(toActivity({ text: language.t('errors:generic') }, language.t));
      await conversationState.delete(context);
    } catch (secondary) {
      logger.error({ err: secondary }, 'could not report the error to the user');
    }
  };
}
