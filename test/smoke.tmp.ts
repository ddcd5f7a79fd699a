import { startBot, HttpConversation, removeDataDir } from './helpers/botServer';
(async () => {
  const bot = await startBot();
  const c = new HttpConversation(bot.baseUrl);
  const show = (label: string, r: {text: string; titles: string[]}) => console.log(`--- ${label}\n${r.text}\n[${r.titles.join(' | ')}]`);
  show('join', await c.join());
  for (const msg of ['find my path', 'Italy', 'refugee', "master's degree", 'nurse', 'all', 'work in my profession', 'compare', 'help', 'restart']) {
    show(msg, await c.say(msg));
  }
  await bot.stop(); removeDataDir(bot.dataDir);
})();
