/**
 * Entry point: read the configuration, build the app, listen. `npm start` runs the compiled form.
 */
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.anonymous) {
    logger.warn('No MicrosoftAppId configured: the bot accepts unauthenticated requests (local use only).');
  }
  const app = createApp(config, { logger });
  const port = await app.listen();
  logger.info({ host: config.host, port, version: config.version }, 'Pathfinder is listening');
  const shutdown = (): void => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
