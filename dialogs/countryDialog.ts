import { ComponentDialog, type WaterfallStepContext, WaterfallDialog, type DialogTurnResult } from 'botbuilder-dialogs';
import { COUNTRY_CODES, type CountryCode } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { DialogIds } from './ids';
import { turnLanguage } from './localizer';
import { fillSlot } from './profile';
import { toActivity } from './reply';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** The countries whose rules or offices differ by region, so the flow asks for the region. */
const REGIONS_ASKED: Partial<Record<CountryCode, string[]>> = {
  BE: ['BE-VLG', 'BE-WAL', 'BE-BRU', 'BE-DG'],
};

export interface CountryDialogOptions {
  purpose: 'self' | 'employer';
}

/** Asks for the country (and, in Belgium, the region), unless the profile already has them. */
export class CountryDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super(DialogIds.country);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.country}.steps`, [
        this.askCountryStep.bind(this),
        this.saveCountryStep.bind(this),
        this.askRegionStep.bind(this),
        this.saveRegionStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.country}.steps`;
  }

  /** Asks "which country?" or skips when it is known. */
  private async askCountryStep(step: WaterfallStepContext<CountryDialogOptions>): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    if (profile.country) {
      return step.next();
    }
    return askSlot(step, {
      slot: 'country',
      promptKey: step.options.purpose === 'employer' ? 'flow:country.promptEmployer' : 'flow:country.prompt',
      choiceIds: COUNTRY_CODES.map((code) => `country:${code}`),
    });
  }

  /** Stores the country; a country Pathfinder does not cover is explained and asked again. */
  private async saveCountryStep(step: WaterfallStepContext<CountryDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (!answer) {
      return step.next();
    }
    const profile = await getProfile(this.services, step.context);
    if (answer.id.startsWith('uncovered:')) {
      const language = turnLanguage(step.context);
      const country = this.services.labels.termName('countries', answer.id.slice('uncovered:'.length), language);
      await step.context.sendActivity(
        toActivity({ text: language.t('flow:country.notCovered', { country }) }, language.t),
      );
      return step.replaceDialog(this.initialDialogId, step.options);
    }
    fillSlot(profile, 'country', answer.id.slice('country:'.length) as CountryCode);
    if (answer.region) {
      profile.region = answer.region;
    }
    return step.next();
  }

  /** Asks for the region where the country's rules differ by region. */
  private async askRegionStep(step: WaterfallStepContext<CountryDialogOptions>): Promise<DialogTurnResult> {
    const profile = await getProfile(this.services, step.context);
    const regions = profile.country ? REGIONS_ASKED[profile.country] : undefined;
    if (!regions || (profile.region && regions.includes(profile.region))) {
      return step.next();
    }
    return askSlot(step, {
      slot: 'region',
      promptKey: 'flow:country.region.prompt',
      choiceIds: regions.map((region) => `region:${region}`),
    });
  }

  private async saveRegionStep(step: WaterfallStepContext<CountryDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as SlotAnswer | undefined;
    if (answer) {
      const profile = await getProfile(this.services, step.context);
      fillSlot(profile, 'region', answer.id.slice('region:'.length));
    }
    return step.endDialog();
  }
}
