import { createBotGraph } from '../bot/app';
import { loadConfig } from '../bot/config';
const g = createBotGraph(loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/x' }));
const ans: any = (g.bot as any).dialog.services.answerer;
const lang = g.localizer.forLanguage((process.argv[3] ?? 'en') as any);
const u = ans.understanding.understand(process.argv[2]!, lang);
console.log(JSON.stringify({ ...u, date: u.date }));
for (const h of ans.search.search(process.argv[2]!, { lang: lang.lang, limit: 5, country: process.argv[4] as any })) console.log(h.entry.id, h.score.toFixed(3));
g.close();
