/**
 * The base of the root dialog: help, restart, back, change language, talk to a person and main menu
 * work at any point. Keywords come from locales/ (any language, plus English); buttons send `cmd:*`.
 */
import { ComponentDialog, type DialogContext, type DialogTurnResult, Dialog } from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import { COUNTRY_CODES } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { type Command, DialogIds } from './ids';
import { turnLanguage } from './localizer';
import { clearAnswers, undoLastSlot } from './profile';
import { toActivity } from './reply';
import { messageInput } from './slotPrompt';
import { recognizeCommand } from './understanding/commands';

export interface MainDialogOptions {
  /** Show "what next?" instead of the first menu. */
  again?: boolean;
  /** Go straight back into a flow (after "back"). */
  resumeFlow?: 'path' | 'employer';
  /** The first message of a conversation, which may already say what the user wants. */
  initialText?: string;
  /** The last task could not help: the menu also offers a person. */
  offerPerson?: boolean;
}

export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    dialogId: string,
    protected readonly services: FlowServices,
  ) {
    super(dialogId);
  }

  /** Handles an interruption before the active step sees the message. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.context.activity.type === ActivityTypes.Message) {
      const command = recognizeCommand(messageInput(innerDc.context), turnLanguage(innerDc.context));
      if (command) {
        return this.interrupt(innerDc, command);
      }
    }
    return super.onContinueDialog(innerDc);
  }

  /** Runs one interruption; the conversation then goes on where it was (or restarts, for restart). */
  private async interrupt(innerDc: DialogContext, command: Command): Promise<DialogTurnResult> {
    const language = turnLanguage(innerDc.context);
    const { t } = language;
    const say = (text: string) => innerDc.context.sendActivity(toActivity({ text }, t));
    const profile = await getProfile(this.services, innerDc.context);
    switch (command) {
      case 'help': {
        const countries = COUNTRY_CODES.map((code) => this.services.labels.termName('countries', code, language));
        await say(t('common:help', { countries: countries.join(t('common:listSeparator')) }));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
      case 'person':
        await say(t('common:person'));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'language':
        return innerDc.beginDialog(DialogIds.language);
      case 'restart':
        clearAnswers(profile);
        await say(t('common:restarted'));
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(this.initialDialogId, {} satisfies MainDialogOptions);
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(this.initialDialogId, { again: true } satisfies MainDialogOptions);
      case 'back': {
        const undone = undoLastSlot(profile);
        if (!undone || !profile.flow) {
          await say(t('common:nothingToGoBack'));
          await innerDc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        await say(t('common:wentBack'));
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(this.initialDialogId, { resumeFlow: profile.flow } satisfies MainDialogOptions);
      }
      default:
        return super.onContinueDialog(innerDc);
    }
  }
}
