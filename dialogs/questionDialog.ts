import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { COUNTRY_CODES, type CountryCode, STATUS_IDS, type StatusId } from '../knowledge/schema';
import type { Given } from './answering/questionAnswerer';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import { forgetUser } from './interruptibleDialog';
import { fillSlot, type UserProfile } from './profile';
import type { Understanding } from './understanding/textUnderstanding';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** What the question dialog reports back to the menu. */
export interface QuestionResult {
  /** The answer could not help: the menu also offers a person. */
  offerPerson?: boolean;
  /** The message was a whole profile or asked for a comparison: continue there. */
  next?: 'path' | 'compare';
  /** The user's data was deleted: end without a menu. */
  deleted?: boolean;
}

/** Puts what a message said about the user (country, status, profession …) into their profile. */
function rememberWhatWasSaid(profile: UserProfile, u: Understanding): void {
  if (u.country) {
    fillSlot(profile, 'country', u.country);
    profile.region = u.region ?? profile.region;
  }
  if (u.status) {
    fillSlot(profile, 'status', u.status);
  }
  if (u.date && u.status === 'asylum_seeker') {
    fillSlot(profile, 'asylumDate', u.date);
  }
  if (u.profession) {
    fillSlot(profile, 'profession', u.profession);
  }
  if (u.level) {
    fillSlot(profile, 'level', u.level);
  }
  if (u.documents) {
    fillSlot(profile, 'documents', u.documents);
  }
  if (u.goal) {
    fillSlot(profile, 'goal', u.goal);
  }
}

/** What the waterfall remembers between its steps. */
interface StepValues {
  question?: string;
}

export interface QuestionDialogOptions {
  /** The question, when the user already wrote it. */
  text?: string;
  /** What the user answered to the bot's own question about this question. */
  given?: Given;
}

/**
 * Answers a free question from the knowledge base, with its source and date. When the answer depends
 * on something the question does not say (usually the country), it asks for exactly that, once.
 */
export class QuestionDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.question);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.question}.steps`, [
        this.askQuestionStep.bind(this),
        this.answerStep.bind(this),
        this.missingPieceStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.question}.steps`;
  }

  private async askQuestionStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    if (step.options.text) {
      return step.next({ id: 'question', text: step.options.text } satisfies SlotAnswer);
    }
    return askSlot(step, { slot: 'question', promptKey: 'question:prompt', choiceIds: [] });
  }

  /** Answers, or asks for the one thing the answer depends on. */
  private async answerStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    const question = (step.result as SlotAnswer | undefined)?.text ?? '';
    (step.values as StepValues).question = question;
    const language = turnLanguage(step.context);
    const profile = await getProfile(this.services, step.context);
    const previous = await this.services.questionContext.get(step.context, {});
    const plan = this.services.answerer.compose(
      question,
      language,
      this.services.clock.now(),
      previous,
      profile,
      step.options.given,
    );
    switch (plan.kind) {
      case 'answer':
        await step.context.sendActivities(plan.replies.map((reply) => toActivity(reply, language.t)));
        await this.services.questionContext.set(step.context, plan.context);
        return step.endDialog({ offerPerson: plan.offerPerson } satisfies QuestionResult);
      case 'needCountry':
        return askSlot(step, {
          slot: 'country',
          promptKey: 'answer:whichCountry',
          choiceIds: COUNTRY_CODES.map((code) => `country:${code}`),
        });
      case 'needStatus':
        return askSlot(step, {
          slot: 'status',
          promptKey: 'answer:whichStatus',
          choiceIds: STATUS_IDS.map((status) => `status:${status}`),
        });
      case 'profile':
        rememberWhatWasSaid(profile, plan.understanding);
        return step.endDialog({ next: 'path' } satisfies QuestionResult);
      case 'noted': {
        rememberWhatWasSaid(profile, plan.understanding);
        await step.context.sendActivities(plan.replies.map((reply) => toActivity(reply, language.t)));
        await this.services.questionContext.set(step.context, plan.context);
        return step.endDialog();
      }
      case 'compare':
        return step.endDialog({ next: 'compare' } satisfies QuestionResult);
      case 'delete':
        await forgetUser(this.services, step.context);
        await step.context.sendActivity(toActivity({ text: language.t('answer:deleted') }, language.t));
        return step.endDialog({ deleted: true } satisfies QuestionResult);
      default:
        return step.endDialog();
    }
  }

  /** The country or status the bot asked for: answer the same question again with it. */
  private async missingPieceStep(step: WaterfallStepContext<QuestionDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    const given: Given = { ...step.options.given };
    const [prefix, value = ''] = (answer?.id ?? '').split(':');
    if (prefix === 'country' && (COUNTRY_CODES as readonly string[]).includes(value)) {
      given.country = value as CountryCode;
      given.region = answer?.region;
    } else if (prefix === 'status' && (STATUS_IDS as readonly string[]).includes(value)) {
      given.status = value as StatusId;
    } else if (prefix === 'uncovered') {
      const language = turnLanguage(step.context);
      const country = this.services.labels.termName('countries', value, language);
      await step.context.sendActivity(
        toActivity({ text: language.t('flow:country.notCovered', { country }) }, language.t),
      );
      return step.endDialog({ offerPerson: true } satisfies QuestionResult);
    }
    return step.replaceDialog(this.initialDialogId, {
      text: (step.values as StepValues).question ?? '',
      given,
    } satisfies QuestionDialogOptions);
  }
}
