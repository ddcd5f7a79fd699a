import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { employerChecklist } from '../knowledge/pathway';
import { CountryDialog } from './countryDialog';
import { StatusDialog } from './statusDialog';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import type { PlanRenderer } from './planRenderer';
import { toActivity } from './reply';

/** The employer branch: country → the candidate's status → a hiring checklist from the knowledge base. */
export class EmployerDialog extends ComponentDialog {
  constructor(
    private readonly services: FlowServices,
    private readonly renderer: PlanRenderer,
  ) {
    super(DialogIds.employer);
    this.addDialog(new CountryDialog(services));
    this.addDialog(new StatusDialog(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.employer}.steps`, [
        this.countryStep.bind(this),
        this.candidateStatusStep.bind(this),
        this.checklistStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.employer}.steps`;
  }

  private async countryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    profile.flow = 'employer';
    return step.beginDialog(DialogIds.country, { purpose: 'employer' });
  }

  private async candidateStatusStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.status, { purpose: 'employer' });
  }

  /** Sends what to check, file and know, each with its source. */
  private async checklistStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.country && profile.candidateStatus) {
      const language = turnLanguage(step.context);
      const checklist = employerChecklist(this.services.repo, profile.country, profile.candidateStatus, profile.region);
      const replies = this.renderer.renderChecklist(checklist, language, this.services.clock.now());
      await step.context.sendActivities(replies.map((reply) => toActivity(reply, language.t)));
    }
    return step.endDialog();
  }
}
