/**
 * The web chat page: `GET /` renders public/index.html in the visitor's language (`?lang=`, else the
 * browser's Accept-Language, else English) with its strings from locales/<lng>/webchat.json, and the
 * official Web Chat bundle is served from node_modules (no CDN). The page script (public/page.js) asks
 * `POST /api/directline/token` for a Direct Line token and follows the language of the bot's replies
 * through `GET /webchat/strings?lang=`.
 *
 *   GET /                        the page
 *   GET /webchat/webchat.js      botframework-webchat's dist/webchat.js (gzip when accepted)
 *   GET /webchat/page.js|.css    the page's own script and style
 *   GET /webchat/strings?lang=   {lang, dir, strings} of one language (for switching)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Localizer } from '../../../dialogs/localizer';
import { DEFAULT_LANGUAGE, LANGUAGES, type LanguageCode, resolveLanguageTag } from '../../../locales/languages';

/** The page strings, each `webchat:<key>` in locales/. */
export const PAGE_STRING_KEYS = [
  'title',
  'heading',
  'tagline',
  'noscript',
  'loading',
  'unavailable',
  'chatLabel',
] as const;
export type PageStrings = Record<(typeof PAGE_STRING_KEYS)[number], string>;

export const WEBCHAT_BUNDLE_ROUTE = '/webchat/webchat.js';
/** The bundle changes only with the installed package version. */
const BUNDLE_MAX_AGE_SECONDS = 24 * 60 * 60;

/** The page's own files, by route, with their content type. Nothing else is served from the folder. */
const PUBLIC_FILES: Record<string, { file: string; type: string }> = {
  '/webchat/page.js': { file: 'page.js', type: 'application/javascript; charset=utf-8' },
  '/webchat/page.css': { file: 'page.css', type: 'text/css; charset=utf-8' },
};

export interface LanguageStrings {
  lang: LanguageCode;
  dir: 'ltr' | 'rtl';
  strings: PageStrings;
}

export interface WebChatPageOptions {
  /** The folder with index.html, page.js and page.css. */
  publicDir: string;
  /** Absolute path of botframework-webchat's dist/webchat.js (see webChatBundlePath). */
  bundlePath: string;
  localizer: Localizer;
  /** Extra origins the page may connect to (the Azure Direct Line endpoint in production). */
  connectSources?: string[];
}

/**
 * Where botframework-webchat's UMD bundle is. Its package `exports` block `require.resolve` of
 * dist/webchat.js (and of package.json), so the path is built from the folder of its entry point.
 */
export function webChatBundlePath(): string {
  const entry = require.resolve('botframework-webchat');
  let folder = path.dirname(entry);
  while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
  }
  const bundle = path.join(folder, 'dist', 'webchat.js');
  if (!existsSync(bundle)) {
    throw new Error(`botframework-webchat bundle not found at ${bundle}`);
  }
  return bundle;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
/** JSON that can sit inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export class WebChatPage {
  private readonly template: string;
  private readonly files = new Map<string, Buffer>();
  private bundle?: { plain: Buffer; gzip: Buffer };

  constructor(private readonly options: WebChatPageOptions) {
    this.template = readFileSync(path.join(options.publicDir, 'index.html'), 'utf8');
    for (const [route, { file }] of Object.entries(PUBLIC_FILES)) {
      this.files.set(route, readFileSync(path.join(options.publicDir, file)));
    }
    if (!existsSync(options.bundlePath)) {
      throw new Error(`botframework-webchat bundle not found at ${options.bundlePath}`);
    }
  }

  /** Adds the page routes to a restify server. */
  register(server: Server): void {
    server.get('/', async (req: Request, res: Response) => this.page(req, res));
    server.get(WEBCHAT_BUNDLE_ROUTE, async (req: Request, res: Response) => this.sendBundle(req, res));
    for (const route of Object.keys(PUBLIC_FILES)) {
      server.get(route, async (_req: Request, res: Response) => this.sendFile(route, res));
    }
    server.get('/webchat/strings', async (req: Request, res: Response) => {
      res.header('Cache-Control', 'no-cache');
      res.send(200, this.languageStrings(this.languageOf(req, false)));
    });
  }

  /** The strings and direction of one language. */
  languageStrings(lang: LanguageCode): LanguageStrings {
    const { t } = this.options.localizer.forLanguage(lang);
    const strings = Object.fromEntries(PAGE_STRING_KEYS.map((key) => [key, t(`webchat:${key}`)])) as PageStrings;
    return { lang, dir: LANGUAGES[lang].rtl ? 'rtl' : 'ltr', strings };
  }

  /** The page in the visitor's language. */
  render(lang: LanguageCode): string {
    const { dir, strings } = this.languageStrings(lang);
    const values: Record<string, string> = { ...strings, lang, dir };
    // The page script starts from these; a function replacer keeps `$` in translations literal.
    const config = scriptJson({ lang, dir, strings });
    return this.template
      .replace('{{config}}', () => config)
      .replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => {
        const value = values[key];
        return value === undefined ? placeholder : escapeHtml(value);
      });
  }

  private page(req: Request, res: Response): void {
    const body = this.render(this.languageOf(req, true));
    const connect = ["'self'", ...(this.options.connectSources ?? [])].join(' ');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Language': this.languageOf(req, true),
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self'",
        // Web Chat injects its styles at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        `connect-src ${connect}`,
        "object-src 'none'",
        "base-uri 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  }

  private sendBundle(req: Request, res: Response): void {
    if (!this.bundle) {
      const plain = readFileSync(this.options.bundlePath);
      this.bundle = { plain, gzip: gzipSync(plain) };
    }
    const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    res.writeHead(200, {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': `public, max-age=${BUNDLE_MAX_AGE_SECONDS}`,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(gzip ? this.bundle.gzip : this.bundle.plain);
  }

  private sendFile(route: string, res: Response): void {
    res.writeHead(200, {
      'Content-Type': PUBLIC_FILES[route]?.type ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(this.files.get(route));
  }

  /** `?lang=`, else (for the page) the first supported language of Accept-Language, else English. */
  private languageOf(req: Request, useAcceptLanguage: boolean): LanguageCode {
    const query = new URLSearchParams(req.getQuery()).get('lang');
    const fromQuery = resolveLanguageTag(query);
    if (fromQuery) {
      return fromQuery;
    }
    if (useAcceptLanguage) {
      for (const part of (req.header('accept-language') ?? '').split(',')) {
        const lang = resolveLanguageTag(part.split(';')[0]?.trim());
        if (lang) {
          return lang;
        }
      }
    }
    return DEFAULT_LANGUAGE;
  }
}
