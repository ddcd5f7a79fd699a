import { isolateLeftToRight, LRI, PDI } from '../../locales/bidi';

describe('Left-to-right runs inside right-to-left text', () => {
  it('isolates numbers, codes and Latin names, leaving sentence punctuation outside', () => {
    expect(isolateLeftToRight('بعد 6 أشهر (Stamp 4).')).toBe(`بعد ${LRI}6${PDI} أشهر (${LRI}Stamp 4${PDI}).`);
    expect(isolateLeftToRight('اتصل بـ ENIC-NARIC، ثم UWV.')).toBe(
      `اتصل بـ ${LRI}ENIC-NARIC${PDI}، ثم ${LRI}UWV${PDI}.`,
    );
  });

  it('keeps a name with a slash or brackets in one run', () => {
    expect(isolateLeftToRight('عن Labour Market Access Unit (Department of Justice / ISD). يُرسل')).toBe(
      `عن ${LRI}Labour Market Access Unit (Department of Justice / ISD)${PDI}. يُرسل`,
    );
  });

  it('leaves links untouched so that they still open', () => {
    const text = 'المصدر: Home Office https://www.gov.uk/x?id=2';
    const isolated = isolateLeftToRight(text);
    expect(isolated).toContain(' https://www.gov.uk/x?id=2');
    expect(isolated.endsWith('https://www.gov.uk/x?id=2')).toBe(true);
    expect(isolated).toContain(`${LRI}Home Office${PDI}`);
  });

  it('does not change text twice, nor text without left-to-right runs', () => {
    const once = isolateLeftToRight('بعد 4 أشهر');
    expect(isolateLeftToRight(once)).toBe(once);
    expect(isolateLeftToRight('مرحبا بك')).toBe('مرحبا بك');
  });
});
