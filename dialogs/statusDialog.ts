import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { STATUS_IDS, type StatusId } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import { fillSlot } from './profile';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

export interface StatusDialogOptions {
  /** 'self': the user's own status; 'employer': the status of the person an employer wants to hire. */
  purpose: 'self' | 'employer';
}

/** Asks for the residence status and, for asylum seekers, when they applied. Skips what is known. */
export class StatusDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.status);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.status}.steps`, [
        this.askStatusStep.bind(this),
        this.saveStatusStep.bind(this),
        this.askApplicationDateStep.bind(this),
        this.saveApplicationDateStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.status}.steps`;
  }

  private async askStatusStep(step: WaterfallStepContext<StatusDialogOptions>): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    const employer = step.options.purpose === 'employer';
    if ((employer && profile.candidateStatus) || (!employer && profile.status)) {
      return step.next();
    }
    const choiceIds = STATUS_IDS.map((status) => `status:${status}`);
    return askSlot(step, {
      slot: 'status',
      promptKey: employer ? 'flow:status.promptEmployer' : 'flow:status.prompt',
      choiceIds: employer ? choiceIds : [...choiceIds, 'status:unsure'],
    });
  }

  private async saveStatusStep(step: WaterfallStepContext<StatusDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (!answer) {
      return step.next();
    }
    const profile = await getProfile(this.services, step.context);
    const status = answer.id.slice('status:'.length);
    if (step.options.purpose === 'employer') {
      // "Not sure" is not offered to employers: the hiring rules depend on the status.
      if (status !== 'unsure') {
        fillSlot(profile, 'candidateStatus', status as StatusId);
      }
      return step.next();
    }
    fillSlot(profile, 'status', status as StatusId | 'unsure');
    if (status === 'unsure') {
      const language = turnLanguage(step.context);
      await step.context.sendActivity(toActivity({ text: language.t('flow:status.unsureNote') }, language.t));
    }
    return step.next();
  }

  /** Asylum seekers: the waiting time for work counts from the application date. */
  private async askApplicationDateStep(step: WaterfallStepContext<StatusDialogOptions>): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (step.options.purpose === 'employer' || profile.status !== 'asylum_seeker' || profile.asylumDate) {
      return step.next();
    }
    return askSlot(step, { slot: 'asylumDate', promptKey: 'flow:asylumDate.prompt', choiceIds: ['date:unknown'] });
  }

  private async saveApplicationDateStep(step: WaterfallStepContext<StatusDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      const profile = await getProfile(this.services, step.context);
      fillSlot(profile, 'asylumDate', answer.id.slice('date:'.length));
    }
    return step.endDialog();
  }
}
