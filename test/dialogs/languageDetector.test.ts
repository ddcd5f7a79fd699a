import { createI18n, frequentWords } from '../../bot/i18n';
import { loadConfig } from '../../bot/config';
import { LanguageDetector } from '../../dialogs/understanding/languageDetector';
import type { LanguageCode } from '../../locales/languages';

const detector = new LanguageDetector(frequentWords(createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir)));

/** Questions people really send, one short and one long per language. */
const MESSAGES: [LanguageCode, string][] = [
  ['en', 'Can I work while my asylum claim is pending?'],
  ['en', 'I have a nursing degree from Syria and I want to know how to get it recognised in Ireland, please help me'],
  ['fr', 'Est-ce que je peux travailler en Belgique ?'],
  ['fr', "Je suis réfugié en Belgique et je voudrais faire reconnaître mon diplôme d'infirmière, comment faire ?"],
  ['nl', 'Mag ik werken als asielzoeker?'],
  ['nl', 'Ik ben statushouder in Utrecht en ik wil graag weten hoe ik mijn diploma kan laten waarderen'],
  ['de', 'Darf ich in Irland arbeiten?'],
  ['de', 'Ich bin Krankenpfleger aus Syrien und möchte wissen, wie ich meinen Abschluss anerkennen lassen kann'],
  ['it', 'Posso lavorare in Italia?'],
  ['it', 'Sono un richiedente asilo a Milano e vorrei sapere quando posso cominciare a lavorare'],
  ['es', '¿Puedo trabajar en España?'],
  ['es', 'Soy solicitante de asilo en Madrid y quiero saber cuándo puedo empezar a trabajar legalmente'],
  ['hu', 'Dolgozhatok most Magyarországon?'],
  ['hu', 'Menekült vagyok Budapesten, és szeretném tudni, hogyan ismertethetem el a diplomámat'],
  ['sk', 'Môžem pracovať na Slovensku?'],
  ['sk', 'Som žiadateľ o azyl v Bratislave a chcel by som vedieť, kedy môžem začať pracovať'],
  ['sl', 'Ali lahko delam v Sloveniji?'],
  ['sl', 'Sem prosilec za mednarodno zaščito v Ljubljani in bi rad vedel, kdaj lahko začnem delati'],
  ['tr', "İtalya'da çalışabilir miyim?"],
  ['tr', 'Almanya değil İrlanda’da sığınmacıyım ve ne zaman çalışmaya başlayabileceğimi öğrenmek istiyorum'],
  ['so', 'Ma shaqeyn karaa Ireland?'],
  ['so', 'Waxaan ahay magangalyo-doon ku nool Dublin, waxaan rabaa inaan ogaado goorma ayaan shaqo bilaabi karaa'],
  ['ar', 'هل يمكنني العمل؟'],
  ['ar', 'أنا لاجئ في بلجيكا وأريد أن أعرف كيف أعادل شهادتي الجامعية في الطب'],
  ['fa', 'آیا می‌توانم کار کنم؟'],
  ['fa', 'من پناهجو در هلند هستم و می‌خواهم بدانم چه زمانی می‌توانم کار کنم'],
  ['ps', 'ایا زه کار کولی شم؟'],
  ['ps', 'زه په بلجیم کې پناه غوښتونکی یم او غواړم پوه شم چې کله کار پیل کولی شم'],
  ['ti', 'ክሰርሕ ይኽእል ድየ?'],
  ['ti', 'ኣነ ኣብ ኔዘርላንድ ሓታቲ ዑቕባ እየ፣ መዓስ ክሰርሕ ከም ዝኽእል ክፈልጥ ደልየ'],
  ['uk', 'Чи можу я працювати?'],
  ['uk', 'Я маю тимчасовий захист в Ірландії і хочу дізнатися, як визнати мій диплом медсестри'],
  ['ru', 'Могу ли я работать в Италии, если у меня временная защита?'],
  ['ru', 'Я беженец из Сирии, живу в Братиславе и хочу узнать, как подтвердить свой диплом'],
];

describe('The language of a message', () => {
  it.each(MESSAGES)('%s: %s', (lang, message) => {
    expect(detector.detect(message)).toEqual({ lang, sure: true });
  });

  it('is not judged on one-word greetings, numbers, emoji or links', () => {
    for (const message of ['hello', 'ok', 'Ciao', '3', '👍', 'https://example.org/x', '   ']) {
      expect(detector.detect(message)?.sure ?? false).toBe(false);
    }
  });

  it('tells Arabic, Farsi and Pashto apart by their letters, also in short messages', () => {
    expect(detector.detect('شكرا جزيلا')?.lang).toBe('ar');
    expect(detector.detect('خیلی ممنون')).toEqual({ lang: 'fa', sure: true });
    expect(detector.detect('ډېره مننه')).toEqual({ lang: 'ps', sure: true });
    // "سلام" is both Arabic and Farsi: a guess, not a decision.
    expect(detector.detect('سلام')).toEqual({ lang: 'ar', sure: false });
  });

  it('tells Ukrainian from Russian by their letters', () => {
    expect(detector.detect('Дякую, все зрозуміло')).toEqual({ lang: 'uk', sure: true });
    expect(detector.detect('Спасибо, всё понятно')).toEqual({ lang: 'ru', sure: true });
  });

  it('goes by the main writing system of a mixed message', () => {
    expect(detector.detect('هل يمكنني العمل مع Stamp 4 في Ireland؟')?.lang).toBe('ar');
    expect(detector.detect('Чи потрібен мені TWV для роботи в Nederland?')?.lang).toBe('uk');
    expect(detector.detect('Is the Titre de compétence recognised for a job in Brussels?')?.lang).toBe('en');
  });
});
