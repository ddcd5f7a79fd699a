/**
 * The activity handler: resolves the language of each turn, answers what the dialogs cannot take
 * (attachments, over-long messages), runs the main dialog, and saves state at the end of every turn.
 */
import {
  type ConversationState,
  type StatePropertyAccessor,
  TeamsActivityHandler,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ChoiceLabels } from '../dialogs/choices';
import type { MainDialog } from '../dialogs/mainDialog';
import { type Localizer, setTurnLanguage, type TurnLanguage } from '../dialogs/localizer';
import type { UserProfile } from '../dialogs/profile';
import { toActivity } from '../dialogs/reply';
import type { LanguageDetector } from '../dialogs/understanding/languageDetector';
import { asciiDigits } from '../knowledge/normalize';
import { DEFAULT_LANGUAGE, type LanguageCode, resolveLanguageTag, WRITING_SYSTEMS } from '../locales/languages';

/** Longer messages get a polite "too long" instead of being processed. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Attachments that carry the user's answer (cards) rather than media. */
const CARD_CONTENT_TYPE = /^application\/vnd\.microsoft\.card\./;

// TeamsActivityHandler behaves as ActivityHandler on every other channel; Teams-only quirks live in bot/channels/teams/.
export class PathfinderBot extends TeamsActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly profileAccessor: StatePropertyAccessor<UserProfile>,
    private readonly localizer: Localizer,
    private readonly labels: ChoiceLabels,
    private readonly detector: LanguageDetector,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const userJoined = (context.activity.membersAdded ?? []).some(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (userJoined) {
        await this.useLanguage(context);
        await this.dialog.run(context, this.dialogState);
      }
      await next();
    });
  }

  /** Runs the turn, then saves user and conversation state (also after a handled error). */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /**
   * The turn's language: the user's explicit choice, then their stored preference, then the channel's
   * locale, then the language the message is written in. A preference that was only detected follows
   * the user when they clearly write in another language; a message in another writing system than
   * the channel's locale (Arabic typed in an English browser) is answered in the message's language.
   */
  async useLanguage(context: TurnContext): Promise<TurnLanguage> {
    const profile = await this.profileAccessor.get(context, {});
    const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
    const detected = text && !text.includes(':') ? this.detector.detect(text) : undefined;
    const channel = resolveLanguageTag(context.activity.locale);
    let lang: LanguageCode;
    if (profile.language && profile.languageSource !== 'detected') {
      lang = profile.language;
    } else if (detected?.sure && (profile.language || !channel || differentScript(channel, detected.lang))) {
      lang = detected.lang;
      profile.language = lang;
      profile.languageSource = 'detected';
    } else {
      lang = profile.language ?? channel ?? detected?.lang ?? DEFAULT_LANGUAGE;
    }
    return setTurnLanguage(context, this.localizer, lang);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    if (context.activity.text) {
      // Eastern Arabic and Persian digits are numbers like any other ("٣" picks the third option).
      context.activity.text = asciiDigits(context.activity.text);
    }
    const language = await this.useLanguage(context);
    const { t } = language;
    const text = context.activity.text ?? '';
    const media = (context.activity.attachments ?? []).filter(
      (attachment) => !CARD_CONTENT_TYPE.test(attachment.contentType ?? ''),
    );
    if (media.length > 0) {
      await context.sendActivity(
        toActivity({ text: t('errors:attachment'), choices: this.labels.items(['cmd:person'], language) }, t),
      );
      if (text.trim().length === 0) {
        return;
      }
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      await context.sendActivity(toActivity({ text: t('errors:tooLong', { max: MAX_MESSAGE_LENGTH }) }, t));
      return;
    }
    if (text.trim().length === 0 && !context.activity.value) {
      return;
    }
    await this.dialog.run(context, this.dialogState);
  }
}

/** Whether two languages are written in different scripts (Latin, Arabic, Cyrillic, Ethiopic). */
function differentScript(a: LanguageCode, b: LanguageCode): boolean {
  return WRITING_SYSTEMS[a] !== WRITING_SYSTEMS[b];
}
