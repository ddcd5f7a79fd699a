/**
 * What a WhatsApp message says, in the terms of a Bot Framework message: text, a choice id (from a
 * reply button, a list row, or a number answering numbered choices), or media the bot cannot read.
 * Pure; the bridge adds the addressing.
 */
import type { InboundMessage, MediaObject } from './whatsAppTypes';

export type InboundInput =
  /** Text to pass on; `choiceId` when the user picked one of the offered choices. */
  | { kind: 'text'; text: string; choiceId?: string }
  /** Pictures, voice notes, files, stickers, contacts: the bot answers that it reads text only. */
  | { kind: 'media'; caption: string; attachments: { contentType: string; name: string }[] }
  /** A shared location without a name or address: coordinates mean nothing to the bot. */
  | { kind: 'unreadableLocation' }
  /** Reactions, system notices and empty messages: nothing to answer. */
  | { kind: 'ignored' };

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;

/** Message types that carry something the bot cannot read (shared contacts, unknown new types). */
const UNREADABLE_TYPES = new Set(['contacts', 'unsupported', 'unknown', 'order']);

/** Eastern Arabic (٠–٩) and Persian (۰–۹) digits. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** A reply that is only a number, e.g. "3", "3.", "(3)", "٣". */
const NUMBER_ANSWER = /^\(?\s*(\d{1,3})\s*[.)]?$/;

function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf));
}

/** The choice id a number stands for when the last choices were numbered ("3" → the third), else undefined. */
export function numberedChoice(text: string, numberedChoiceIds: readonly string[] | undefined): string | undefined {
  if (!numberedChoiceIds?.length) {
    return undefined;
  }
  const match = NUMBER_ANSWER.exec(asciiDigits(text.trim()));
  const number = match ? Number(match[1]) : 0;
  return number >= 1 && number <= numberedChoiceIds.length ? numberedChoiceIds[number - 1] : undefined;
}

function mediaOf(message: InboundMessage): { type: string; media: MediaObject } | undefined {
  for (const type of MEDIA_TYPES) {
    const media = message[type];
    if (message.type === type || media) {
      return { type, media: media ?? {} };
    }
  }
  return undefined;
}

/** Reads one inbound message; `numberedChoiceIds` are the numbered choices the user was last shown. */
export function readInbound(message: InboundMessage, numberedChoiceIds?: readonly string[]): InboundInput {
  switch (message.type) {
    case 'text': {
      const text = message.text?.body ?? '';
      const choiceId = numberedChoice(text, numberedChoiceIds);
      if (choiceId) {
        return { kind: 'text', text: choiceId, choiceId };
      }
      return text.trim() ? { kind: 'text', text } : { kind: 'ignored' };
    }
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply?.id ? { kind: 'text', text: reply.id, choiceId: reply.id } : { kind: 'ignored' };
    }
    case 'button': {
      const text = message.button?.text ?? message.button?.payload ?? '';
      return text.trim() ? { kind: 'text', text } : { kind: 'ignored' };
    }
    case 'location': {
      const place = [message.location?.name, message.location?.address]
        .map((part) => part?.trim() ?? '')
        .filter((part) => part.length > 0);
      return place.length > 0 ? { kind: 'text', text: place.join(', ') } : { kind: 'unreadableLocation' };
    }
    default:
      break;
  }
  const media = mediaOf(message);
  if (media) {
    return {
      kind: 'media',
      caption: media.media.caption?.trim() ?? '',
      attachments: [{ contentType: media.media.mime_type ?? 'application/octet-stream', name: media.type }],
    };
  }
  if (message.type && UNREADABLE_TYPES.has(message.type)) {
    return {
      kind: 'media',
      caption: '',
      attachments: [{ contentType: 'application/octet-stream', name: message.type }],
    };
  }
  return { kind: 'ignored' };
}
