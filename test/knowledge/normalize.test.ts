import { casedTokens, normalize, tokens } from '../../knowledge/normalize';

describe('normalize', () => {
  it.each([
    ['Hélène Čačak Ő ñ', 'helene cacak o n'],
    ['Straße Æsop Øre Łódź', 'strasse aesop ore lodz'],
    ["l'Italie, C++ (NEAR) col:x — ok!", 'l italie c near col x ok'],
    ['  many   spaces\tand\nlines  ', 'many spaces and lines'],
    ['ＡＢＣ ① ﬁle', 'abc 1 file'],
  ])('folds Latin text %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps Cyrillic and Ethiopic letters, including й and ё', () => {
    expect(normalize('Привет, Йод! Ёлка')).toBe('привет йод ёлка');
    expect(normalize('ትግርኛ ሰላም')).toBe('ትግርኛ ሰላም');
  });

  it('removes Arabic diacritics and tatweel and folds hamza forms of alef', () => {
    expect(normalize('أَهْلاً الـــعمل إِلى')).toBe('اهلا العمل الي');
  });

  it('unifies Arabic and Persian yeh and kaf', () => {
    expect(normalize('ی ى ي')).toBe('ي ي ي');
    expect(normalize('ک ك')).toBe('ك ك');
    expect(normalize('کار')).toBe(normalize('كار'));
  });

  it('turns Eastern Arabic and Persian digits into ASCII', () => {
    expect(normalize('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });

  it('drops emoji and symbols', () => {
    expect(normalize('😀 work 👍🏽 €5')).toBe('work 5');
  });

  it('is idempotent', () => {
    const text = "Équivalence d'un diplôme — شهادتی ۱۲ Ёлка İstanbul";
    expect(normalize(normalize(text))).toBe(normalize(text));
  });
});

describe('tokens', () => {
  it('splits folded text into words of letters, digits and underscore', () => {
    expect(tokens("Can I work after 6 months? ie_work 'quoted'")).toEqual([
      'can',
      'i',
      'work',
      'after',
      '6',
      'months',
      'ie_work',
      'quoted',
    ]);
  });

  it('returns no words for punctuation and emoji only', () => {
    expect(tokens('"*^()" 😀 --')).toEqual([]);
  });

  it('casedTokens keeps letter case and aligns with tokens', () => {
    const text = 'I moved to the UK, près de Liège';
    expect(casedTokens(text)).toEqual(['I', 'moved', 'to', 'the', 'UK', 'pres', 'de', 'Liege']);
    expect(casedTokens(text).map((word) => word.toLowerCase())).toEqual(tokens(text));
  });
});
