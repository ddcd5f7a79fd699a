import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { buildPlan } from '../knowledge/pathway';
import { CountryDialog } from './countryDialog';
import { GoalDialog } from './goalDialog';
import { QualificationDialog } from './qualificationDialog';
import { StatusDialog } from './statusDialog';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import type { PlanRenderer } from './planRenderer';
import { toPathwayProfile } from './planRenderer';
import { toActivity } from './reply';

export interface GuidedFlowOptions {
  /** Ask only what the plan cannot do without (country, status); the rest was said or can wait. */
  quick?: boolean;
}

/** The guided flow: country → status → qualification → goal → a personal plan. Known answers are skipped. */
export class GuidedFlowDialog extends ComponentDialog {
  constructor(
    private readonly services: FlowServices,
    private readonly renderer: PlanRenderer,
  ) {
    super(DialogIds.guidedFlow);
    this.addDialog(new CountryDialog(services));
    this.addDialog(new StatusDialog(services));
    this.addDialog(new QualificationDialog(services));
    this.addDialog(new GoalDialog(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.guidedFlow}.steps`, [
        this.countryStep.bind(this),
        this.statusStep.bind(this),
        this.qualificationStep.bind(this),
        this.goalStep.bind(this),
        this.planStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.guidedFlow}.steps`;
  }

  private async countryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    profile.flow = 'path';
    return step.beginDialog(DialogIds.country, { purpose: 'self' });
  }

  private async statusStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.status, { purpose: 'self' });
  }

  /** Skipped for a quick plan: the user described themselves in one message and wants the plan now. */
  private async qualificationStep(step: WaterfallStepContext<GuidedFlowOptions>): Promise<DialogTurnResult> {
    return step.options.quick ? step.next() : step.beginDialog(DialogIds.qualification);
  }

  private async goalStep(step: WaterfallStepContext<GuidedFlowOptions>): Promise<DialogTurnResult> {
    return step.options.quick ? step.next() : step.beginDialog(DialogIds.goal);
  }

  /** Builds the plan from the knowledge base and sends it, one message per step. */
  private async planStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    const pathwayProfile = toPathwayProfile(profile);
    if (pathwayProfile) {
      const language = turnLanguage(step.context);
      const today = this.services.clock.now();
      const plan = buildPlan(this.services.repo, pathwayProfile, today);
      const replies = this.renderer.renderPlan(plan, profile, language, today);
      await step.context.sendActivities(replies.map((reply) => toActivity(reply, language.t)));
    }
    return step.endDialog();
  }
}
