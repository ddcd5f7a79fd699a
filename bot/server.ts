/**
 * The HTTP edge: restify with the Bot Framework endpoint and a health check. Bodies are size-limited
 * and checked before the adapter sees them.
 */
import restify, { type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { PathfinderBot } from './pathfinderBot';
import { activityProblem, MAX_BODY_BYTES } from './inputGuard';
import type { Logger } from './logger';

/** A channel's HTTP routes (web chat page, Direct Line, connector routes, …), added after the body parser. */
export interface RouteModule {
  register(server: Server): void;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: PathfinderBot;
  logger: Logger;
  health: () => Record<string, unknown>;
  /** Channel routes, registered in order. */
  routes?: RouteModule[];
}

/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 65_000;
const HEADERS_MARGIN_MS = 1_000;

/** Creates the restify server with all routes (not yet listening). */
export function createServer({ adapter, bot, logger, health, routes = [] }: ServerDeps): Server {
  const server = restify.createServer({ name: 'pathfinder', handleUncaughtExceptions: false });
  // Clients and proxies keep connections open for a while; Node's 5-second default closes them under a client
  // that is about to reuse them ("fetch failed"). Keep them longer than the usual 60 s of load balancers.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.server.headersTimeout = KEEP_ALIVE_MS + HEADERS_MARGIN_MS;
  // Errors restify raises itself (malformed JSON 400, body too large 413) get the same JSON shape as ours.
  server.on(
    'restifyError',
    (_req: unknown, _res: unknown, err: { message: string; toJSON?: () => unknown }, callback: () => void) => {
      err.toJSON = () => ({ error: err.message });
      callback();
    },
  );
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...health() });
    next();
  });

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      logger.error({ err: error }, 'adapter failed to process a request');
      if (!res.headersSent) {
        res.send(500, { error: 'internal error' });
      }
    }
  });

  for (const routeModule of routes) {
    routeModule.register(server);
  }

  return server;
}
