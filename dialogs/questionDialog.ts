import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { renderEntry } from './knowledgeText';
import { turnLanguage } from './localizer';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';
import { MIN_TERM_SCORE } from './understanding/slotRecognizer';

/** Search hits below this score are not shown as answers: the bot says it does not know instead. */
export const MIN_ANSWER_SCORE = 0.35;

export interface QuestionDialogOptions {
  /** The question, when the user already wrote it. */
  text?: string;
}

/** Answers a free question from the knowledge base, with its source and date, or says it can't. */
export class QuestionDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.question);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.question}.steps`, [this.askQuestionStep.bind(this), this.answerStep.bind(this)]),
    );
    this.initialDialogId = `${DialogIds.question}.steps`;
  }

  private async askQuestionStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    if (step.options.text) {
      return step.next({ id: 'question', text: step.options.text } satisfies SlotAnswer);
    }
    return askSlot(step, { slot: 'question', promptKey: 'question:prompt', choiceIds: [] });
  }

  /** The best entry for the question, in the user's country when the question names none. */
  private async answerStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    const question = (step.result as SlotAnswer | undefined)?.text ?? '';
    const language = turnLanguage(step.context);
    const profile = await getProfile(this.services, step.context);
    const named = this.services.search
      .findTerms(question, 'countries', language.lang)
      .filter((match) => match.score >= MIN_TERM_SCORE)[0];
    const namedTerm = named ? this.services.repo.term('countries', named.id) : undefined;
    if (namedTerm?.covered === false) {
      const country = this.services.labels.termName('countries', namedTerm.id, language);
      await step.context.sendActivity(
        toActivity(
          {
            text: `${language.t('flow:country.notCovered', { country })}\n${language.t('question:noAnswer')}`,
            choices: this.services.labels.items(['cmd:person', 'menu:path'], language),
          },
          language.t,
        ),
      );
      return step.endDialog();
    }
    const country = namedTerm ? (namedTerm.id as typeof profile.country) : profile.country;
    const hits = this.services.search.search(question, { lang: language.lang, country, limit: 3 });
    const best = hits[0];
    if (!best || best.score < MIN_ANSWER_SCORE) {
      await step.context.sendActivity(
        toActivity(
          {
            text: language.t('question:noAnswer'),
            choices: this.services.labels.items(['cmd:person', 'menu:path'], language),
          },
          language.t,
        ),
      );
      return step.endDialog();
    }
    const reply = renderEntry(best.entry, language, { today: this.services.clock.now(), detail: 'full' });
    await step.context.sendActivity(toActivity(reply, language.t));
    return step.endDialog();
  }
}
