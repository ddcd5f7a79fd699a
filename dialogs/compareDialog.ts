import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { compareCountries } from '../knowledge/pathway';
import { StatusDialog } from './statusDialog';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import { type PlanRenderer, toPathwayProfile } from './planRenderer';
import { toActivity } from './reply';

/** The user's situation in all nine countries side by side; asks for the status first if unknown. */
export class CompareDialog extends ComponentDialog {
  constructor(
    private readonly services: FlowServices,
    private readonly renderer: PlanRenderer,
  ) {
    super(DialogIds.compare);
    this.addDialog(new StatusDialog(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.compare}.steps`, [this.statusStep.bind(this), this.compareStep.bind(this)]),
    );
    this.initialDialogId = `${DialogIds.compare}.steps`;
  }

  private async statusStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.status, { purpose: 'self' });
  }

  private async compareStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    const language = turnLanguage(step.context);
    // The comparison does not need a country; any covered one stands in for the missing slot.
    const pathwayProfile = toPathwayProfile({ ...profile, country: profile.country ?? 'BE' });
    if (pathwayProfile) {
      const rows = compareCountries(this.services.repo, pathwayProfile, this.services.clock.now());
      await step.context.sendActivity(toActivity(this.renderer.renderComparison(rows, profile, language), language.t));
    }
    return step.endDialog();
  }
}
