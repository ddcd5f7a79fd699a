import {
  type DialogTurnResult,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { CompareDialog } from './compareDialog';
import { EmployerDialog } from './employerDialog';
import { COUNTRY_CODES, DOCUMENTS_IDS, GOAL_IDS, LEVEL_IDS, STATUS_IDS } from '../knowledge/schema';
import { type FlowServices, getProfile } from './flowServices';
import { fillSlot, type UserProfile } from './profile';
import { GuidedFlowDialog } from './guidedFlowDialog';
import { DialogIds, MENU_CHOICES, type MenuChoice } from './ids';
import { forgetUser, helpText, InterruptibleDialog, type MainDialogOptions } from './interruptibleDialog';
import { LanguageDialog } from './languageDialog';
import { turnLanguage, type TurnLanguage } from './localizer';
import { PlanRenderer } from './planRenderer';
import { QuestionDialog, type QuestionResult } from './questionDialog';
import { toActivity } from './reply';
import { recognizeCommand } from './understanding/commands';
import { askSlot, createSlotPrompt, type SlotAnswer } from './slotPrompt';

/** A menu choice; `quick` asks the guided flow to go straight to the plan. */
interface MenuAnswer extends SlotAnswer {
  quick?: boolean;
}

/** The dialog each main-menu choice starts, and the options it gets. */
const MENU_ROUTES: Record<MenuChoice, { dialogId: string; withText?: boolean }> = {
  path: { dialogId: DialogIds.guidedFlow },
  question: { dialogId: DialogIds.question, withText: true },
  employer: { dialogId: DialogIds.employer },
  compare: { dialogId: DialogIds.compare },
  language: { dialogId: DialogIds.language },
};

const MENU_IDS: readonly MenuChoice[] = MENU_CHOICES;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Fills a profile slot from a choice id such as `country:IE`; false when the text is no such id. */
function prefillFromChoiceId(profile: UserProfile, text: string): boolean {
  const [prefix = '', value = ''] = text.trim().split(':');
  if (prefix === 'country' && isOneOf(COUNTRY_CODES, value)) {
    fillSlot(profile, 'country', value);
  } else if (prefix === 'status' && isOneOf(STATUS_IDS, value)) {
    fillSlot(profile, 'status', value);
  } else if (prefix === 'level' && isOneOf(LEVEL_IDS, value)) {
    fillSlot(profile, 'level', value);
  } else if (prefix === 'documents' && isOneOf(DOCUMENTS_IDS, value)) {
    fillSlot(profile, 'documents', value);
  } else if (prefix === 'goal' && isOneOf(GOAL_IDS, value)) {
    fillSlot(profile, 'goal', value);
  } else {
    return false;
  }
  return true;
}

/** The root dialog: welcome, main menu, and the loop back to the menu after each task. */
export class MainDialog extends InterruptibleDialog {
  constructor(services: FlowServices) {
    super(DialogIds.main, services);
    const renderer = new PlanRenderer(services.repo, services.labels);
    this.addDialog(createSlotPrompt(services));
    this.addDialog(new GuidedFlowDialog(services, renderer));
    this.addDialog(new EmployerDialog(services, renderer));
    this.addDialog(new CompareDialog(services, renderer));
    this.addDialog(new LanguageDialog(services));
    this.addDialog(new QuestionDialog(services));
    this.addDialog(
      new WaterfallDialog(`${DialogIds.main}.steps`, [
        this.menuStep.bind(this),
        this.routeStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogIds.main}.steps`;
  }

  /** Runs the dialog for one turn; a new conversation begins with the welcome. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const initialText = context.activity.type === 'message' ? (context.activity.text ?? '').trim() : undefined;
      await dc.beginDialog(this.id, { initialText } satisfies MainDialogOptions);
    }
  }

  /** Welcomes a new user once, then offers the main menu (or follows what the first message asked). */
  private async menuStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const options = step.options ?? {};
    if (options.choice) {
      return step.next({ id: `menu:${options.choice}`, text: '', quick: options.quickPlan } satisfies MenuAnswer);
    }
    const language = turnLanguage(step.context);
    const profile = await getProfile(this.services, step.context);
    if (!profile.welcomed) {
      profile.welcomed = true;
      const { t } = language;
      await step.context.sendActivity(
        toActivity({ text: [t('welcome:intro'), t('welcome:disclaimer'), t('welcome:privacy')].join('\n\n') }, t),
      );
    }
    // A button of the guided flow pressed in a new conversation (an old chat, a shared link) starts the flow with it.
    if (options.initialText && prefillFromChoiceId(profile, options.initialText)) {
      return step.next({ id: 'menu:path', text: options.initialText } satisfies SlotAnswer);
    }
    // A first message that is a command: help and person are answered, language opens the picker.
    const command = options.initialText ? recognizeCommand(options.initialText, language) : undefined;
    if (command === 'language') {
      return step.next({ id: 'menu:language', text: '' } satisfies SlotAnswer);
    }
    if (command === 'delete') {
      await forgetUser(this.services, step.context);
      await step.context.sendActivity(toActivity({ text: language.t('answer:deleted') }, language.t));
      return step.endDialog();
    }
    if (command === 'help' || command === 'person') {
      await step.context.sendActivity(toActivity({ text: this.commandText(command, language) }, language.t));
    }
    if (options.initialText && !command) {
      const choices = this.services.labels.items(
        MENU_IDS.map((id) => `menu:${id}`),
        language,
      );
      const first = this.services.recognizer.recognize('menu', options.initialText, language, choices);
      if (first && first.id !== 'menu:greet') {
        return step.next({ ...first, text: options.initialText } satisfies SlotAnswer);
      }
    }
    const menu = MENU_IDS.map((id) => `menu:${id}`);
    return askSlot(step, {
      slot: 'menu',
      promptKey: options.again ? 'welcome:whatNext' : 'welcome:menuPrompt',
      choiceIds: options.offerPerson ? ['cmd:person', ...menu] : menu,
    });
  }

  /** The text of the help and person commands. */
  private commandText(command: 'help' | 'person', language: TurnLanguage): string {
    return command === 'help' ? helpText(this.services, language) : language.t('common:person');
  }

  /** Starts the dialog of the chosen menu entry. */
  private async routeStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as MenuAnswer | undefined;
    const choice = answer?.id.slice('menu:'.length);
    const route = choice && choice in MENU_ROUTES ? MENU_ROUTES[choice as MenuChoice] : undefined;
    if (!route) {
      return step.next();
    }
    if (route.withText && answer?.freeText) {
      return step.beginDialog(route.dialogId, { text: answer.text });
    }
    return step.beginDialog(route.dialogId, answer?.quick ? { quick: true } : {});
  }

  /** Back to the menu after each task (offering a person when the task could not help). */
  private async loopStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const result = step.result as Partial<QuestionResult> | undefined;
    if (result?.deleted) {
      return step.endDialog();
    }
    return step.replaceDialog(this.initialDialogId, {
      again: true,
      offerPerson: result?.offerPerson === true,
      choice: result?.next,
      quickPlan: result?.next === 'path',
    } satisfies MainDialogOptions);
  }
}
