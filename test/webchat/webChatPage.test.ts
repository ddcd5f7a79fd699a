/**
 * The web chat page over HTTP: served in the visitor's language and direction with strings from
 * locales/, the Web Chat bundle from node_modules, and nothing else from the folder.
 */
import { readFileSync } from 'node:fs';
import { PAGE_STRING_KEYS, webChatBundlePath } from '../../bot/channels/webchat/webChatPage';
import { createI18n, translatorFor } from '../../bot/i18n';
import { loadConfig } from '../../bot/config';
import { LANGUAGE_CODES } from '../../locales/languages';
import { removeDataDir, type RunningBot, startBot } from '../helpers/botServer';

let bot: RunningBot;
const i18n = createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir);

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

async function getPage(query = '', headers: Record<string, string> = {}): Promise<{ status: number; html: string }> {
  const response = await fetch(`${bot.baseUrl}/${query}`, { headers });
  return { status: response.status, html: await response.text() };
}

describe('GET /', () => {
  it('serves an accessible page in English by default, with the Web Chat bundle and no CDN', async () => {
    const response = await fetch(`${bot.baseUrl}/`, { headers: { 'accept-language': 'zz' } });
    const html = await response.text();
    const t = translatorFor(i18n, 'en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain(`<title>${t('webchat:title')}</title>`);
    expect(html).toMatch(/<header[\s>]/);
    expect(html).toMatch(/<main[\s>]/);
    expect(html).toContain(`<noscript><p class="page-notice">${t('webchat:noscript')}</p></noscript>`);
    expect(html).toContain('<script src="/webchat/webchat.js"></script>');
    expect(html).not.toMatch(/src="https?:/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it("follows the browser's Accept-Language", async () => {
    const { html } = await getPage('', { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.8' });
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain(`<title>${translatorFor(i18n, 'fr')('webchat:title')}</title>`);
  });

  it('follows ?lang= over the browser, right-to-left for Arabic, Farsi and Pashto', async () => {
    for (const lang of ['ar', 'fa', 'ps']) {
      const { html } = await getPage(`?lang=${lang}`, { 'accept-language': 'en' });
      expect(html).toContain(`<html lang="${lang}" dir="rtl">`);
    }
    expect((await getPage('?lang=prs')).html).toContain('<html lang="fa" dir="rtl">');
  });

  it('has every page string in every language (translated or English), never a raw key or placeholder', async () => {
    for (const lang of LANGUAGE_CODES) {
      const { html } = await getPage(`?lang=${lang}`);
      expect(html).not.toContain('webchat:');
      expect(html).not.toContain('{{');
    }
  });
});

describe('GET /webchat/strings', () => {
  it("answers a language's page strings and direction, mapping a browser tag to a supported language", async () => {
    const response = await fetch(`${bot.baseUrl}/webchat/strings?lang=ar-EG`);
    const body = (await response.json()) as { lang: string; dir: string; strings: Record<string, string> };
    expect(body.lang).toBe('ar');
    expect(body.dir).toBe('rtl');
    expect(Object.keys(body.strings).sort()).toEqual([...PAGE_STRING_KEYS].sort());
    expect(body.strings.title).toBe(translatorFor(i18n, 'ar')('webchat:title'));
  });

  it('answers English for a language it does not support', async () => {
    const body = (await (await fetch(`${bot.baseUrl}/webchat/strings?lang=zh-CN`)).json()) as { lang: string };
    expect(body.lang).toBe('en');
  });
});

describe('static files', () => {
  it("serves botframework-webchat's dist/webchat.js from node_modules", async () => {
    const response = await fetch(`${bot.baseUrl}/webchat/webchat.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await response.text()).toBe(readFileSync(webChatBundlePath(), 'utf8'));
  });

  it("serves the page's script and style", async () => {
    for (const [file, type] of [
      ['page.js', /^application\/javascript/],
      ['page.css', /^text\/css/],
    ] as const) {
      const response = await fetch(`${bot.baseUrl}/webchat/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
    }
  });

  it('serves nothing else from the folder or beside it', async () => {
    for (const route of ['/webchat/index.html', '/webchat/../package.json', '/webchat/%2e%2e/webChatPage.ts']) {
      const response = await fetch(`${bot.baseUrl}${route}`);
      expect(response.status).toBe(404);
    }
  });
});
