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

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

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
  /** Azure Bot resource's Direct Line secret: the web chat page then gets its tokens from Azure (production). */
  DIRECTLINE_SECRET: optionalString,
  /** Azure Direct Line base URL (a regional one in the EU, e.g. https://europe.directline.botframework.com/v3/directline). */
  DIRECTLINE_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://directline.botframework.com/v3/directline'),
  /** The bot's public host name without scheme (pathfinder.example.org); the Teams app package needs it. */
  PUBLIC_HOST_NAME: optionalString.refine((value) => value === undefined || HOST_NAME.test(value), {
    message: 'must be a host name without scheme, port or path, e.g. pathfinder.example.org',
  }),
  /** WhatsApp: the token typed into the Meta app's webhook settings. The four WHATSAPP_ values below enable the channel. */
  WHATSAPP_VERIFY_TOKEN: optionalString,
  /** WhatsApp: the Meta app secret; every webhook POST is signed with it. */
  WHATSAPP_APP_SECRET: optionalString,
  /** WhatsApp: a (system user) access token allowed to send messages for the phone number. */
  WHATSAPP_ACCESS_TOKEN: optionalString,
  /** WhatsApp: the id of the business phone number (not the number itself). */
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  /** WhatsApp: Graph API base URL with its version (tests point it at a local fake). */
  WHATSAPP_GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v26.0'),
  /** WhatsApp: the approved template sent when a reply is ready outside the 24-hour window. */
  WHATSAPP_TEMPLATE_NAME: z.string().trim().min(1).default('pathfinder_new_reply'),
  /** WhatsApp: comma-separated language codes the template is approved in; the first is used for other languages. */
  WHATSAPP_TEMPLATE_LANGUAGES: z.string().trim().min(1).default('en'),
  /** WhatsApp: key of the pseudonymous user ids (HMAC of the phone number); defaults to the app secret. */
  WHATSAPP_PSEUDONYM_KEY: optionalString,
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
  /** Web chat: with a secret, tokens come from Azure Direct Line; without, the bot's local endpoint serves the page. */
  directLine: { secret?: string; endpoint: string };
  /** The public host name (Teams app package: valid domain and developer pages); undefined when not set. */
  publicHostName?: string;
  /** The WhatsApp channel; undefined (and /api/whatsapp answers 404) when it is not configured. */
  whatsapp?: WhatsAppConfig;
}

export interface WhatsAppConfig {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  graphBaseUrl: string;
  templateName: string;
  templateLanguages: string[];
  pseudonymKey: string;
}

export class ConfigError extends Error {}

/** The WhatsApp settings: all four required ones, or none (the channel is then off). */
function whatsAppConfig(value: z.infer<typeof EnvSchema>): WhatsAppConfig | undefined {
  const required = {
    WHATSAPP_VERIFY_TOKEN: value.WHATSAPP_VERIFY_TOKEN,
    WHATSAPP_APP_SECRET: value.WHATSAPP_APP_SECRET,
    WHATSAPP_ACCESS_TOKEN: value.WHATSAPP_ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: value.WHATSAPP_PHONE_NUMBER_ID,
  };
  const missing = Object.entries(required)
    .filter(([, setting]) => setting === undefined)
    .map(([name]) => name);
  if (missing.length === Object.keys(required).length) {
    return undefined;
  }
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration: the WhatsApp channel also needs ${missing.join(', ')}`);
  }
  return {
    verifyToken: required.WHATSAPP_VERIFY_TOKEN ?? '',
    appSecret: required.WHATSAPP_APP_SECRET ?? '',
    accessToken: required.WHATSAPP_ACCESS_TOKEN ?? '',
    phoneNumberId: required.WHATSAPP_PHONE_NUMBER_ID ?? '',
    graphBaseUrl: value.WHATSAPP_GRAPH_BASE_URL,
    templateName: value.WHATSAPP_TEMPLATE_NAME,
    templateLanguages: value.WHATSAPP_TEMPLATE_LANGUAGES.split(',')
      .map((code) => code.trim())
      .filter((code) => code.length > 0),
    pseudonymKey: value.WHATSAPP_PSEUDONYM_KEY ?? required.WHATSAPP_APP_SECRET ?? '',
  };
}

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
    directLine: { secret: value.DIRECTLINE_SECRET, endpoint: value.DIRECTLINE_ENDPOINT.replace(/\/+$/, '') },
    publicHostName: value.PUBLIC_HOST_NAME,
    whatsapp: whatsAppConfig(value),
  };
}
