import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { GOAL_IDS, type GoalId } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { fillSlot } from './profile';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** Asks for the user's main goal, unless it is known. */
export class GoalDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.goal);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.goal}.steps`, [this.askGoalStep.bind(this), this.saveGoalStep.bind(this)]),
    );
    this.initialDialogId = `${DialogIds.goal}.steps`;
  }

  private async askGoalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.goal) {
      return step.next();
    }
    return askSlot(step, {
      slot: 'goal',
      promptKey: 'flow:goal.prompt',
      choiceIds: GOAL_IDS.map((goal) => `goal:${goal}`),
    });
  }

  private async saveGoalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      fillSlot(await getProfile(this.services, step.context), 'goal', answer.id.slice('goal:'.length) as GoalId);
    }
    return step.endDialog();
  }
}
