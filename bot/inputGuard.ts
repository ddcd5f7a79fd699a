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
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

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
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') {
    return 'invalid field: text must be a string';
  }
  return undefined;
}
