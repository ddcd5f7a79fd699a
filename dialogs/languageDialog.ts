import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isLanguageCode, LANGUAGE_CODES } from '../locales/languages';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { switchTurnLanguage } from './localizer';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** The language picker: every supported language by its own name. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.language);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.language}.steps`, [
        this.askLanguageStep.bind(this),
        this.saveLanguageStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.language}.steps`;
  }

  private async askLanguageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return askSlot(step, {
      slot: 'language',
      promptKey: 'language:prompt',
      choiceIds: LANGUAGE_CODES.map((code) => `lang:${code}`),
    });
  }

  /** Stores the choice and answers in the new language from this message on. */
  private async saveLanguageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    const code = answer?.id.slice('lang:'.length);
    if (code && isLanguageCode(code)) {
      const profile = await getProfile(this.services, step.context);
      profile.language = code;
      profile.languageSource = 'chosen';
      const language = switchTurnLanguage(step.context, code);
      await step.context.sendActivity(toActivity({ text: language.t('language:changed') }, language.t));
    }
    return step.endDialog();
  }
}
