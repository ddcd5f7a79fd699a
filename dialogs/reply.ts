/**
 * Channel-neutral replies. Dialogs say what to show — text, choices with stable ids and translated
 * labels, citations — and this module turns it into a Bot Framework activity. The neutral form also
 * travels in channelData so that channel renderers at the edge can draw it their own way.
 */
import { ActionTypes, type Activity, ActivityTypes, InputHints } from 'botbuilder';
import type { Translate } from './localizer';

export interface ChoiceItem {
  /** Stable id sent back when the user picks it, e.g. `country:IE`. */
  id: string;
  /** Translated label shown to the user. */
  label: string;
}

export interface Citation {
  title: string;
  url: string;
}

export interface NeutralReply {
  text: string;
  choices?: ChoiceItem[];
  citations?: Citation[];
  /** The language of the text and its writing direction; stamped on every message when it is sent. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/** Where the neutral reply travels inside channelData. */
export const NEUTRAL_REPLY_KEY = 'pathfinder';

/** Renders a neutral reply as a message activity with suggested actions for its choices. */
export function toActivity(reply: NeutralReply, t: Translate): Partial<Activity> {
  const citationLines = (reply.citations ?? []).map((citation) =>
    t('common:source', { title: citation.title, url: citation.url }),
  );
  const text = [reply.text, ...citationLines].join('\n');
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text,
    textFormat: 'markdown',
    inputHint: reply.choices?.length ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    channelData: { [NEUTRAL_REPLY_KEY]: reply },
  };
  if (reply.choices?.length) {
    activity.suggestedActions = {
      to: [],
      actions: reply.choices.map((choice) => ({
        type: ActionTypes.MessageBack,
        title: choice.label,
        text: choice.id,
        displayText: choice.label,
        value: { id: choice.id },
      })),
    };
  }
  return activity;
}
