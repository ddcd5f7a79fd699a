/**
 * The web chat in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * opens the page of the real bot, sees the welcome, taps a suggested action, types a question and gets an
 * answer with a source link — in English, in Arabic (right to left), and after switching language in the
 * chat. Screenshots go to test-output/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { projectRoot, loadConfig } from '../../bot/config';
import { createI18n, translatorFor } from '../../bot/i18n';
import type { Translate } from '../../dialogs/localizer';
import { LANGUAGES, type LanguageCode } from '../../locales/languages';
import { allKnowledgeData, removeDataDir, type RunningBot, startBot } from '../helpers/botServer';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
const OUTPUT_DIR = path.join(projectRoot(), 'test-output');
/** A phone-sized window. */
const VIEWPORT = { width: 412, height: 915 };
/** Generous: the first answer warms up the knowledge search, and CI machines are slow. */
const WAIT_MS = 60_000;

jest.setTimeout(180_000);

let browser: Browser;
let bot: RunningBot;
const i18n = createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir);
const translator = (lang: LanguageCode): Translate => translatorFor(i18n, lang);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}, which is missing. Install it with "apt-get install chromium" ` +
        '(CI does); playwright cannot download browsers offline.',
    );
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  bot = await startBot();
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

/** A fresh browser tab with a browser language; page errors are collected to be checked at the end. */
async function openTab(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** A visible suggested-action button of Web Chat. */
function suggestedAction(page: Page, label: string): Locator {
  return page
    .locator('#webchat button.webchat__suggested-actions__button', { hasText: label })
    .filter({ visible: true })
    .first();
}

/** A visible bot message containing a text. */
function botMessage(page: Page, text: string): Locator {
  return page
    .locator('#webchat .webchat__bubble:not(.webchat__bubble--from-user)', { hasText: text })
    .filter({ visible: true })
    .first();
}

/** Types into Web Chat's send box and sends. */
async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('#webchat [data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits for a source link in a bot message after the user's question, and returns its address. */
async function sourceLinkAfter(page: Page, question: string): Promise<string> {
  const userMessage = page.locator('#webchat .webchat__bubble--from-user', { hasText: question }).first();
  await userMessage.waitFor({ timeout: WAIT_MS });
  const link = page
    .locator('#webchat .webchat__basic-transcript__activity', {
      has: page.locator('.webchat__bubble:not(.webchat__bubble--from-user) a[href^="http"]'),
    })
    .filter({ visible: true })
    .last()
    .locator('a[href^="http"]')
    .first();
  await link.waitFor({ timeout: WAIT_MS });
  await link.scrollIntoViewIfNeeded();
  // The user's message was acknowledged by the server (no "send failed, retry").
  const userActivity = page.locator('#webchat .webchat__basic-transcript__activity', { has: userMessage });
  expect(await userActivity.locator('.webchat__stacked-layout__status button').count()).toBe(0);
  return (await link.getAttribute('href')) ?? '';
}

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string; title: string }> {
  const html = page.locator('html');
  return {
    lang: (await html.getAttribute('lang')) ?? '',
    dir: (await html.getAttribute('dir')) ?? '',
    title: await page.title(),
  };
}

/** Every knowledge address, to check that a link shown comes from the knowledge base, intact. */
const knowledge = allKnowledgeData();

describe('web chat in a real browser', () => {
  it('in English: welcome, "Ask a question", a typed question, and an answer with a source link', async () => {
    const t = translator('en');
    const { page, errors } = await openTab('en-US');
    await page.goto(`${bot.baseUrl}/`);

    await botMessage(page, t('welcome:menuPrompt')).waitFor({ timeout: WAIT_MS });
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr', title: t('webchat:title') });

    await suggestedAction(page, t('welcome:menu.question')).click();
    await botMessage(page, t('question:prompt')).waitFor({ timeout: WAIT_MS });
    const question = 'Can asylum seekers work in Ireland?';
    await send(page, question);

    const href = await sourceLinkAfter(page, question);
    expect(href).toMatch(/^https?:\/\/[^\s\u2066-\u2069]+$/);
    expect(knowledge).toContain(href);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'webchat-en.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('in Arabic (?lang=ar): the page and Web Chat run right to left, and the answer has an intact source link', async () => {
    const t = translator('ar');
    const { page, errors } = await openTab('ar');
    await page.goto(`${bot.baseUrl}/?lang=ar`);

    await botMessage(page, t('welcome:menuPrompt')).waitFor({ timeout: WAIT_MS });
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', title: t('webchat:title') });
    expect(await page.locator('#webchat [dir="rtl"]').count()).toBeGreaterThan(0);

    await suggestedAction(page, t('welcome:menu.question')).click();
    await botMessage(page, t('question:prompt')).waitFor({ timeout: WAIT_MS });
    // "When can an asylum seeker work in Ireland?"
    const question = 'متى يستطيع طالب اللجوء العمل في أيرلندا؟';
    await send(page, question);

    const href = await sourceLinkAfter(page, question);
    // Right-to-left replies isolate addresses with invisible marks; the link must stop before them.
    expect(href).not.toMatch(/%E2%81%A[6-9]|[\u2066-\u2069]/i);
    expect(knowledge).toContain(href);
    expect((await documentLanguage(page)).dir).toBe('rtl');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'webchat-ar.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('starts in the browser language (navigator.language) when there is no ?lang=', async () => {
    const t = translator('fr');
    const { page, errors } = await openTab('fr-FR');
    await page.goto(`${bot.baseUrl}/`);

    await botMessage(page, t('welcome:menuPrompt')).waitFor({ timeout: WAIT_MS });
    expect(await documentLanguage(page)).toEqual({ lang: 'fr', dir: 'ltr', title: t('webchat:title') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the user switches to Arabic in the chat, the page follows: Arabic, right to left', async () => {
    const en = translator('en');
    const ar = translator('ar');
    const { page, errors } = await openTab('en-US');
    await page.goto(`${bot.baseUrl}/`);

    await suggestedAction(page, en('welcome:menu.language')).click();
    await suggestedAction(page, LANGUAGES.ar.nativeName).click();
    await botMessage(page, ar('language:changed')).waitFor({ timeout: WAIT_MS });
    await page.waitForFunction("document.documentElement.dir === 'rtl'", undefined, { timeout: WAIT_MS });

    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', title: ar('webchat:title') });
    expect(await page.locator('#page-heading').textContent()).toBe(ar('webchat:heading'));
    expect(await page.locator('#webchat [dir="rtl"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'webchat-switch-ar.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
