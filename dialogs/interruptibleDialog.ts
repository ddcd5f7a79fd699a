/**
 * The base of the root dialog: help, restart, back, change language, talk to a person and main menu
 * work at any point. Keywords come from locales/ (any language, plus English); buttons send `cmd:*`.
 */
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  Dialog,
  DialogTurnStatus,
} from 'botbuilder-dialogs';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { COUNTRY_CODES } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { type Command, DialogIds, isMenuChoice, type MenuChoice, parseChoiceId } from './ids';
import { turnLanguage, type TurnLanguage } from './localizer';
import { clearAnswers, undoLastSlot } from './profile';
import { toActivity } from './reply';
import { messageInput } from './slotPrompt';
import { recognizeCommand } from './understanding/commands';

export interface MainDialogOptions {
  /** Show "what next?" instead of the first menu. */
  again?: boolean;
  /** Go straight to a menu choice (after "back", or a menu button pressed in the middle of something else). */
  choice?: MenuChoice;
  /** The first message of a conversation, which may already say what the user wants. */
  initialText?: string;
  /** Go from the profile the user gave in one message straight to the plan, asking only what the plan needs. */
  quickPlan?: boolean;
  /** The last task could not help: the menu also offers a person. */
  offerPerson?: boolean;
}

/** What the bot does and the commands that work anywhere, naming the nine countries. */
export function helpText(services: FlowServices, language: TurnLanguage): string {
  const countries = COUNTRY_CODES.map((code) => services.labels.termName('countries', code, language));
  return language.t('common:help', { countries: countries.join(language.t('common:listSeparator')) });
}

/** Deletes everything kept about the user: the profile (language included) and the question context. */
export async function forgetUser(services: FlowServices, context: TurnContext): Promise<void> {
  await services.profileAccessor.delete(context);
  await services.questionContext.delete(context);
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
      const input = messageInput(innerDc.context);
      const command = recognizeCommand(input, turnLanguage(innerDc.context));
      if (command) {
        return this.interrupt(innerDc, command);
      }
      // A menu button from an earlier message, pressed while the bot waits for something else, goes there.
      const choice = parseChoiceId(input, 'menu');
      const menuPromptActive = innerDc.activeDialog?.id === DialogIds.slotPrompt;
      if (choice && isMenuChoice(choice) && !menuPromptActive) {
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(this.initialDialogId, { choice } satisfies MainDialogOptions);
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
      case 'help':
        await say(helpText(this.services, language));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
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
      case 'delete':
        await forgetUser(this.services, innerDc.context);
        await say(t('answer:deleted'));
        await innerDc.cancelAllDialogs();
        // Complete: the root dialog ends too, so the next message starts a new conversation.
        return { status: DialogTurnStatus.complete };
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
        return innerDc.beginDialog(this.initialDialogId, { choice: profile.flow } satisfies MainDialogOptions);
      }
      default:
        return super.onContinueDialog(innerDc);
    }
  }
}
