import { EVAL_LANGUAGES, isInLanguage, stopwordScores, stripForLanguage } from '../../scripts/evalLanguage';

/** One short reply per language, written the way the bot answers. */
const SAMPLES: Record<string, string> = {
  en: 'You can work after four months if the decision is not made yet.',
  fr: "Vous pouvez travailler après quatre mois si la décision n'est pas encore prise.",
  nl: 'Je mag werken na zes maanden als er nog geen beslissing is.',
  it: 'Puoi lavorare dopo sessanta giorni se la commissione non ha ancora deciso sulla tua domanda.',
  es: 'Puedes trabajar después de seis meses si la solicitud sigue en trámite.',
  hu: 'A menedékkérők a kérelem benyújtása után kilenc hónappal dolgozhatnak, ha még nincs döntés.',
  sk: 'Žiadatelia o azyl môžu pracovať po deviatich mesiacoch, ak o žiadosti ešte nie je rozhodnuté.',
  sl: 'Prosilci za mednarodno zaščito lahko delajo po treh mesecih, če o prošnji še ni odločeno.',
  de: 'Sie dürfen nach drei Monaten arbeiten, wenn die Entscheidung noch nicht da ist.',
  tr: 'Sığınma başvurusundan sonra altı ay içinde çalışma izni için başvurabilirsiniz ve bu ücretsizdir.',
  so: "Waxaad shaqo heli kartaa lix bilood kadib haddii go'aan aan lagu gaarin codsigaaga.",
  ar: 'يمكن لطالب اللجوء العمل بعد أربعة أشهر من تقديم الطلب إذا لم يصدر قرار بعد.',
  fa: 'پناهجویان پس از چهار ماه می‌توانند کار کنند اگر هنوز تصمیمی گرفته نشده باشد.',
  ps: 'پناه غوښتونکي کولی شي له څلورو میاشتو وروسته کار وکړي.',
  uk: 'Шукачі притулку можуть працювати через шістдесят днів після подання заяви.',
  ru: 'Вы можете работать через шестьдесят дней после подачи заявления.',
  ti: 'ሓተትቲ ዑቕባ ድሕሪ ኣርባዕተ ኣዋርሕ ክሰርሑ ይኽእሉ እዮም።',
};

describe('isInLanguage', () => {
  it.each(Object.entries(SAMPLES))('recognises a reply in %s', (lang, text) => {
    expect(isInLanguage(text, lang)).toBe(true);
  });

  it('knows every language of the sample set, and only those', () => {
    expect([...EVAL_LANGUAGES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('rejects an English reply for every other language', () => {
    for (const lang of EVAL_LANGUAGES.filter((code) => code !== 'en')) {
      expect([lang, isInLanguage(SAMPLES.en as string, lang)]).toEqual([lang, false]);
    }
  });

  it('tells apart Latin-script languages by their common words', () => {
    expect(isInLanguage(SAMPLES.fr as string, 'en')).toBe(false);
    expect(isInLanguage(SAMPLES.es as string, 'it')).toBe(false);
    expect(isInLanguage(SAMPLES.sk as string, 'sl')).toBe(false);
    expect(isInLanguage(SAMPLES.sl as string, 'sk')).toBe(false);
    expect(isInLanguage(SAMPLES.nl as string, 'de')).toBe(false);
  });

  it('tells Arabic, Farsi and Pashto apart', () => {
    expect(isInLanguage(SAMPLES.ar as string, 'fa')).toBe(false);
    expect(isInLanguage(SAMPLES.ar as string, 'ps')).toBe(false);
    expect(isInLanguage(SAMPLES.fa as string, 'ar')).toBe(false);
    expect(isInLanguage(SAMPLES.fa as string, 'ps')).toBe(false);
    expect(isInLanguage(SAMPLES.ps as string, 'ar')).toBe(false);
    expect(isInLanguage(SAMPLES.ps as string, 'fa')).toBe(false);
  });

  it('tells Ukrainian and Russian apart', () => {
    expect(isInLanguage(SAMPLES.uk as string, 'ru')).toBe(false);
    expect(isInLanguage(SAMPLES.ru as string, 'uk')).toBe(false);
  });

  it('ignores links, numbers and quoted or bracketed names and sources', () => {
    const arabic =
      'يمكنك طلب بيان المقارنة من الجهة المختصة في بريطانيا (UK ENIC — Statement of Comparability, run by Ecctis). ' +
      'المصدر: "UK ENIC: Statement of Comparability for refugees and asylum seekers" https://www.enic.org.uk/Qualifications/SOC/Default.aspx 2026';
    expect(isInLanguage(arabic, 'ar')).toBe(true);
    const english =
      'You can ask for an equivalence. Source: FWB, "Réfugiés et bénéficiaires de la protection subsidiaire ou temporaire" ' +
      'http://www.equivalences.cfwb.be/index.php?id=2795 (Direction de l’équivalence, la Fédération)';
    expect(isInLanguage(english, 'en')).toBe(true);
    expect(isInLanguage(english, 'fr')).toBe(false);
  });

  it('judges a reply that is mostly in another script as not in the language', () => {
    const mostlyEnglish = `${SAMPLES.en} ${SAMPLES.en} ${SAMPLES.en} شكرا`;
    expect(isInLanguage(mostlyEnglish, 'ar')).toBe(false);
    expect(isInLanguage(`${SAMPLES.en} ${SAMPLES.ar} ${SAMPLES.ar}`, 'ar')).toBe(true);
  });

  it('says no for an empty reply or one of only links and numbers, and undefined for an unknown language', () => {
    expect(isInLanguage('', 'en')).toBe(false);
    expect(isInLanguage('https://example.org/a 12 345', 'en')).toBe(false);
    expect(isInLanguage(SAMPLES.en as string, 'pt')).toBeUndefined();
    expect(isInLanguage(SAMPLES.en as string, 'en-GB')).toBe(true);
  });
});

describe('stripForLanguage', () => {
  it('removes URLs, numbers, quotes and nested brackets', () => {
    const stripped = stripForLanguage('Wait 9 months (see [art. 4] "the law") «loi» https://x.org/y?z=1 now 1.500,00');
    expect(stripped.replace(/\s+/gu, ' ').trim()).toBe('Wait months now');
  });
});

describe('stopwordScores', () => {
  it('counts the common words of each language', () => {
    const scores = stopwordScores('the law and the rules');
    expect(scores.en).toBe(3);
    expect(scores.fr).toBe(0);
  });
});
