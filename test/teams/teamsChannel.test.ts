/**
 * Microsoft Teams through the real adapter over HTTP: personal chats, channel posts that @mention the bot, group
 * chats, card button clicks and the knowledge search of the compose box. Replies must be Adaptive Cards (≤ 1.5)
 * whose buttons carry the stable choice ids — Teams shows no suggested actions.
 */
import { randomUUID } from 'node:crypto';
import type { Translate } from '../../dialogs/localizer';
import type { SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import {
  allKnowledgeData,
  conversationStateKey,
  englishTranslator,
  openKnowledge,
  readStoredItem,
  removeDataDir,
  type RunningBot,
  startBot,
} from '../helpers/botServer';

let bot: RunningBot;
let t: Translate;
let repo: SqliteKnowledgeRepository;
let knowledgeData: string;

beforeAll(async () => {
  bot = await startBot();
  t = englishTranslator();
  repo = openKnowledge();
  knowledgeData = allKnowledgeData();
});

afterAll(async () => {
  repo?.close();
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:0b6e6900-0000-4000-8000-000000000001', name: 'Pathfinder' };
const MENTION = '<at>Pathfinder</at>';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

interface SubmitAction {
  type: string;
  title: string;
  data: { id: string; msteams: { type: string; text: string; displayText: string } };
}

interface CardElement {
  type: string;
  text?: string;
  weight?: string;
  actions?: SubmitAction[];
}

interface AdaptiveCard {
  type: string;
  version: string;
  lang?: string;
  rtl?: boolean;
  body: CardElement[];
}

interface TeamsReply {
  type: string;
  text?: string;
  suggestedActions?: unknown;
  channelData?: Record<string, unknown>;
  attachments?: { contentType: string; content: AdaptiveCard }[];
  conversation?: { id: string };
  replyToId?: string;
}

type Scope = 'personal' | 'channel' | 'groupChat';

/** One Teams user in one conversation (a personal chat, a channel thread or a group chat). */
class TeamsUser {
  readonly userId = `29:${randomUUID()}`;
  readonly aadObjectId = randomUUID();

  constructor(
    readonly scope: Scope,
    readonly conversationId: string,
    private readonly locale = 'en-US',
  ) {}

  /** What Teams posts to the bot for this user and conversation. */
  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const channelData: Record<string, unknown> = { tenant: { id: TENANT_ID } };
    if (this.scope === 'channel') {
      channelData.team = { id: '19:team-general@thread.tacv2', name: 'Helpdesk' };
      channelData.channel = { id: '19:team-general@thread.tacv2', name: 'General' };
    }
    return {
      id: `1700000${Math.floor(Math.random() * 1e6)}`,
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      from: { id: this.userId, name: 'Helpdesk Staff', aadObjectId: this.aadObjectId },
      recipient: BOT,
      conversation: {
        id: this.conversationId,
        conversationType: this.scope,
        tenantId: TENANT_ID,
        ...(this.scope === 'personal' ? {} : { isGroup: true }),
      },
      channelData,
      locale: this.locale,
      deliveryMode: 'expectReplies',
      ...fields,
    };
  }

  /** Posts an activity and returns the bot's message replies. */
  async send(fields: Record<string, unknown>): Promise<TeamsReply[]> {
    const response = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.activity(fields)),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities?: TeamsReply[] };
    return (body.activities ?? []).filter((reply) => reply.type === 'message');
  }

  /** Types a message; in channels and group chats it starts with the bot's @mention, as Teams delivers it. */
  say(text: string): Promise<TeamsReply[]> {
    if (this.scope === 'personal') {
      return this.send({ type: 'message', text });
    }
    return this.send({
      type: 'message',
      text: `${MENTION} ${text}`,
      entities: [{ type: 'mention', mentioned: BOT, text: MENTION }],
    });
  }

  /** Clicks a card button as Teams sends a messageBack: the id as text (the label is shown in the chat). */
  clickMessageBack(action: SubmitAction): Promise<TeamsReply[]> {
    return this.send({ type: 'message', text: action.data.msteams.text, value: action.data });
  }

  /** Clicks a card button as a plain Action.Submit arrives: no text, the button's data as the value. */
  clickSubmit(action: SubmitAction): Promise<TeamsReply[]> {
    return this.send({ type: 'message', value: action.data });
  }
}

const personalChat = (locale?: string): TeamsUser => new TeamsUser('personal', `a:${randomUUID()}`, locale);
const channelThread = (): TeamsUser =>
  new TeamsUser('channel', `19:team-general@thread.tacv2;messageid=${Date.now()}${Math.floor(Math.random() * 1000)}`);
