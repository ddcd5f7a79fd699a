/**
 * The search message extension for helpdesk staff: in the compose box of Teams, staff search the knowledge base
 * and insert an entry as a card (title, short answer, "checked on" date and sources) into their conversation.
 * Teams sends `composeExtension/query` invokes; this middleware answers them from the knowledge search and
 * leaves every other activity to the bot.
 */
import {
  ActivityTypes,
  type Middleware,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { Clock } from '../../../dialogs/clock';
import { renderEntry, TextPicker } from '../../../dialogs/knowledgeText';
import type { Localizer } from '../../../dialogs/localizer';
import type { KnowledgeSearch } from '../../../knowledge/types';
import { DEFAULT_LANGUAGE, LANGUAGES, resolveLanguageTag } from '../../../locales/languages';
import { ADAPTIVE_CARD_CONTENT_TYPE, toAdaptiveCard } from './adaptiveCard';
import { TEAMS_CHANNEL_ID } from './teamsInput';

export const SEARCH_INVOKE_NAME = 'composeExtension/query';
/** The command id and its parameter, as declared in the manifest template's composeExtensions. */
export const SEARCH_COMMAND_ID = 'searchKnowledge';
export const SEARCH_PARAMETER = 'query';
/** Results per page when Teams does not say (it asks for 25 at most). */
const DEFAULT_RESULT_COUNT = 10;
const MAX_RESULT_COUNT = 25;
/** Longer queries are cut: the search needs words, not essays. */
const MAX_QUERY_LENGTH = 200;
const THUMBNAIL_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** The text typed in the search box, or undefined when the invoke is not our command. */
function queryText(query: MessagingExtensionQuery | undefined): string | undefined {
  if (query?.commandId !== SEARCH_COMMAND_ID) {
    return undefined;
  }
  const parameter = (query.parameters ?? []).find((candidate) => candidate.name === SEARCH_PARAMETER);
  const value: unknown = parameter?.value;
  return typeof value === 'string' ? value.trim().slice(0, MAX_QUERY_LENGTH) : '';
}

/** A whole number in [min, max], or the fallback. */
function bounded(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(Math.max(value, min), max) : fallback;
}

export class TeamsSearchExtension implements Middleware {
  constructor(
    private readonly search: KnowledgeSearch,
    private readonly localizer: Localizer,
    private readonly clock: Clock,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (
      activity.channelId !== TEAMS_CHANNEL_ID ||
      activity.type !== ActivityTypes.Invoke ||
      activity.name !== SEARCH_INVOKE_NAME
    ) {
      await next();
      return;
    }
    const query = activity.value as MessagingExtensionQuery | undefined;
    const text = queryText(query);
    if (text === undefined) {
      await next();
      return;
    }
    const body = this.results(text, activity.locale, query?.queryOptions);
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  }

  /** The entries matching the query, each as a card with a one-line preview, best first. */
  results(
    text: string,
    locale: string | undefined,
    options: MessagingExtensionQuery['queryOptions'],
  ): MessagingExtensionResponse {
    const skip = bounded(options?.skip, 0, Number.MAX_SAFE_INTEGER, 0);
    const count = bounded(options?.count, 1, MAX_RESULT_COUNT, DEFAULT_RESULT_COUNT);
    const lang = resolveLanguageTag(locale) ?? DEFAULT_LANGUAGE;
    const language = this.localizer.forLanguage(lang);
    const hits = text.length > 0 ? this.search.search(text, { lang, limit: skip + count }).slice(skip) : [];
    const today = this.clock.now();
    const attachments = hits.map(({ entry }): MessagingExtensionAttachment => {
      const reply = renderEntry(entry, language, { today, detail: 'brief' });
      const picker = new TextPicker(lang);
      const card = toAdaptiveCard(
        { ...reply, lang, dir: LANGUAGES[lang].rtl ? 'rtl' : 'ltr' },
        { sources: language.t('teams:sources') },
      );
      return {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        content: card,
        preview: {
          contentType: THUMBNAIL_CONTENT_TYPE,
          content: { title: picker.pick(entry.title) ?? entry.id, text: picker.pick(entry.summary) ?? '' },
        },
      };
    });
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
  }
}
