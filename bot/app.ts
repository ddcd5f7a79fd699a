/**
 * The composition root: builds the whole object graph from a Config. Nothing else creates
 * databases, adapters or dialogs. Tests build the app with their own config and clock.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import { ChoiceLabels } from '../dialogs/choices';
import { type Clock, systemClock } from '../dialogs/clock';
import type { FlowServices } from '../dialogs/flowServices';
import { MainDialog } from '../dialogs/mainDialog';
import type { UserProfile } from '../dialogs/profile';
import { SlotRecognizer } from '../dialogs/understanding/slotRecognizer';
import { LanguageDetector } from '../dialogs/understanding/languageDetector';
import { TextUnderstanding } from '../dialogs/understanding/textUnderstanding';
import { QuestionAnswerer, type QuestionContext } from '../dialogs/answering/questionAnswerer';
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../knowledge/knowledgeRepository';
import { openKnowledgeSearch } from '../knowledge/knowledgeSearch';
import { QueryCoverage } from '../knowledge/queryCoverage';
import type { KnowledgeSearch } from '../knowledge/types';
import { TeamsInput } from './channels/teams/teamsInput';
import { TeamsRenderer } from './channels/teams/teamsRenderer';
import { TeamsSearchExtension } from './channels/teams/searchExtension';
import { ConnectorRoutes, localOrigin } from './channels/connectorRoutes';
import { AzureDirectLineTokens } from './channels/directline/azureDirectLineTokens';
import { ConversationHistory } from './channels/directline/conversationHistory';
import { DirectLineRoutes } from './channels/directline/directLineRoutes';
import { DirectLineTokens } from './channels/directline/directLineTokens';
import {
  DIRECT_LINE_CHANNEL_ID,
  DIRECT_LINE_CONNECTOR_PATH,
  LocalDirectLine,
} from './channels/directline/localDirectLine';
import { WebChatTokenRoute } from './channels/directline/tokenRoute';
import { GraphClient } from './channels/whatsapp/graphClient';
import { WHATSAPP_CONNECTOR_PATH, WhatsAppBridge } from './channels/whatsapp/whatsAppBridge';
import { WhatsAppPseudonyms } from './channels/whatsapp/whatsAppPseudonyms';
import { WhatsAppStore } from './channels/whatsapp/whatsAppStore';
import { WhatsAppWebhook } from './channels/whatsapp/whatsAppWebhook';
import { WebChatPage, webChatBundlePath } from './channels/webchat/webChatPage';
import { WebChatRenderer } from './channels/webchat/webChatRenderer';
import { type Config, projectRoot, type WhatsAppConfig } from './config';
import { createI18n, frequentWords, I18nLocalizer } from './i18n';
import { createLogger, type Logger } from './logger';
import { createOnTurnError } from './onTurnError';
import { PathfinderBot } from './pathfinderBot';
import { ReplyLanguage } from './replyLanguage';
import { createServer, type RouteModule } from './server';
import { SqliteStorage } from './storage/sqliteStorage';
import { ConversationTurnQueue } from './turnQueue';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  /** How the WhatsApp Graph client waits before a retry (tests pass one that does not sleep). */
  wait?: (ms: number) => Promise<void>;
}

export interface PathfinderApp {
  server: Server;
  adapter: CloudAdapter;
  bot: PathfinderBot;
  /** The WhatsApp bridge, when the channel is configured. */
  whatsapp?: WhatsAppBridge;
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
  search: KnowledgeSearch;
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

  const i18n = createI18n(config.localesDir);
  const localizer = new I18nLocalizer(i18n);
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
  const detector = new LanguageDetector(frequentWords(i18n));
  const bot = new PathfinderBot(
    conversationState,
    userState,
    dialog,
    dialogState,
    profileAccessor,
    localizer,
    labels,
    detector,
  );
  return {
    bot,
    search,
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
  const clock = overrides.clock ?? systemClock;
  const graph = createBotGraph(config, clock);
  const { bot, repo } = graph;

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config.botAuth));
  const turnQueue = new ConversationTurnQueue();
  adapter.use(turnQueue);
  // Stamps each reply with its language and direction; channel renderers come after it.
  adapter.use(new ReplyLanguage());
  // Web chat: line breaks and links as Web Chat's Markdown needs them (Direct Line conversations only).
  adapter.use(new WebChatRenderer());
  // Teams: @mentions and card clicks in, Adaptive Cards out, and the staff's knowledge search in the compose box.
  adapter.use(
    new TeamsInput(),
    new TeamsRenderer(graph.localizer),
    new TeamsSearchExtension(graph.search, graph.localizer, clock),
  );
  adapter.onTurnError = createOnTurnError(logger, graph.conversationState, graph.localizer);

  const whatsapp = config.whatsapp
    ? createWhatsApp(config.whatsapp, {
        config,
        graph,
        adapter,
        turnQueue,
        clock,
        logger,
        wait: overrides.wait,
        origin: () => localOrigin(server),
      })
    : undefined;

  const meta = repo.meta();
  const server = createServer({
    adapter,
    bot,
    logger,
    health: () => ({ version: config.version, knowledgeDate: meta.knowledgeDate, entries: meta.entryCount }),
    routes: [
      ...createWebChatRoutes(config, adapter, bot, graph.localizer, logger, () => localOrigin(server)),
      ...(whatsapp?.routes ?? []),
    ],
  });

  return {
    server,
    adapter,
    bot,
    whatsapp: whatsapp?.bridge,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      // WhatsApp replies travel through this server's connector routes: let them finish first.
      await whatsapp?.bridge.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; they carry no work once a turn is done.
        (server.server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      graph.close();
      whatsapp?.close();
    },
  };
}

