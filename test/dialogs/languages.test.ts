/**
 * Every interface language, end to end through the real bot graph: the welcome, the guided flow to a
 * plan, one free question and "change language" typed in the language. Replies must have no raw keys,
 * no unfilled placeholders, the language's own script, and English only where a note marks it.
 */
import { createI18n, translatorFor } from '../../bot/i18n';
import { loadConfig } from '../../bot/config';
import type { Translate } from '../../dialogs/localizer';
import { LANGUAGE_CODES, type LanguageCode } from '../../locales/languages';
import { isInLanguage, stopwordScores, stripForLanguage } from '../../scripts/evalLanguage';
import { Transcript, type Turn } from '../helpers/transcript';

const i18n = createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir);
const translator = (lang: LanguageCode): Translate => translatorFor(i18n, lang);

/** "Can asylum seekers work in Ireland?" as a user would type it. */
const QUESTIONS: Record<LanguageCode, string> = {
  en: 'Can asylum seekers work in Ireland?',
  fr: "Les demandeurs d'asile peuvent-ils travailler en Irlande ?",
  nl: 'Mogen asielzoekers werken in Ierland?',
  de: 'Dürfen Asylbewerber in Irland arbeiten?',
  it: 'I richiedenti asilo possono lavorare in Irlanda?',
  es: '¿Pueden trabajar los solicitantes de asilo en Irlanda?',
  hu: 'Dolgozhatnak a menedékkérők Írországban?',
  sk: 'Môžu žiadatelia o azyl pracovať v Írsku?',
  sl: 'Ali lahko prosilci za azil delajo na Irskem?',
  ar: 'هل يمكن لطالبي اللجوء العمل في أيرلندا؟',
  fa: 'آیا پناهجویان می‌توانند در ایرلند کار کنند؟',
  ps: 'ایا پناه غوښتونکي په آیرلنډ کې کار کولی شي؟',
  ti: 'ሓተቲ ዑቕባ ኣብ ኣየርላንድ ክሰርሑ ይኽእሉ ድዮም?',
  so: 'Magangalyo-doonku ma ka shaqeyn karaan Ireland?',
  uk: 'Чи можуть шукачі притулку працювати в Ірландії?',
  ru: 'Могут ли соискатели убежища работать в Ирландии?',
  tr: "Sığınmacılar İrlanda'da çalışabilir mi?",
};

const NAMESPACES = 'common|welcome|flow|plan|employer|compare|errors|language|answer|question|understanding';
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES}):[A-Za-z][\\w.]*`);

/** A line that reads as English: several English function words and more than the language's own. */
function looksEnglish(line: string, lang: LanguageCode): boolean {
  const scores = stopwordScores(stripForLanguage(line));
  const english = scores.en ?? 0;
  return english >= 3 && english >= 2 * (scores[lang] ?? 0);
}

/** Checks every activity of a turn; returns the turn for further checks. */
function expectClean(turn: Turn, lang: LanguageCode): Turn {
  const note = translator(lang)('common:englishOnly');
  for (const activity of turn.activities) {
    const text = activity.text ?? '';
    expect(text).not.toMatch(RAW_KEY);
    expect(text).not.toContain('{{');
    if (lang !== 'en' && !text.includes(note)) {
      const english = text.split('\n').filter((line) => looksEnglish(line, lang));
      expect(english).toEqual([]);
    }
  }
  for (const title of turn.titles) {
    expect(title).not.toMatch(RAW_KEY);
  }
  return turn;
}

describe.each(LANGUAGE_CODES.map((lang) => [lang]))('In %s', (lang) => {
  let chat: Transcript;
  const t = translator(lang);
  beforeEach(() => {
    chat = new Transcript({ locale: lang });
  });
  afterEach(() => chat.close());

  it('welcomes, walks the guided flow to a plan, and keeps to the language', async () => {
    const welcome = expectClean(await chat.join(), lang);
    expect(isInLanguage(welcome.text, lang)).toBe(true);
    expect(welcome.titles).toContain(t('welcome:menu.path'));

    expectClean(await chat.say('menu:path'), lang);
    const status = expectClean(await chat.say('country:IE'), lang);
    expect(status.choices).toContain('status:refugee');
    expectClean(await chat.say('status:refugee'), lang);
    expectClean(await chat.say('level:bachelor'), lang);
    expectClean(await chat.say('profession:nurse'), lang);
    expectClean(await chat.say('documents:all'), lang);
    const plan = expectClean(await chat.say('goal:job'), lang);
    expect(plan.text).toContain(t('plan:stepHeading', { number: 1, title: t('plan:headings.work') }));
    expect(plan.text).toMatch(/https?:\/\//);
  });

  it('answers a free question from the first message, in the language, with a source', async () => {
    // No channel locale (as on WhatsApp): the message's language decides.
    const fresh = new Transcript({ locale: '' });
    let answer: Turn;
    try {
      answer = expectClean(await fresh.say(QUESTIONS[lang]), lang);
    } finally {
      fresh.close();
    }
    expect(answer.text).toMatch(/https?:\/\//);
    expect(answer.text).toMatch(/\b6\b/);
    const note = t('common:englishOnly');
    const firstReply = answer.activities.map((activity) => activity.text ?? '').find((text) => /https?:/.test(text));
    expect(firstReply).toBeDefined();
    if (!firstReply?.includes(note)) {
      expect(isInLanguage(firstReply ?? '', lang)).toBe(true);
    }
  });

  it('understands typed answers: the country by its name in the language, options by their number', async () => {
    await chat.join();
    const country = await chat.say('menu:path');
    const ireland = country.titles[country.choices.indexOf('country:IE')] ?? '';
    const status = expectClean(await chat.say(ireland), lang);
    expect(status.choices).toContain('status:refugee');
    // Eastern Arabic digits in Arabic, Persian digits in Farsi and Pashto, ASCII digits elsewhere.
    const digits: Partial<Record<LanguageCode, string>> = { ar: '١', fa: '۱', ps: '۱' };
    const level = expectClean(await chat.say(digits[lang] ?? '1'), lang);
    expect(level.choices).toContain('level:bachelor');
  });

  it('opens the language picker when "change language" is typed in the language', async () => {
    await chat.join();
    const keyword = i18n.getResource(lang, 'common', 'keywords.language') as string[];
    const picker = expectClean(await chat.say(keyword[0] ?? ''), lang);
    expect(picker.choices).toEqual(LANGUAGE_CODES.map((code) => `lang:${code}`));
    const other: LanguageCode = lang === 'de' ? 'fr' : 'de';
    const changed = await chat.say(`lang:${other}`);
    expect(changed.text).toContain(translator(other)('language:changed'));
  });
});
