/**
 * The composition root: builds the whole object graph from a Config. Nothing else creates
 * databases, adapters or dialogs. Tests build the app with their own config and clock.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { ChoiceLabels } from '../dialogs/choices';
import { type Clock, systemClock } from '../dialogs/clock';
import type { FlowServices } from '../dialogs/flowServices';
import { MainDialog } from '../dialogs/mainDialog';
import type { UserProfile } from '../dialogs/profile';
import { SlotRecognizer } from '../dialogs/understanding/slotRecognizer';
import { TextUnderstanding } from '../dialogs/understanding/textUnderstanding';
import { QuestionAnswerer, type QuestionContext } from '../dialogs/answering/questionAnswerer';
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../knowledge/knowledgeRepository';
import { openKnowledgeSearch } from '../knowledge/knowledgeSearch';
import { QueryCoverage } from '../knowledge/queryCoverage';
import type { Config } from './config';
import { createI18n, I18nLocalizer } from './i18n';
import { createLogger, type Logger } from './logger';
import { createOnTurnError } from './onTurnError';
import { PathfinderBot } from './pathfinderBot';
import { ReplyLanguage } from './replyLanguage';
import { createServer } from './server';
import { SqliteStorage } from './storage/sqliteStorage';
import { ConversationTurnQueue } from './turnQueue';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
}

export interface PathfinderApp {
  server: Server;
  adapter: CloudAdapter;
  bot: PathfinderBot;
  /** Starts listening; resolves with the bound port (useful with PORT=0). */
  listen(): Promise<number>;
  /** Stops the server and closes every database. */
  close(): Promise<void>;
}

export interface BotGraph {
  bot: PathfinderBot;
  conversationState: ConversationState;
  localizer: I18nLocalizer;
  repo: SqliteKnowledgeRepository;
  /** Closes the knowledge base and the state store. */
  close(): void;
}

/** Builds the conversation side: knowledge, state, translations, dialogs and the activity handler. */
export function createBotGraph(config: Config, clock: Clock = systemClock): BotGraph {
  const repo = openKnowledgeRepository(config.knowledgeDb);
  const search = openKnowledgeSearch(config.knowledgeDb, repo);
  mkdirSync(config.dataDir, { recursive: true });
  const storage = new SqliteStorage(path.join(config.dataDir, 'state.sqlite'));
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const profileAccessor = userState.createProperty<UserProfile>('profile');

  const localizer = new I18nLocalizer(createI18n(config.localesDir));
  const labels = new ChoiceLabels(repo);
  const understanding = new TextUnderstanding(search, repo, clock, localizer);
  const services: FlowServices = {
    repo,
    search,
    answerer: new QuestionAnswerer(repo, search, new QueryCoverage(), understanding, labels),
    labels,
    recognizer: new SlotRecognizer(search, repo, clock),
    clock,
    profileAccessor,
    questionContext: conversationState.createProperty<QuestionContext>('questionContext'),
  };
  const dialog = new MainDialog(services);
  const bot = new PathfinderBot(conversationState, userState, dialog, dialogState, profileAccessor, localizer, labels);
  return {
    bot,
    conversationState,
    localizer,
    repo,
    close: () => {
      search.close();
      repo.close();
      storage.close();
    },
  };
}

/** Builds the bot and its HTTP server from configuration. */
export function createApp(config: Config, overrides: AppOverrides = {}): PathfinderApp {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const graph = createBotGraph(config, overrides.clock ?? systemClock);
  const { bot, repo } = graph;

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config.botAuth));
  adapter.use(new ConversationTurnQueue());
  // Stamps each reply with its language and direction; channel renderers come after it.
  adapter.use(new ReplyLanguage());
  adapter.onTurnError = createOnTurnError(logger, graph.conversationState, graph.localizer);

  const meta = repo.meta();
  const server = createServer({
    adapter,
    bot,
    logger,
    health: () => ({ version: config.version, knowledgeDate: meta.knowledgeDate, entries: meta.entryCount }),
  });

  return {
    server,
    adapter,
    bot,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; they carry no work once a turn is done.
        (server.server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      graph.close();
    },
  };
}
