/**
 * A minimal Direct Line 3.0 client for tests: what Web Chat does with `webSocket: false` (start a
 * conversation, post activities, poll with a watermark), over real HTTP against the running bot.
 */

export interface DirectLineActivity {
  id: string;
  type: string;
  text?: string;
  locale?: string;
  replyToId?: string;
  from: { id: string; role?: string; name?: string };
  conversation: { id: string };
  channelId: string;
  channelData?: Record<string, unknown>;
  suggestedActions?: { actions: { title: string; text?: string; value?: unknown }[] };
  [field: string]: unknown;
}

export interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

/** Sends a request and parses the JSON answer (undefined when the body is not JSON). */
export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) {
    headers.authorization = `Bearer ${init.token}`;
  }
  let body: string | undefined;
  if (init.rawBody !== undefined || init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = init.rawBody ?? JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T };
}

/** One Direct Line conversation, as a browser tab would hold it. */
export class DirectLineClient {
  private watermark = '';

  private constructor(
    private readonly domain: string,
    readonly grant: Grant,
  ) {}

  /** Starts a conversation on the bot's local endpoint (the bot's welcome is already in its history). */
  static async start(baseUrl: string, locale = 'en-US'): Promise<DirectLineClient> {
    const domain = `${baseUrl}/v3/directline`;
    const response = await requestJson<Grant>(`${domain}/conversations`, { method: 'POST', body: { locale } });
    if (response.status !== 201) {
      throw new Error(`starting a conversation answered ${response.status}`);
    }
    return new DirectLineClient(domain, response.body);
  }

  get conversationId(): string {
    return this.grant.conversationId;
  }

  get activitiesUrl(): string {
    return `${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities`;
  }

  /** Posts an activity as Web Chat does (message by default) and returns the server's answer. */
  async post(fields: Record<string, unknown>, token = this.grant.token): Promise<JsonResponse<{ id?: string }>> {
    return requestJson<{ id?: string }>(this.activitiesUrl, {
      method: 'POST',
      token,
      body: { type: 'message', from: { id: 'web-chat-user', role: 'user' }, locale: 'en-US', ...fields },
    });
  }

  /** Says something; fails unless the server accepted it. */
  async say(text: string, fields: Record<string, unknown> = {}): Promise<string> {
    const response = await this.post({ text, ...fields });
    if (response.status !== 200 || !response.body.id) {
      throw new Error(`posting answered ${response.status}`);
    }
    return response.body.id;
  }

  /** Polls once from the last watermark (or from `watermark`) and remembers the new one. */
  async poll(watermark = this.watermark): Promise<DirectLineActivity[]> {
    const response = await requestJson<{ activities: DirectLineActivity[]; watermark: string }>(
      `${this.activitiesUrl}?watermark=${encodeURIComponent(watermark)}`,
      { token: this.grant.token },
    );
    if (response.status !== 200) {
      throw new Error(`polling answered ${response.status}`);
    }
    this.watermark = response.body.watermark;
    return response.body.activities;
  }
}

/** The bot's messages among activities. */
export function botMessages(activities: DirectLineActivity[]): DirectLineActivity[] {
  return activities.filter((activity) => activity.type === 'message' && activity.from.role === 'bot');
}
