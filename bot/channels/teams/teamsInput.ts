/**
 * Incoming Teams activities, made to look like any other channel's before the bot and the dialogs read them:
 * - in channels and group chats Teams puts the bot's @mention into the text (`<at>Pathfinder</at> can I work?`);
 *   it is removed, with any other `<at>…</at>` tag (names are not needed to answer and are personal data);
 * - a card button sends its choice id as the text (messageBack) or only in `value.id` (a plain Action.Submit);
 *   the id becomes the text either way, so the first message of a conversation can be a button too;
 * - installing the app in personal scope announces the bot joining the chat, never the user (who is already
 *   there); the user is added to `membersAdded`, as Web Chat announces them, so that they are welcomed.
 */
import { type Activity, ActivityTypes, type Middleware, TurnContext } from 'botbuilder';

export const TEAMS_CHANNEL_ID = 'msteams';
const PERSONAL_SCOPE = 'personal';

/** Mention tags left after the recipient's own mention was removed (other people, or a mention without entity). */
const MENTION_TAG = /<at>[^<]*<\/at>/gi;
/** Teams writes non-breaking spaces as an entity around mentions in channel posts. */
const NBSP_ENTITY = /&nbsp;/gi;

/** botbuilder's helper throws on a mention without `mentioned` and removes "undefined" for one without `text`. */
function wellFormedMentions(entities: unknown): boolean {
  if (entities === undefined || entities === null) {
    return true;
  }
  return (
    Array.isArray(entities) &&
    entities.every((entity: { type?: unknown; mentioned?: { id?: unknown }; text?: unknown } | null) => {
      if (entity === null || typeof entity !== 'object' || entity.type !== 'mention') {
        return true;
      }
      return typeof entity.mentioned?.id === 'string' && typeof entity.text === 'string' && entity.text.length > 0;
    })
  );
}

/** The text without @mentions and with its spaces tidied; mutates the activity as botbuilder's helper does. */
export function stripMentions(activity: Partial<Activity>): string | undefined {
  if (typeof activity.text !== 'string') {
    return activity.text;
  }
  if (activity.recipient?.id && wellFormedMentions(activity.entities)) {
    TurnContext.removeRecipientMention(activity);
  }
  activity.text = (activity.text ?? '')
    .replace(MENTION_TAG, ' ')
    .replace(NBSP_ENTITY, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
  return activity.text;
}

/** The choice id a card button carried in its value, if any. */
export function submittedChoiceId(activity: Partial<Activity>): string | undefined {
  const value = activity.value as { id?: unknown } | undefined;
  return value && typeof value === 'object' && typeof value.id === 'string' && value.id.trim().length > 0
    ? value.id.trim()
    : undefined;
}

/** In a personal chat where the bot was just added, the user who added it joins too (once). */
export function welcomePersonalInstall(activity: Partial<Activity>): void {
  const members = activity.membersAdded ?? [];
  const botId = activity.recipient?.id;
  const user = activity.from;
  if (
    activity.conversation?.conversationType === PERSONAL_SCOPE &&
    botId &&
    user?.id &&
    user.id !== botId &&
    members.some((member) => member.id === botId) &&
    !members.some((member) => member.id === user.id)
  ) {
    activity.membersAdded = [...members, { id: user.id, name: user.name, aadObjectId: user.aadObjectId }];
  }
}

export class TeamsInput implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId === TEAMS_CHANNEL_ID) {
      if (activity.type === ActivityTypes.Message) {
        stripMentions(activity);
        const choiceId = submittedChoiceId(activity);
        if (choiceId && !activity.text) {
          activity.text = choiceId;
        }
      } else if (activity.type === ActivityTypes.ConversationUpdate) {
        welcomePersonalInstall(activity);
      }
    }
    await next();
  }
}
