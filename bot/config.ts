/**
 * The only reader of the environment. Every setting is declared here with its variable name, type,
 * default and a doc line, and validated once at start-up (fail fast, naming the variable).
 * Tests build a Config with `loadConfig({...})` instead of touching process.env.
 */
import path from 'node:path';
import { z } from 'zod';

/** This file lives in bot/ (sources, run by tsx/ts-jest) or in dist/bot/ (compiled). */
const PROJECT_ROOT = __dirname.split(path.sep).includes('dist')
  ? path.resolve(__dirname, '..', '..')
  : path.resolve(__dirname, '..');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim().length > 0 ? value.trim() : undefined));

const EnvSchema = z.object({
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Interface to bind; loopback by default, because without app credentials the bot is anonymous. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder for the bot's state (SQLite), relative to the working directory. Created when missing. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** The compiled knowledge base (built by `npm run kb:build`), relative to the project folder. */
  KNOWLEDGE_DB: z.string().min(1).default('knowledge/build/knowledge.sqlite'),
  /** Bot Framework app registration; empty = anonymous local mode. */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  /** MultiTenant, SingleTenant or UserAssignedMSI. */
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', ''])
    .optional()
    .transform((value) => (value ? value : undefined)),
  MicrosoftAppTenantId: optionalString,
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the state folder. */
  dataDir: string;
  /** Absolute path of the compiled knowledge base. */
  knowledgeDb: string;
  /** Absolute path of the locales folder. */
  localesDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  botAuth: {
    MicrosoftAppId?: string;
    MicrosoftAppPassword?: string;
    MicrosoftAppType?: string;
    MicrosoftAppTenantId?: string;
  };
  /** True when no app id is configured: requests are not authenticated (local use and tests only). */
  anonymous: boolean;
  version: string;
}

export class ConfigError extends Error {}

/** The project folder, whether running from TypeScript sources or from dist/. */
export function projectRoot(): string {
  return PROJECT_ROOT;
}

/** The process environment with some settings replaced (tools such as the terminal chat pick their own port). */
export function environmentWith(overrides: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}

/** Validates an environment-like record and returns the typed configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${messages.join('; ')}`);
  }
  const value = parsed.data;
  if (value.MicrosoftAppId && !value.MicrosoftAppPassword && value.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration: MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (value.MicrosoftAppType === 'SingleTenant' && !value.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid configuration: MicrosoftAppTenantId is required for a SingleTenant app');
  }
  const root = projectRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(root, 'package.json')) as { version: string };
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    knowledgeDb: path.resolve(root, value.KNOWLEDGE_DB),
    localesDir: path.join(root, 'locales'),
    logLevel: value.LOG_LEVEL,
    botAuth: {
      MicrosoftAppId: value.MicrosoftAppId,
      MicrosoftAppPassword: value.MicrosoftAppPassword,
      MicrosoftAppType: value.MicrosoftAppType,
      MicrosoftAppTenantId: value.MicrosoftAppTenantId,
    },
    anonymous: !value.MicrosoftAppId,
    version: pkg.version,
  };
}
