/**
 * The Teams edge of outgoing messages. Teams shows no suggested actions, so every message that carries the
 * channel-neutral form (`channelData.pathfinder`) is sent as one Adaptive Card instead: its text, its sources and
 * its choices as buttons. The neutral form and the suggested actions are removed; other channels are untouched.
 * Registered after ReplyLanguage, so the reply's language and direction are already stamped.
 */
import {
  type Activity,
  ActivityTypes,
  type Attachment,
  type CardAction,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import type { Localizer } from '../../../dialogs/localizer';
import { type ChoiceItem, NEUTRAL_REPLY_KEY, type NeutralReply } from '../../../dialogs/reply';
import { DEFAULT_LANGUAGE, resolveLanguageTag } from '../../../locales/languages';
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardWords, toAdaptiveCard } from './adaptiveCard';
import { TEAMS_CHANNEL_ID } from './teamsInput';

/** A suggested action as a choice: its id is what the button would have sent. */
function choiceOf(action: CardAction): ChoiceItem | undefined {
  const value = action.value as { id?: unknown } | string | undefined;
  const id =
    typeof value === 'object' && value !== null && typeof value.id === 'string'
      ? value.id
      : typeof action.text === 'string' && action.text.length > 0
        ? action.text
        : typeof value === 'string'
          ? value
          : undefined;
  return id ? { id, label: action.title || id } : undefined;
}

/** The neutral form of a message: the one the dialogs attached, else one made from its text and suggested actions. */
function neutralOf(activity: Partial<Activity>): NeutralReply | undefined {
  const channelData = activity.channelData as Record<string, unknown> | undefined;
  const neutral = channelData?.[NEUTRAL_REPLY_KEY] as NeutralReply | undefined;
  if (neutral) {
    return neutral;
  }
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length === 0) {
    return undefined;
  }
  return {
    text: activity.text ?? '',
    choices: actions.map(choiceOf).filter((choice): choice is ChoiceItem => choice !== undefined),
    lang: activity.locale,
  };
}

export class TeamsRenderer implements Middleware {
  constructor(private readonly localizer: Localizer) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId === TEAMS_CHANNEL_ID) {
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        for (const activity of activities) {
          if (activity.type === ActivityTypes.Message) {
            this.render(activity);
          }
        }
        return nextSend();
      });
    }
    await next();
  }

  /** Replaces the text and suggested actions of one message by an Adaptive Card. */
  render(activity: Partial<Activity>): void {
    const neutral = neutralOf(activity);
    delete activity.suggestedActions;
    const channelData = activity.channelData as Record<string, unknown> | undefined;
    if (channelData && NEUTRAL_REPLY_KEY in channelData) {
      delete channelData[NEUTRAL_REPLY_KEY];
      if (Object.keys(channelData).length === 0) {
        delete activity.channelData;
      }
    }
    if (!neutral || (neutral.text.trim().length === 0 && !neutral.choices?.length && !neutral.citations?.length)) {
      return;
    }
    const card = toAdaptiveCard(neutral, this.words(neutral.lang ?? activity.locale), activity.text);
    const attachment: Attachment = { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
    activity.attachments = [...(activity.attachments ?? []), attachment];
    // The card carries the text; Teams would otherwise show it twice (above the card and in it).
    delete activity.text;
    delete activity.textFormat;
  }

  /** The card's own words in the reply's language. */
  private words(lang: string | undefined): CardWords {
    const { t } = this.localizer.forLanguage(resolveLanguageTag(lang) ?? DEFAULT_LANGUAGE);
    return { sources: t('teams:sources') };
  }
}
