import { Transcript } from '../test/helpers/transcript';
(async () => {
  const c = new Transcript({ locale: process.argv[3] ?? '' });
  const r = await c.say(process.argv[2]!);
  console.log(r.text.slice(-1800), r.choices);
  c.close();
})();