const groupChat = (conversationId = `19:${randomUUID()}@thread.v2`): TeamsUser =>
  new TeamsUser('groupChat', conversationId);

/** Every reply is one Adaptive Card ≤ 1.5, with no suggested actions, no plain text and no neutral form left. */
function cardsOf(replies: TeamsReply[]): AdaptiveCard[] {
  expect(replies.length).toBeGreaterThan(0);
  return replies.map((reply) => {
    expect(reply.suggestedActions).toBeUndefined();
    expect(reply.text).toBeUndefined();
    expect(reply.channelData?.pathfinder).toBeUndefined();
    expect(reply.attachments).toHaveLength(1);
    const attachment = reply.attachments![0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content;
    expect(card.type).toBe('AdaptiveCard');
    const [major = 0, minor = 0] = card.version.split('.').map(Number);
    expect(major * 100 + minor).toBeLessThanOrEqual(105);
    return card;
  });
}

/** All text of the cards, one block per line. */
const textOf = (cards: AdaptiveCard[]): string =>
  cards
    .flatMap((card) => card.body)
    .map((element) => element.text ?? '')
    .join('\n');

/** All buttons of the cards. */
const buttonsOf = (cards: AdaptiveCard[]): SubmitAction[] =>
  cards.flatMap((card) => card.body).flatMap((element) => element.actions ?? []);

/** The button that sends this id; fails when the cards have none. */
function button(cards: AdaptiveCard[], id: string): SubmitAction {
  const found = buttonsOf(cards).find((action) => action.data.id === id);
  expect(found).toBeDefined();
  return found!;
}

describe('Teams personal chat', () => {
  it('installing the app welcomes the user and shows the menu as a card whose buttons carry the stable ids', async () => {
    const user = personalChat();
    const replies = await user.send({ type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });
    const cards = cardsOf(replies);
    const text = textOf(cards);
    expect(text).toContain(t('welcome:intro'));
    expect(text).toContain(t('welcome:menuPrompt'));
    const buttons = buttonsOf(cards);
    expect(buttons.map((action) => action.data.id)).toEqual(
      expect.arrayContaining(['menu:path', 'menu:question', 'menu:employer']),
    );
    for (const action of buttons) {
      expect(action.type).toBe('Action.Submit');
      expect(action.data.msteams).toEqual({ type: 'messageBack', text: action.data.id, displayText: action.title });
    }
    expect(button(cards, 'menu:path').title).toBe(t('welcome:menu.path'));
  });

  it('a first "hi" gets the welcome and the menu as cards', async () => {
    const user = personalChat();
    const cards = cardsOf(await user.say('hi'));
    expect(textOf(cards)).toContain(t('welcome:intro'));
    expect(button(cards, 'menu:path').title).toBe(t('welcome:menu.path'));
  });

  it('card clicks continue the flow: menu → country → status, whether Teams sends a messageBack or a plain submit', async () => {
    const user = personalChat();
    const menu = cardsOf(await user.say('hi'));

    const country = cardsOf(await user.clickSubmit(button(menu, 'menu:path')));
    expect(textOf(country)).toContain(t('flow:country.prompt'));
    expect(buttonsOf(country).map((action) => action.data.id)).toEqual(
      expect.arrayContaining(['country:IE', 'country:BE', 'country:UK']),
    );

    const status = cardsOf(await user.clickMessageBack(button(country, 'country:IE')));
    expect(textOf(status)).toContain(t('flow:status.prompt'));
    expect(buttonsOf(status).map((action) => action.data.id)).toContain('status:asylum_seeker');
  });

  it('a button from an old card starts a new conversation with that answer', async () => {
    const user = personalChat();
    const replies = await user.clickSubmit({
      type: 'Action.Submit',
      title: 'Ireland',
      data: { id: 'country:IE', msteams: { type: 'messageBack', text: 'country:IE', displayText: 'Ireland' } },
    });
    const text = textOf(cardsOf(replies));
    expect(text).toContain(t('welcome:intro'));
    expect(text).toContain(t('flow:status.prompt'));
  });

  it('a description becomes a plan: one card per step, each citing knowledge-base sources', async () => {
    const user = personalChat();
    const cards = cardsOf(await user.say("I'm a refugee in Italy with a nursing degree and want to work as a nurse"));
    const steps = cards.filter((card) => textOf([card]).includes(t('teams:sources')));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    const links = [...textOf(steps).matchAll(/\]\((https?:\/\/[^)]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThanOrEqual(steps.length);
    for (const url of links) {
      expect(knowledgeData).toContain(url);
    }
  });

  it('a right-to-left language gets a right-to-left card', async () => {
    const user = personalChat('ar-SA');
    const cards = cardsOf(await user.send({ type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }));
    for (const card of cards) {
      expect(card.lang).toBe('ar');
      expect(card.rtl).toBe(true);
    }
  });
});

describe('Teams channel', () => {
  it('answers a question that @mentions the bot with a card citing its sources, in the thread', async () => {
    const user = channelThread();
    const incomingId = 'channel-post-1';
    const replies = await user.send({
      id: incomingId,
      type: 'message',
      text: `${MENTION} can asylum seekers work in Ireland?`,
      entities: [{ type: 'mention', mentioned: BOT, text: MENTION }],
    });
    const cards = cardsOf(replies);
    const entry = repo.workRight('IE', 'asylum_seeker');
    expect(entry).toBeDefined();
    const answer = cards.find((card) => textOf([card]).includes(entry!.title.en!));
    expect(answer).toBeDefined();
    const answerText = textOf([answer!]);
    expect(answerText).toContain('Checked on');
    expect(answerText).toContain(t('teams:sources'));
    const links = [...answerText.matchAll(/\[[^\]]+\]\((https?:\/\/[^)]+)\)/g)].map((match) => match[1]!);
    expect(links).toContain(entry!.sources[0]!.url);
    for (const url of links) {
      expect(knowledgeData).toContain(url);
    }
    for (const reply of replies) {
      expect(reply.conversation?.id).toBe(user.conversationId);
      expect(reply.replyToId).toBe(incomingId);
    }
  });

  it('strips the @mention before the dialogs read a command', async () => {
    const user = channelThread();
    const text = textOf(cardsOf(await user.say('help')));
    expect(text).toContain(t('common:help', { countries: '§' }).split('§')[0]!.trim());
  });
});

describe('Teams group chat', () => {
  it('keeps one conversation per group chat: a member clicks a button another member got', async () => {
    const chatId = `19:${randomUUID()}@thread.v2`;
    const first = groupChat(chatId);
    const second = groupChat(chatId);

    const menu = cardsOf(await first.say('hi'));
    expect(readStoredItem(bot.dataDir, conversationStateKey('msteams', chatId))).toBeDefined();

    const country = cardsOf(await second.clickMessageBack(button(menu, 'menu:path')));
    expect(textOf(country)).toContain(t('flow:country.prompt'));
  });

  it('answers a mentioned question with sources', async () => {
    const chat = groupChat();
    const text = textOf(cardsOf(await chat.say('Can asylum seekers work in Ireland?')));
    expect(text).toContain(repo.workRight('IE', 'asylum_seeker')!.title.en!);
    expect(text).toContain(t('teams:sources'));
  });
});

describe('Teams search message extension', () => {
  const query = async (
    parameters: { name: string; value: string }[],
    commandId = 'searchKnowledge',
  ): Promise<{ status: number; body: unknown }> => {
    const staff = personalChat();
    const activity = staff.activity({
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId, parameters, queryOptions: { skip: 0, count: 5 } },
    });
    delete activity.deliveryMode;
    const response = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  it('answers a query with knowledge entries as cards with a preview', async () => {
    const { status, body } = await query([{ name: 'query', value: 'asylum seeker work Ireland' }]);
    expect(status).toBe(200);
    const result = (
      body as {
        composeExtension: {
          type: string;
          attachmentLayout: string;
          attachments: { contentType: string; content: AdaptiveCard; preview: { content: { title: string } } }[];
        };
      }
    ).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachmentLayout).toBe('list');
    expect(result.attachments.length).toBeGreaterThan(0);
    expect(result.attachments.length).toBeLessThanOrEqual(5);
    const titles = result.attachments.map((attachment) => attachment.preview.content.title);
    expect(titles).toContain(repo.workRight('IE', 'asylum_seeker')!.title.en);
    for (const attachment of result.attachments) {
      expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(attachment.content.version).toBe('1.5');
      expect(textOf([attachment.content])).toContain(t('teams:sources'));
    }
  });

  it('an empty query gets an empty list, and an unknown command is left to the bot (not implemented)', async () => {
    const empty = await query([{ name: 'query', value: '  ' }]);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
    const unknown = await query([{ name: 'query', value: 'work' }], 'somethingElse');
    expect(unknown.status).toBe(501);
  });
});