/**
 * Web chat: the page and its token route, backed by Azure Direct Line when DIRECTLINE_SECRET is set, else
 * (anonymous bot only) by the local Direct Line endpoint, whose replies come back through local connector routes.
 */
function createWebChatRoutes(
  config: Config,
  adapter: CloudAdapter,
  bot: PathfinderBot,
  localizer: I18nLocalizer,
  logger: Logger,
  origin: () => string,
): RouteModule[] {
  const { secret, endpoint } = config.directLine;
  const azure = new URL(endpoint);
  const page = new WebChatPage({
    publicDir: path.join(projectRoot(), 'bot', 'channels', 'webchat', 'public'),
    bundlePath: webChatBundlePath(),
    localizer,
    connectSources: secret ? [azure.origin, `${azure.protocol === 'https:' ? 'wss:' : 'ws:'}//${azure.host}`] : [],
  });
  if (secret) {
    return [page, new WebChatTokenRoute(new AzureDirectLineTokens({ endpoint, secret }), logger)];
  }
  if (!config.anonymous) {
    logger.warn('web chat is unavailable: with app credentials it needs DIRECTLINE_SECRET (Azure Direct Line)');
    return [page, new WebChatTokenRoute(undefined, logger)];
  }
  const history = new ConversationHistory(systemClock, DIRECT_LINE_CHANNEL_ID);
  const connector = new ConnectorRoutes({
    basePath: DIRECT_LINE_CONNECTOR_PATH,
    sink: history,
    onError: (error) => logger.error({ err: error }, 'local connector could not store an activity'),
  });
  const tokens = new DirectLineTokens(systemClock);
  const directLine = new LocalDirectLine({
    history,
    tokens,
    runTurn: (activity) => adapter.processActivityDirect('', activity, (context) => bot.run(context)),
    serviceUrl: () => connector.serviceUrl(origin()),
    bot: { id: 'pathfinder', name: '', role: 'bot' },
    onTurnFailure: (error, conversationId) => logger.error({ err: error, conversationId }, 'web chat turn failed'),
  });
  return [page, connector, new DirectLineRoutes(directLine, tokens), new WebChatTokenRoute(directLine, logger)];
}

/**
 * WhatsApp: the signed webhook, the bridge, and the local connector routes its turns reply to. Its turns run
 * on an adapter without Bot Framework credentials — the bridge has authenticated the caller (Meta's
 * signature) — so they work whether or not the bot has an app id. That adapter is not reachable over HTTP.
 */
function createWhatsApp(
  settings: WhatsAppConfig,
  deps: {
    config: Config;
    graph: BotGraph;
    adapter: CloudAdapter;
    turnQueue: ConversationTurnQueue;
    clock: Clock;
    logger: Logger;
    wait?: (ms: number) => Promise<void>;
    origin: () => string;
  },
): { bridge: WhatsAppBridge; routes: RouteModule[]; close: () => void } {
  const { graph, logger } = deps;
  const bridgedAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  // The same turn queue as the main adapter (proactive messages may come through either), then the reply language.
  bridgedAdapter.use(deps.turnQueue);
  bridgedAdapter.use(new ReplyLanguage());
  bridgedAdapter.onTurnError = deps.adapter.onTurnError;

  const pseudonyms = new WhatsAppPseudonyms(settings.pseudonymKey);
  const store = new WhatsAppStore(path.join(deps.config.dataDir, 'whatsapp.sqlite'));
  const bridge: WhatsAppBridge = new WhatsAppBridge({
    store,
    graph: new GraphClient({
      baseUrl: settings.graphBaseUrl,
      phoneNumberId: settings.phoneNumberId,
      accessToken: settings.accessToken,
      wait: deps.wait,
    }),
    pseudonyms,
    localizer: graph.localizer,
    clock: deps.clock,
    logger,
    runTurn: (activity) =>
      bridgedAdapter.processActivityDirect('', activity as Activity, (context) => graph.bot.run(context)),
    serviceUrl: () => connector.serviceUrl(deps.origin()),
    phoneNumberId: settings.phoneNumberId,
    template: { name: settings.templateName, languages: settings.templateLanguages },
  });
  // A stable access key: conversation references stored for proactive messages survive restarts.
  const connector = new ConnectorRoutes({
    basePath: WHATSAPP_CONNECTOR_PATH,
    sink: bridge,
    accessKey: pseudonyms.connectorKey(),
    onError: (error) => logger.error({ err: error }, 'WhatsApp connector could not deliver an activity'),
  });
  const webhook = new WhatsAppWebhook({
    verifyToken: settings.verifyToken,
    appSecret: settings.appSecret,
    bridge,
    logger,
  });
  const routes: RouteModule[] = [webhook, connector];
  return { bridge, routes, close: () => store.close() };
}
