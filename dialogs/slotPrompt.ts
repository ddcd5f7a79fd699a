/**
 * The prompt behind every question of the guided flow. Its options hold only locale keys and choice
 * ids (they are saved in the dialog state), so a question asked again after the user changed the
 * language, or after a restart of the process, is shown in the current language.
 */
import { type DialogContext, Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChoiceLabels } from './choices';
import { DialogIds, type SlotKind } from './ids';
import { turnLanguage } from './localizer';
import { toActivity } from './reply';
import type { SlotMatch, SlotRecognizer } from './understanding/slotRecognizer';

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

export class SlotPrompt extends Prompt<SlotAnswer> {
  constructor(
    dialogId: string,
    private readonly recognizer: SlotRecognizer,
    private readonly labels: ChoiceLabels,
  ) {
    super(dialogId);
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
      toActivity({ text: lines.join('\n'), choices: this.labels.items(slotOptions.choiceIds, language) }, language.t),
    );
  }

  /** Understands the answer: a button id, an option's number or label, or free text. */
  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<SlotAnswer>> {
    if (context.activity.type !== ActivityTypes.Message) {
      return { succeeded: false };
    }
    const slotOptions = options as SlotPromptOptions;
    const language = turnLanguage(context);
    const text = messageInput(context);
    const match = this.recognizer.recognize(
      slotOptions.slot,
      text,
      language,
      this.labels.items(slotOptions.choiceIds, language),
    );
    return match ? { succeeded: true, value: { ...match, text } } : { succeeded: false };
  }
}

/** The slot prompt every dialog that asks questions owns (botbuilder finds children only in their own component). */
export function createSlotPrompt(services: { recognizer: SlotRecognizer; labels: ChoiceLabels }): SlotPrompt {
  return new SlotPrompt(DialogIds.slotPrompt, services.recognizer, services.labels);
}

/** Begins a slot question. */
export function askSlot(dc: DialogContext, options: SlotPromptOptions): ReturnType<DialogContext['beginDialog']> {
  return dc.prompt(DialogIds.slotPrompt, options);
}
