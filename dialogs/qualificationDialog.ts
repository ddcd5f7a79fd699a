import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DOCUMENTS_IDS, type DocumentsId, LEVEL_IDS, type LevelId } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { fillSlot } from './profile';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** Professions offered as buttons; any other profession can be typed. */
const PROFESSION_CHOICES = ['doctor', 'nurse', 'teacher', 'engineer', 'it_specialist', 'cook', 'driver'] as const;

/** Asks for the qualification: level, profession or field, and whether the documents are at hand. */
export class QualificationDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.qualification);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.qualification}.steps`, [
        this.askLevelStep.bind(this),
        this.saveLevelStep.bind(this),
        this.askProfessionStep.bind(this),
        this.saveProfessionStep.bind(this),
        this.askDocumentsStep.bind(this),
        this.saveDocumentsStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.qualification}.steps`;
  }

  private async askLevelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.level) {
      return step.next();
    }
    return askSlot(step, {
      slot: 'level',
      promptKey: 'flow:level.prompt',
      choiceIds: LEVEL_IDS.map((level) => `level:${level}`),
    });
  }

  private async saveLevelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      fillSlot(await getProfile(this.services, step.context), 'level', answer.id.slice('level:'.length) as LevelId);
    }
    return step.next();
  }

  private async askProfessionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.profession) {
      return step.next();
    }
    return askSlot(step, {
      slot: 'profession',
      promptKey: 'flow:profession.prompt',
      choiceIds: [...PROFESSION_CHOICES.map((id) => `profession:${id}`), 'profession:other'],
    });
  }

  private async saveProfessionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      fillSlot(await getProfile(this.services, step.context), 'profession', answer.id.slice('profession:'.length));
    }
    return step.next();
  }

  /** Skipped for people without any diploma: there is nothing to show. */
  private async askDocumentsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.documents || profile.level === 'none') {
      return step.next();
    }
    return askSlot(step, {
      slot: 'documents',
      promptKey: 'flow:documents.prompt',
      choiceIds: DOCUMENTS_IDS.map((documents) => `documents:${documents}`),
    });
  }

  private async saveDocumentsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      fillSlot(
        await getProfile(this.services, step.context),
        'documents',
        answer.id.slice('documents:'.length) as DocumentsId,
      );
    }
    return step.endDialog();
  }
}
