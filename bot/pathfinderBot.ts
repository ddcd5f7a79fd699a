/**
 * The activity handler: resolves the language of each turn, answers what the dialogs cannot take
 * (attachments, over-long messages), runs the main dialog, and saves state at the end of every turn.
 */
import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ChoiceLabels } from '../dialogs/choices';
import type { MainDialog } from '../dialogs/mainDialog';
import { type Localizer, setTurnLanguage, type TurnLanguage } from '../dialogs/localizer';
import type { UserProfile } from '../dialogs/profile';
import { toActivity } from '../dialogs/reply';
import { DEFAULT_LANGUAGE, resolveLanguageTag } from '../locales/languages';

/** Longer messages get a polite "too long" instead of being processed. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Attachments that carry the user's answer (cards) rather than media. */
const CARD_CONTENT_TYPE = /^application\/vnd\.microsoft\.card\./;

export class PathfinderBot extends ActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly profileAccessor: StatePropertyAccessor<UserProfile>,
    private readonly localizer: Localizer,
    private readonly labels: ChoiceLabels,
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

  /** The turn's language: the user's choice, else the channel's locale, else English. */
  async useLanguage(context: TurnContext): Promise<TurnLanguage> {
    const profile = await this.profileAccessor.get(context, {});
    const lang = profile.language ?? resolveLanguageTag(context.activity.locale) ?? DEFAULT_LANGUAGE;
    return setTurnLanguage(context, this.localizer, lang);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
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
