/**
 * Stamps every outgoing message with the language it is written in: `activity.locale` and, in the
 * channel-neutral form (`channelData.pathfinder`), `lang` and `dir`. Channel renderers registered
 * after this middleware read them (the web chat page switches to right-to-left, WhatsApp and Teams
 * keep the text as it is). Right-to-left texts get Unicode isolation marks around left-to-right runs.
 */
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { turnLanguageOrUndefined } from '../dialogs/localizer';
import { NEUTRAL_REPLY_KEY, type NeutralReply } from '../dialogs/reply';
import { DEFAULT_LANGUAGE, directionOf } from '../locales/languages';
import { isolateLeftToRight } from '../locales/bidi';

export class ReplyLanguage implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      const lang = turnLanguageOrUndefined(context)?.lang ?? DEFAULT_LANGUAGE;
      const dir = directionOf(lang);
      for (const activity of activities) {
        if (activity.type !== ActivityTypes.Message) {
          continue;
        }
        activity.locale = lang;
        const channelData = (activity.channelData ?? {}) as Record<string, unknown>;
        const neutral = channelData[NEUTRAL_REPLY_KEY] as NeutralReply | undefined;
        if (neutral) {
          channelData[NEUTRAL_REPLY_KEY] = { ...neutral, lang, dir };
        }
        if (dir === 'rtl' && activity.text) {
          activity.text = isolateLeftToRight(activity.text);
        }
      }
      return nextSend();
    });
    await next();
  }
}
