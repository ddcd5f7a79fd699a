import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { renderEntry } from './knowledgeText';
import { turnLanguage, type TurnLanguage } from './localizer';
import { tokens } from '../knowledge/normalize';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';
import { MIN_TERM_SCORE } from './understanding/slotRecognizer';

/** Search hits below this score are not shown as answers: the bot says it does not know instead. */
export const MIN_ANSWER_SCORE = 0.35;
/** An answer must contain more than this share of the question's content words. */
export const MIN_ANSWER_COVERAGE = 0.5;
/** Search hits checked for coverage, best first. */
const HITS_CHECKED = 3;

/** What the question dialog reports back: whether the menu should offer a person. */
export interface QuestionResult {
  offerPerson: boolean;
}

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

  /** Words that carry no content of their own: the language's stopwords and the places the question names. */
  private contextWords(question: string, language: TurnLanguage): Set<string> {
    const places = (['countries', 'regions', 'cities'] as const).flatMap((kind) =>
      this.services.search
        .findTerms(question, kind, language.lang)
        .filter((match) => match.score >= MIN_TERM_SCORE)
        .flatMap((match) => tokens(match.matched)),
    );
    return new Set([...language.list('question:stopwords').flatMap((word) => tokens(word)), ...places]);
  }

  /** The best entry for the question, in the user's country when the question names none. */
  private async answerStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    const question = (step.result as SlotAnswer | undefined)?.text ?? '';
    const language = turnLanguage(step.context);
    const profile = await getProfile(this.services, step.context);
    // "A degree from Syria, recognised in Italy": the covered country is where the question applies.
    const namedTerms = this.services.search
      .findTerms(question, 'countries', language.lang)
      .filter((match) => match.score >= MIN_TERM_SCORE)
      .map((match) => this.services.repo.term('countries', match.id))
      .filter((term) => term !== undefined);
    const namedTerm = namedTerms.find((term) => term.covered !== false) ?? namedTerms[0];
    if (namedTerm?.covered === false) {
      const country = this.services.labels.termName('countries', namedTerm.id, language);
      await step.context.sendActivity(
        toActivity(
          {
            text: `${language.t('flow:country.notCovered', { country })}\n${language.t('question:noAnswer')}`,
          },
          language.t,
        ),
      );
      return step.endDialog({ offerPerson: true } satisfies QuestionResult);
    }
    const country = namedTerm ? (namedTerm.id as typeof profile.country) : profile.country;
    const hits = this.services.search.search(question, { lang: language.lang, country, limit: HITS_CHECKED });
    const ignore = this.contextWords(question, language);
    const best = hits.find(
      (hit) =>
        hit.score >= MIN_ANSWER_SCORE &&
        this.services.coverage.coverage(question, hit.entry, ignore).share > MIN_ANSWER_COVERAGE,
    );
    if (!best) {
      await step.context.sendActivity(toActivity({ text: language.t('question:noAnswer') }, language.t));
      return step.endDialog({ offerPerson: true } satisfies QuestionResult);
    }
    const reply = renderEntry(best.entry, language, { today: this.services.clock.now(), detail: 'full' });
    await step.context.sendActivity(toActivity(reply, language.t));
    return step.endDialog();
  }
}
