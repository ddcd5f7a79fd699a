/**
 * The prompt behind every question of the guided flow. Its options hold only locale keys and choice
 * ids (they are saved in the dialog state), so a question asked again after the user changed the
 * language, or after a restart of the process, is shown in the current language.
 */
import {
  type DialogContext,
  type DialogEvent,
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { FlowServices } from './flowServices';
import { DialogIds, type SlotKind } from './ids';
import { turnLanguage } from './localizer';
import { toActivity } from './reply';
import type { SlotMatch } from './understanding/slotRecognizer';

export interface SlotPromptOptions extends PromptOptions {
  slot: SlotKind;
  /** Locale key of the question. */
  promptKey: string;
  promptParams?: Record<string, string | number>;
  /** Stable ids of the options shown as buttons. */
  choiceIds: string[];
}

export interface SlotAnswer extends SlotMatch {
  /** What the user typed. */
  text: string;
}

/** A message's text, or the id a card or button sent in its value. */
export function messageInput(context: TurnContext): string {
  const value = context.activity.value as { id?: unknown } | undefined;
  if (value && typeof value.id === 'string') {
    return value.id;
  }
  return (context.activity.text ?? '').trim();
}

/** Messages with at least this many words (or a question mark) may be questions asked in the middle of the flow. */
const MIN_QUESTION_WORDS = 4;

export class SlotPrompt extends Prompt<SlotAnswer> {
  constructor(
    dialogId: string,
    private readonly services: FlowServices,
  ) {
    super(dialogId);
  }

  /**
   * botbuilder's Prompt recognizes the message once more before the turn reaches it (the "activityReceived"
   * pre-bubble), to let a recognized answer stop interruptions. Recognition here can answer a question, so it
   * must run once per turn; interruptions are InterruptibleDialog's job, which runs first.
   */
  protected override async onPreBubbleEvent(_dc: DialogContext, _event: DialogEvent): Promise<boolean> {
    return false;
  }

  /** Sends the question with its options in the turn's language. */
  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const slotOptions = options as SlotPromptOptions;
    const language = turnLanguage(context);
    const lines = [
      ...(isRetry ? [language.t('common:retry')] : []),
      language.t(slotOptions.promptKey, slotOptions.promptParams),
    ];
    await context.sendActivity(
      toActivity(
        { text: lines.join('\n'), choices: this.services.labels.items(slotOptions.choiceIds, language) },
        language.t,
      ),
    );
  }

  /** Understands the answer: a button id, an option's number or label, or free text. */
  protected async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<SlotAnswer>> {
    if (context.activity.type !== ActivityTypes.Message) {
      return { succeeded: false };
    }
    const slotOptions = options as SlotPromptOptions;
    const language = turnLanguage(context);
    const text = messageInput(context);
    const choices = this.services.labels.items(slotOptions.choiceIds, language);
    const picked = this.services.recognizer.recognizeChoice(text, language, choices);
    if (picked) {
      return { succeeded: true, value: { id: picked, text } };
    }
    // "How long does homologation of a degree take?" names a level but asks something: answer it first.
    const asks = /[?？؟]/.test(text);
    if (asks && (await this.answerQuestion(context, text))) {
      await this.onPrompt(context, state, options, false);
      return { succeeded: false };
    }
    const match = this.services.recognizer.recognize(slotOptions.slot, text, language, choices);
    if (match) {
      return { succeeded: true, value: { ...match, text } };
    }
    if (!asks && (await this.answerQuestion(context, text))) {
      // The question was answered; ask ours again (the prompt then sees that the turn has responded).
      await this.onPrompt(context, state, options, false);
    }
    return { succeeded: false };
  }

  /** A question asked instead of an answer gets its answer when the bot is sure of it; the flow then resumes. */
  private async answerQuestion(context: TurnContext, text: string): Promise<boolean> {
    const looksLikeQuestion =
      text.startsWith('entry:') || text.includes('?') || text.split(/\s+/).length >= MIN_QUESTION_WORDS;
    if (!looksLikeQuestion) {
      return false;
    }
    const language = turnLanguage(context);
    const profile = await this.services.profileAccessor.get(context, {});
    const previous = await this.services.questionContext.get(context, {});
    const plan = this.services.answerer.compose(text, language, this.services.clock.now(), previous, profile);
    if (plan.kind !== 'answer' || plan.offerPerson) {
      return false;
    }
    await context.sendActivities(plan.replies.map((reply) => toActivity(reply, language.t)));
    await this.services.questionContext.set(context, plan.context);
    return true;
  }
}

/** The slot prompt every dialog that asks questions owns (botbuilder finds children only in their own component). */
export function createSlotPrompt(services: FlowServices): SlotPrompt {
  return new SlotPrompt(DialogIds.slotPrompt, services);
}

/** Begins a slot question. */
export function askSlot(dc: DialogContext, options: SlotPromptOptions): ReturnType<DialogContext['beginDialog']> {
  return dc.prompt(DialogIds.slotPrompt, options);
}
