/**
 * Checks a request body before it reaches the Bot Framework adapter, so that malformed or
 * incomplete activities get a clear 400 naming the problem instead of the SDK's 500.
 */

/** Request bodies above this size are refused with 413 (by the body parser). */
export const MAX_BODY_BYTES = 256 * 1024;

interface ActivityLike {
  type?: unknown;
  channelId?: unknown;
  from?: { id?: unknown };
  conversation?: { id?: unknown };
  serviceUrl?: unknown;
  deliveryMode?: unknown;
  text?: unknown;
  locale?: unknown;
  attachments?: unknown;
  membersAdded?: unknown;
  membersRemoved?: unknown;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/** Optional list fields the bot reads: when present they must be arrays of objects (the SDK does not check). */
const OBJECT_LIST_FIELDS = ['attachments', 'membersAdded', 'membersRemoved'] as const;

/** Returns the problem with an activity body (naming the field), or undefined when it can be processed. */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body must be a JSON object (a Bot Framework activity)';
  }
  const activity = body as ActivityLike;
  const required: [string, unknown][] = [
    ['type', activity.type],
    ['channelId', activity.channelId],
    ['from.id', activity.from?.id],
    ['conversation.id', activity.conversation?.id],
  ];
  for (const [field, value] of required) {
    if (!isNonEmptyString(value)) {
      return `missing or invalid field: ${field}`;
    }
  }
  if (activity.deliveryMode !== 'expectReplies' && !isNonEmptyString(activity.serviceUrl)) {
    return 'missing or invalid field: serviceUrl (required unless deliveryMode is "expectReplies")';
  }
  // A non-string serviceUrl makes the SDK's connector factory throw (a 500) even with expectReplies.
  if (activity.serviceUrl !== undefined && activity.serviceUrl !== null && typeof activity.serviceUrl !== 'string') {
    return 'invalid field: serviceUrl must be a string';
  }
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') {
    return 'invalid field: text must be a string';
  }
  if (activity.locale !== undefined && activity.locale !== null && typeof activity.locale !== 'string') {
    return 'invalid field: locale must be a string';
  }
  for (const field of OBJECT_LIST_FIELDS) {
    const list = activity[field];
    if (
      list !== undefined &&
      list !== null &&
      (!Array.isArray(list) || list.some((item) => typeof item !== 'object' || item === null || Array.isArray(item)))
    ) {
      return `invalid field: ${field} must be a list of objects`;
    }
  }
  return undefined;
}
