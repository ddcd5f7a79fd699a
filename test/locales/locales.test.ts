import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkLocales } from '../../locales/checkLocales';
import { LANGUAGES, resolveLanguageTag } from '../../locales/languages';
import { createI18n, translatorFor } from '../../bot/i18n';

const LOCALES_DIR = path.resolve(__dirname, '..', '..', 'locales');

describe('the language registry', () => {
  it('marks Arabic, Farsi and Pashto right-to-left and only them', () => {
    const rtl = Object.values(LANGUAGES)
      .filter((info) => info.rtl)
      .map((info) => info.code)
      .sort();
    expect(rtl).toEqual(['ar', 'fa', 'ps']);
  });

  it('maps channel locales and aliases to supported languages', () => {
    expect(resolveLanguageTag('fr-BE')).toBe('fr');
    expect(resolveLanguageTag('en_US')).toBe('en');
    expect(resolveLanguageTag('prs')).toBe('fa');
    expect(resolveLanguageTag('fa-AF')).toBe('fa');
    expect(resolveLanguageTag('zh-CN')).toBeUndefined();
    expect(resolveLanguageTag(undefined)).toBeUndefined();
  });
});

describe('the translations', () => {
  it('pass the locale check (keys, placeholders, plural forms)', () => {
    expect(checkLocales(LOCALES_DIR).errors).toEqual([]);
  });

  it('English and French are complete', () => {
    const report = checkLocales(LOCALES_DIR);
    // Every interface language is complete.
    expect(report.missing).toEqual({});
  });

  it('translate per language without switching a shared language', () => {
    const i18n = createI18n(LOCALES_DIR);
    const en = translatorFor(i18n, 'en');
    const fr = translatorFor(i18n, 'fr');
    expect(fr('welcome:menu.path')).toBe('Trouver mon parcours');
    expect(en('welcome:menu.path')).toBe('Find my path');
    expect(i18n.language).toBe('en');
    expect(translatorFor(i18n, 'ar')('welcome:menu.path')).not.toBe('Find my path');
    // CLDR plural forms: Ukrainian says 1 місяць, 3 місяці, 5 місяців.
    const uk = translatorFor(i18n, 'uk');
    expect(new Set([1, 3, 5].map((count) => uk('plan:units.months', { count }))).size).toBe(3);
    expect(en('plan:units.months', { count: 1 })).toBe('month');
    expect(en('plan:units.months', { count: 4 })).toBe('months');
  });
});

describe('the locale check catches mistakes', () => {
  let dir: string;
  const write = (lng: string, ns: string, data: unknown): void => {
    mkdirSync(path.join(dir, lng), { recursive: true });
    writeFileSync(path.join(dir, lng, `${ns}.json`), JSON.stringify(data));
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'locales-'));
    write('en', 'common', {
      meta: { reviewed: true },
      hello: 'Hello {{name}}',
      items_one: 'item',
      items_other: 'items',
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing key in a language marked complete', () => {
    write('fr', 'common', { meta: { reviewed: false }, items_one: 'x', items_many: 'x', items_other: 'x' });
    expect(checkLocales(dir).errors.join('\n')).toMatch(/fr: 1 key\(s\) missing/);
  });

  it('reports a wrong placeholder', () => {
    write('fr', 'common', {
      meta: { reviewed: false },
      hello: 'Bonjour {{nom}}',
      items_one: 'x',
      items_many: 'x',
      items_other: 'x',
    });
    expect(checkLocales(dir).errors.join('\n')).toMatch(/fr: common\.hello: placeholders/);
  });

  it('reports a missing CLDR plural form', () => {
    write('uk', 'common', { meta: { reviewed: false }, hello: 'Привіт {{name}}', items_one: 'x', items_other: 'x' });
    expect(checkLocales(dir).errors.join('\n')).toMatch(/uk: common\.items: plural form "few" is missing/);
  });

  it('reports a key English does not have', () => {
    write('fr', 'common', {
      meta: { reviewed: false },
      hello: 'Bonjour {{name}}',
      helo: 'typo',
      items_one: 'x',
      items_many: 'x',
      items_other: 'x',
    });
    expect(checkLocales(dir).errors.join('\n')).toMatch(/fr: common\.helo: not in English/);
  });
});
