import { Transcript } from '../test/helpers/transcript';
import { isInLanguage, stopwordScores, stripForLanguage } from './evalLanguage';
(async () => {
  const [lang, q] = [process.argv[2]!, process.argv[3]!];
  const c = new Transcript({ locale: q ? '' : lang });
  if (q) { const r = await c.say(q); console.log(r.text, r.choices); }
  else {
    const w = await c.join(); console.log(isInLanguage(w.text, lang), stopwordScores(stripForLanguage(w.text)));
    await c.say('menu:path'); const s = await c.say('country:IE'); console.log(s.text, isInLanguage(s.text, lang), stopwordScores(stripForLanguage(s.text)));
  }
  c.close();
})();
