/**
 * The shapes of the WhatsApp Cloud API that the bridge reads and writes: the webhook payload Meta posts
 * (only the fields used here; everything is optional because it comes from outside) and the message
 * objects sent to `POST /{phone-number-id}/messages`.
 */

/** The channel id of WhatsApp activities. */
export const WHATSAPP_CHANNEL_ID = 'whatsapp';

export interface WebhookPayload {
  object?: string;
  entry?: WebhookEntry[];
}

export interface WebhookEntry {
  id?: string;
  changes?: WebhookChange[];
}

export interface WebhookChange {
  field?: string;
  value?: WebhookValue;
}

export interface WebhookValue {
  messaging_product?: string;
  metadata?: { display_phone_number?: string; phone_number_id?: string };
  contacts?: { wa_id?: string; user_id?: string; profile?: { name?: string } }[];
  messages?: InboundMessage[];
  /** Delivery receipts of the messages the bot sent; acknowledged and not processed. */
  statuses?: unknown[];
}

export interface MediaObject {
  id?: string;
  mime_type?: string;
  caption?: string;
  filename?: string;
}

export interface InboundMessage {
  id?: string;
  /** The sender's phone number (wa_id); absent for users who only share a business-scoped user id. */
  from?: string;
  /** The business-scoped user id (BSUID), sent since 2026 next to or instead of the phone number. */
  from_user_id?: string;
  /** Unix seconds, as a string. */
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  interactive?: {
    type?: string;
    button_reply?: { id?: string; title?: string };
    list_reply?: { id?: string; title?: string; description?: string };
  };
  /** A quick-reply button of a template message. */
  button?: { text?: string; payload?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  image?: MediaObject;
  audio?: MediaObject;
  video?: MediaObject;
  document?: MediaObject;
  sticker?: MediaObject;
}

/** How a message reaches a user: the phone number when known, else the business-scoped user id. */
export interface WhatsAppAddress {
  to?: string;
  recipient?: string;
}

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface TextContent {
  type: 'text';
  text: { body: string; preview_url: boolean };
}

export interface ButtonsContent {
  type: 'interactive';
  interactive: { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } };
}

export interface ListContent {
  type: 'interactive';
  interactive: {
    type: 'list';
    body: { text: string };
    action: { button: string; sections: { title: string; rows: ListRow[] }[] };
  };
}

export interface TemplateContent {
  type: 'template';
  template: { name: string; language: { code: string } };
}

/** What one WhatsApp message says, without its recipient. */
export type OutboundContent = TextContent | ButtonsContent | ListContent | TemplateContent;

/** The body of `POST /{phone-number-id}/messages`. */
export type GraphMessage = { messaging_product: 'whatsapp'; recipient_type: 'individual' } & WhatsAppAddress &
  OutboundContent;

/** Builds the Graph request body for one message to one address. */
export function graphMessage(address: WhatsAppAddress, content: OutboundContent): GraphMessage {
  const recipient: WhatsAppAddress = address.to ? { to: address.to } : { recipient: address.recipient };
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...recipient, ...content };
}
